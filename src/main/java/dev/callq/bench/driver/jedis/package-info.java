/**
 * The Jedis driver: one plain connection per consumer, producer and admin, saying only how Jedis pops,
 * pushes and reads a queue's length. The pattern logic shared by every client belongs to {@code driver};
 * nothing outside this package imports Jedis. Layer: {@code driver}.
 */
package dev.callq.bench.driver.jedis;
