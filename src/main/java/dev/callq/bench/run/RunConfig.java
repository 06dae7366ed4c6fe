package dev.callq.bench.run;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.KamailioSettings;
import dev.callq.bench.sip.KamailioSizing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run needs, fixed before it starts, checked and with defaults filled in: what
 * {@link RunOptions#toConfig} makes of the command line or of options built in code.
 *
 * @param clients        the clients to measure, one after the other, each on the same load
 * @param workers        consumer threads, each with its own connection
 * @param load           SIP or synthetic
 * @param rate           offered calls/s (SIP) or events/s (synthetic)
 * @param calls          SIP calls in the measured phase (derived from the duration when that is given)
 * @param duration       length of the measured phase
 * @param warmup         bounds of the warm-up phase, whose events are consumed but not measured
 * @param holdTime       how long SIPp holds each call between ACK and BYE
 * @param payload        the payload format Kamailio pushes
 * @param pattern        how workers pop (and acknowledge) events
 * @param batchSize      events per pop for the batch and stream patterns
 * @param serviceTime    simulated work per event; its {@code spec()} is the canonical text, e.g. "exp:3ms"
 * @param workMode       spin (CPU) or sleep
 * @param arrivals       synthetic arrival process
 * @param producerLanes  synthetic producer connections
 * @param popTimeout     bound on each blocking pop (and on how long a worker takes to stop)
 * @param drainTimeout   bound on the wait for the queue to empty after the load
 * @param respVersion    protocol version both clients are pinned to
 * @param redis          an external Redis to use instead of starting one, or null
 * @param outDir         the results folder
 * @param kamailioShmMb  Kamailio's shared memory in MB, or null to size it for the rate ({@link KamailioSizing})
 * @param kamailioChildren Kamailio's SIP worker processes
 * @param key            the Redis key of the queue
 * @param events         which SIP requests Kamailio pushes an event for
 * @param kamailioCfg    the user's Kamailio script, or null for the bundled one
 * @param profile        record a JFR profile of each client's measured phase ({@code <client>.jfr})
 */
public record RunConfig(List<String> clients, int workers, LoadKind load, RateProfile rate, long calls,
                        Duration duration, Warmup warmup, Duration holdTime, PayloadFormat payload,
                        QueuePattern pattern, int batchSize, ServiceTime serviceTime, Work.Mode workMode,
                        SyntheticLoad.Arrivals arrivals, int producerLanes, Duration popTimeout,
                        Duration drainTimeout, int respVersion, RedisEndpoint redis, Path outDir,
                        Integer kamailioShmMb, int kamailioChildren, String key, EnqueuedEvents events,
                        Path kamailioCfg, boolean profile) {

    /** A configuration without profiling, as built before --profile existed. */
    public RunConfig(List<String> clients, int workers, LoadKind load, RateProfile rate, long calls,
                     Duration duration, Warmup warmup, Duration holdTime, PayloadFormat payload,
                     QueuePattern pattern, int batchSize, ServiceTime serviceTime, Work.Mode workMode,
                     SyntheticLoad.Arrivals arrivals, int producerLanes, Duration popTimeout,
                     Duration drainTimeout, int respVersion, RedisEndpoint redis, Path outDir,
                     Integer kamailioShmMb, int kamailioChildren, String key, EnqueuedEvents events,
                     Path kamailioCfg) {
        this(clients, workers, load, rate, calls, duration, warmup, holdTime, payload, pattern, batchSize, serviceTime,
                workMode, arrivals, producerLanes, popTimeout, drainTimeout, respVersion, redis, outDir, kamailioShmMb,
                kamailioChildren, key, events, kamailioCfg, false);
    }

    public static final String QUEUE_KEY = "callq:events";

    public RunConfig {
        clients = List.copyOf(clients);
        // Kamailio and SIPp run in folders of their own: a relative path would point elsewhere for them.
        outDir = outDir.toAbsolutePath().normalize();
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        }
        if (load == LoadKind.SYNTHETIC && payload == PayloadFormat.CALLID) {
            throw new IllegalArgumentException("--payload callid carries no enqueue stamp; the synthetic load "
                    + "needs --payload json");
        }
        if (load == LoadKind.SYNTHETIC && kamailioCfg != null) {
            throw new IllegalArgumentException("--kamailio-cfg needs --load sip");
        }
        if (load == LoadKind.SIP) {
            events.requireCarriedBy(payload);
            KamailioSizing.requireValid(kamailioShmMb != null ? kamailioShmMb : KamailioSizing.sharedMemoryMb(1),
                    kamailioChildren);
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("--key must not be empty");
        }
        kamailioCfg = kamailioCfg == null ? null : kamailioCfg.toAbsolutePath().normalize();
        if (load == LoadKind.SIP && pattern == QueuePattern.STREAM) {
            throw new IllegalArgumentException("--pattern stream needs --load synthetic: Kamailio pushes to a list");
        }
    }

    /** What Kamailio is started with for this run, pushing to {@code redis} under {@code key}. */
    public KamailioSettings kamailioSettings(RedisEndpoint redis, String key) {
        return new KamailioSettings(redis, key, payload, events, kamailioCfg, kamailioSharedMemoryMb(), kamailioChildren);
    }

    /** Kamailio's shared memory in MB: as given, or sized for the rate. */
    public int kamailioSharedMemoryMb() {
        return kamailioShmMb != null ? kamailioShmMb : KamailioSizing.sharedMemoryMb(rate.meanRatePerSec(1));
    }

    /** The phases' events as a plain description for the summary. */
    public String describePhases() {
        String warmupLength = warmup.maximum().equals(warmup.minimum()) ? warmup.minimum().toMillis() / 1000.0 + " s"
                : warmup.minimum().toMillis() / 1000.0 + " s, longer while the JIT compiles (up to "
                + warmup.maximum().toMillis() / 1000.0 + " s)";
        return "warm-up " + warmupLength + " (excluded), measured " + duration.toMillis() / 1000.0
                + " s, drain up to " + drainTimeout.toSeconds() + " s";
    }
}
