/**
 * The Redisson driver: one {@code RedissonClient} whose connection pool serves every worker, saying only
 * how Redisson's objects ({@code RBlockingDeque}, {@code RStream}) pop, push and read a queue's length.
 * Payloads travel through {@code StringCodec}, so Redis holds the same plain strings Kamailio pushes; a
 * worker's pops use a {@code StringCodec} of its own that names its {@code ReplyStamp}, which a handler
 * installed through Redisson's {@code NettyHook} marks when the reply to the command in flight arrives.
 * The pattern logic shared by every client belongs to {@code driver}; nothing outside this package
 * imports Redisson. Layer: {@code driver}.
 */
package dev.callq.bench.driver.redisson;
