/**
 * One measured run: {@link dev.callq.bench.run.RunConfig} in, worker pools per client through warm-up,
 * measured phase and drain, {@link dev.callq.bench.run.RunSummary} out (the model of {@code summary.json}),
 * plus a run forked into its own JVM, and a run split over several processes: one shard of it
 * ({@link dev.callq.bench.run.ShardRun}, meeting the others at {@code ShardBarrier}) and their parts added up
 * ({@link dev.callq.bench.run.ShardMerge}). Searching over many runs belongs to {@code plan}, {@code maxrate}
 * and {@code sweep}; option parsing to {@code cli}; pages to {@code report}. Layer: above {@code load}.
 */
package dev.callq.bench.run;
