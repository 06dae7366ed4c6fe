/**
 * What travels through the queue: a {@link dev.callq.bench.event.CallEvent} and the two payload formats
 * ({@link dev.callq.bench.event.PayloadFormat}) it is encoded in, with the exception a malformed one
 * raises. Only encoding and decoding belong here; counting events belongs to {@code measure}, pushing
 * and popping to {@code driver}. Lowest layer, beside {@code work}, {@code measure} and {@code queueing}.
 */
package dev.callq.bench.event;
