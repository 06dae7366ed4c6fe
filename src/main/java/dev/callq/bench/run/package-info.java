/**
 * One measured run: {@link dev.callq.bench.run.RunConfig} in, worker pools per client through warm-up,
 * measured phase and drain, a {@code result.RunSummary} out, plus a run forked into its own JVM, and a run
 * split over several processes: one shard of it ({@link dev.callq.bench.run.ShardRun}, meeting the others at
 * {@code ShardBarrier}) and their parts added up ({@link dev.callq.bench.run.ShardMerge}). The result records
 * belong to {@code result}, the faults to {@code fault}; searching over many runs to {@code plan},
 * {@code maxrate} and {@code sweep}; option parsing to {@code cli}; pages to {@code report}. Layer: above
 * {@code fault}.
 */
package dev.callq.bench.run;
