/**
 * A simulated network between the harness's parties and Redis, on loopback: this kernel has no
 * {@code netem} qdisc, so added latency, a bandwidth cap, connection resets and partitions are made by a
 * userspace TCP proxy ({@link dev.callq.bench.netem.NetworkProxy}, on Netty) that each party dials
 * instead of Redis; {@link dev.callq.bench.netem.RoundTrip} is how an added round trip is spelled. It speaks
 * bytes, not RESP: it knows nothing of clients, queues or runs.
 * Layer: beside {@code env}, whose {@code RedisEndpoint} it uses; below everything else.
 */
package dev.callq.bench.netem;
