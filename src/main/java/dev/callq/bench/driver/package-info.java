/**
 * The client libraries under test behind one small API: {@link dev.callq.bench.driver.QueueDriver}
 * hands out producers, consumers and admins; what every client shares per queue pattern lives here
 * ({@link dev.callq.bench.driver.PatternConsumer}, {@link dev.callq.bench.driver.PatternAdmin}).
 * Drivers only move payloads: clocks, counters and work belong to {@code run} and {@code measure}.
 * Only {@code driver.jedis}, {@code driver.lettuce} and {@code driver.redisson} import a client library;
 * {@link dev.callq.bench.driver.QueueDrivers} registers them and {@link dev.callq.bench.driver.ClientChoice}
 * reads client settings files. Layer: above {@code env}.
 */
package dev.callq.bench.driver;
