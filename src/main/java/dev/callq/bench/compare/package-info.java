/**
 * The regression gate: two results folders read back cell by cell, each metric compared within a
 * {@link dev.callq.bench.compare.Tolerance} and the noise between repeats, with a
 * {@link dev.callq.bench.compare.Verdict} per metric and a Markdown table. It only reads results;
 * running them belongs to {@code run}, {@code sweep} and {@code suite}. Layer: above {@code suite}.
 */
package dev.callq.bench.compare;
