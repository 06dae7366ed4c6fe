package dev.callq.bench.compare;

import java.nio.file.Path;

/**
 * One measured repeat of a cell, read back from its raw results.
 *
 * @param p99Micros        p99 enqueue→dequeue, recomputed from the cell's .hlog intervals
 * @param throughputPerSec measured events consumed per second, from summary.json
 */
public record CellMeasurement(CellKey key, String serviceTime, Path folder, long p99Micros, double throughputPerSec) {
}
