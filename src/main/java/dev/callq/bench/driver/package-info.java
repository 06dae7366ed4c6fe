/**
 * The client libraries under test behind one small API: {@link dev.callq.bench.driver.QueueDriver}
 * hands out producers, consumers and admins; what every client shares per queue pattern lives here
 * ({@link dev.callq.bench.driver.PatternConsumer}, {@link dev.callq.bench.driver.PatternAdmin}).
 * Drivers only move payloads: clocks, counters and work belong to {@code run} and {@code measure}. The one
 * exception is {@link dev.callq.bench.driver.ReplyStamp}: only a connection's socket sees when a reply
 * arrives, so a consumer's socket marks it, on {@code measure}'s wall clock, for the latency split.
 * Only {@code driver.jedis}, {@code driver.lettuce} and {@code driver.redisson} import a client library;
 * {@link dev.callq.bench.driver.QueueDrivers} registers them and {@link dev.callq.bench.driver.ClientChoice}
 * reads client settings files. Layer: above {@code env}.
 */
package dev.callq.bench.driver;
