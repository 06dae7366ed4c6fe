/**
 * Measurement: the wall clock every latency is read from, HdrHistogram recorders and interval logs
 * per {@link dev.callq.bench.measure.Metric}, latency summaries, the ledger and
 * {@link dev.callq.bench.measure.Accounting} of every event (and, for a run split into shards, the
 * compact {@link dev.callq.bench.measure.EventSets} each shard writes and the
 * {@link dev.callq.bench.measure.ClockOffset} of its clock to the shared reference), and the
 * queue-wait objective {@link dev.callq.bench.measure.Slo} every command spells the same. Nothing here starts a process or
 * talks to Redis; running a load belongs to {@code load} and {@code run}. Lowest layer, beside
 * {@code event}, {@code work} and {@code queueing}.
 */
package dev.callq.bench.measure;
