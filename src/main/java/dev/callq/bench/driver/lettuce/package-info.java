/**
 * The Lettuce driver: one {@code RedisClient} and a dedicated connection per consumer, saying only how
 * Lettuce pops, pushes and reads a queue's length. The pattern logic shared by every client belongs to
 * {@code driver}; nothing outside this package imports Lettuce. Layer: {@code driver}.
 */
package dev.callq.bench.driver.lettuce;
