/**
 * What a run leaves behind, as records: {@link dev.callq.bench.result.RunSummary} (the model of
 * {@code summary.json}) with a {@link dev.callq.bench.result.ClientResult} per client, the
 * {@link dev.callq.bench.result.RunVerdict} and the sustained rule ({@link dev.callq.bench.result.SustainedLoad})
 * that decide whether its numbers can be trusted, {@code --threshold}'s {@link dev.callq.bench.result.Thresholds},
 * the per-second {@link dev.callq.bench.result.Timeseries}, the faults as they went, a shard's
 * {@link dev.callq.bench.result.ShardPart}, the one JSON mapper ({@link dev.callq.bench.result.SummaryJson})
 * that writes and reads them, and {@link dev.callq.bench.result.CsvTable}, which writes and reads the CSV files
 * of a row per client or cell by column name. Whatever reads a results folder (reports, the gate, history, the searches)
 * needs this package, not the run that wrote it. Nothing here starts a process or measures. Layer: above
 * {@code load}, whose call and producer counts a result holds.
 */
package dev.callq.bench.result;
