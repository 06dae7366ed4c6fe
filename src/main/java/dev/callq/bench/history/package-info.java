/**
 * CI over time: every run's cells kept as JSON lines, one file per cell ({@link dev.callq.bench.history.History}),
 * and the commits where a metric changed, found by E-divisive means with Student's t-test as Apache Otava does
 * ({@link dev.callq.bench.history.EDivisive}), with each change's means, relative change, confidence interval
 * and p ({@link dev.callq.bench.history.ChangePoint}). It reads results through {@code compare}'s
 * {@link dev.callq.bench.compare.ResultSet} and writes nothing but history files; the HTML view is
 * {@code report}'s. Layer: beside {@code compare}.
 */
package dev.callq.bench.history;
