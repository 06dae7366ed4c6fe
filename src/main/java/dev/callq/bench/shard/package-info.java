/**
 * A run split over several processes (or pods): one shard of a role
 * ({@link dev.callq.bench.shard.ShardRun}: a producer shard or a consumer shard, consuming with the same drain
 * rule and measured window as a local run), the shards meeting at a barrier in Redis
 * ({@link dev.callq.bench.shard.ShardBarrier}) on queues named per shard ({@link dev.callq.bench.shard.ShardQueues}),
 * and their parts added up into one run's summary ({@link dev.callq.bench.shard.ShardMerge}). A shard's part
 * file is a {@code result.ShardPart}. Layer: above {@code run}, beside {@code plan}, {@code maxrate} and
 * {@code sweep}.
 */
package dev.callq.bench.shard;
