/**
 * The client libraries under test behind one small API: {@link dev.callq.bench.driver.QueueDriver}
 * hands out producers, consumers and admins; what every client shares per queue pattern lives here
 * ({@link dev.callq.bench.driver.PatternConsumer}, {@link dev.callq.bench.driver.PatternAdmin}).
 * Drivers only move payloads: clocks, counters and work belong to {@code run} and {@code measure}.
 * Only {@code driver.jedis} and {@code driver.lettuce} import a client library. Layer: above {@code env}.
 */
package dev.callq.bench.driver;
