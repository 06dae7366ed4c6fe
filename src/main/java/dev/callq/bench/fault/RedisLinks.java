package dev.callq.bench.fault;

import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.netem.Direction;
import dev.callq.bench.netem.NetworkProxy;
import dev.callq.bench.netem.ProxyCounters;
import dev.callq.bench.netem.RoundTrip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two links between a client's run and Redis when it needs the network proxy ({@code --redis-rtt}, or a
 * fault of the proxy: redis-latency, -partition, -reset or -bandwidth): one proxy the workers dial, one the producer dials (the synthetic producer, or Kamailio on a SIP run), so that a fault can act
 * on one side alone. Both carry the run's base round trip (and its jitter); a fault adds to it and restores it. The
 * harness's own reads of the queue (backlog, accounting) dial {@link #upstream()}, outside the network.
 */
public final class RedisLinks implements AutoCloseable {
    private final NetworkProxy workers;
    private final NetworkProxy producer;
    private final Duration baseOneWay;
    private final Duration baseJitter;

    private RedisLinks(NetworkProxy workers, NetworkProxy producer, RoundTrip base) {
        this.workers = workers;
        this.producer = producer;
        this.baseOneWay = base.oneWay();
        this.baseJitter = base.oneWayJitter();
    }

    /** Starts both proxies in front of {@code redis}, each adding half of {@code base}'s round trip (± half its jitter) each way. */
    public static RedisLinks start(RedisEndpoint redis, RoundTrip base) {
        NetworkProxy workers = NetworkProxy.start(redis);
        NetworkProxy producer;
        try {
            producer = NetworkProxy.start(redis);
        } catch (RuntimeException e) {
            workers.close();
            throw e;
        }
        RedisLinks links = new RedisLinks(workers, producer, base);
        links.restoreLatency(FaultSpec.Side.ALL);
        return links;
    }

    /** Redis itself, for the harness's reads of the queue. */
    public RedisEndpoint upstream() {
        return workers.upstream();
    }

    /** Where the workers dial Redis. */
    public RedisEndpoint workersEndpoint() {
        return workers.endpoint();
    }

    /** Where the producer dials Redis. */
    public RedisEndpoint producerEndpoint() {
        return producer.endpoint();
    }

    /** The proxies of one side. */
    List<NetworkProxy> proxies(FaultSpec.Side side) {
        List<NetworkProxy> proxies = new ArrayList<>(2);
        if (side.includesWorkers()) {
            proxies.add(workers);
        }
        if (side.includesProducer()) {
            proxies.add(producer);
        }
        return proxies;
    }

    /** Adds {@code added}'s half round trip (± half its jitter) to the base delay of a side's links, each way. */
    void addLatency(FaultSpec.Side side, RoundTrip added) {
        proxies(side).forEach(proxy -> proxy.setLatency(baseOneWay.plus(added.oneWay()),
                baseJitter.plus(added.oneWayJitter())));
    }

    /** Caps each direction of a side's links at {@code bytesPerSecond}; 0 removes the cap. */
    void capBandwidth(FaultSpec.Side side, long bytesPerSecond) {
        for (NetworkProxy proxy : proxies(side)) {
            for (Direction direction : Direction.values()) {
                proxy.setBandwidth(direction, bytesPerSecond);
            }
        }
    }

    /** Back to the base delay. */
    void restoreLatency(FaultSpec.Side side) {
        proxies(side).forEach(proxy -> proxy.setLatency(baseOneWay, baseJitter));
    }

    /** For the run's environment record: how the workers' link is shaped (the producer's is the same). */
    public String describe() {
        return workers.describe() + "; the producer through a second proxy alike";
    }

    /** Connections and bytes of both links, summed. */
    public ProxyCounters counters() {
        ProxyCounters w = workers.counters();
        ProxyCounters p = producer.counters();
        return new ProxyCounters(w.connectionsAccepted() + p.connectionsAccepted(), w.connectionsOpen() + p.connectionsOpen(),
                w.connectionsReset() + p.connectionsReset(), w.bytesToUpstream() + p.bytesToUpstream(),
                w.bytesFromUpstream() + p.bytesFromUpstream());
    }

    @Override
    public void close() {
        try (producer) {
            workers.close();
        }
    }
}
