/**
 * The regression gate: two results folders read back cell by cell, each metric compared within a
 * {@link dev.callq.bench.compare.Tolerance} and the noise between repeats (the p99 and the p50
 * enqueue→done by {@link dev.callq.bench.compare.RepeatsTTest} over the repeats), with a
 * {@link dev.callq.bench.compare.Verdict} per metric and a Markdown table. Broken, missing, thin or
 * untrustworthy evidence fails rather than passes. {@link dev.callq.bench.compare.MachineRecord} says where
 * a folder was measured, so a baseline from another machine is flagged. It only reads results, through the records of {@code result}; running
 * them belongs to {@code run}, {@code sweep} and {@code suite} (and the A/B run to {@code cli}). Layer:
 * above {@code suite}.
 */
package dev.callq.bench.compare;
