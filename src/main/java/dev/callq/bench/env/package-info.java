/**
 * The environment a run needs: finding binaries, free ports, starting and stopping child processes
 * ({@link dev.callq.bench.env.ManagedProcess}), where a Redis is and how to log in to it
 * ({@link dev.callq.bench.env.RedisEndpoint}, the one place a Redis URL is read and masked), a local
 * redis-server (with a password and TLS on request) and its checks in plain RESP, the harness's own
 * bookkeeping in Redis ({@link dev.callq.bench.env.RespConnection}, the Redis clock
 * {@link dev.callq.bench.env.RedisClock} that the shards of a run align to), and the
 * {@link dev.callq.bench.env.Provenance} every results file records (build, command line, machine).
 * No client library and no SIP belong here: those are {@code driver} and {@code sip}.
 * Layer: above {@code event}, {@code work}, {@code measure} and {@code queueing}; below everything else.
 */
package dev.callq.bench.env;
