package dev.callq.bench.options;

import dev.callq.bench.result.Shard;
import dev.callq.bench.result.Role;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.sip.KamailioSizing;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.time.Duration;

/**
 * Every default of a {@code callq run} option, as JMH's {@code Defaults}: what {@link RunOptions#toConfig}
 * fills in for an option not given, and what the options' help texts name. A default changes here, and
 * only here; {@code run --help}, {@code docs/run-options.md} (checked by a test) and the runs follow.
 */
public final class RunDefaults {
    // A default that is not a number or a string is kept as its command-line spelling too (*_NAME, *_SPEC),
    // read into its type here: help texts, being annotations, can only name constants.
    public static final String CLIENT = QueueDrivers.ALL;
    public static final int WORKERS = 4;
    public static final String LOAD_NAME = "sip";
    public static final LoadKind LOAD = LoadKind.parse(LOAD_NAME, "--load");
    /** Offered SIP calls per second. */
    public static final long SIP_RATE_PER_SEC = 100;
    /** Offered synthetic events per second. */
    public static final long SYNTHETIC_RATE_PER_SEC = 5000;
    /** Seconds of measured load, for either kind of load. */
    public static final double DURATION_SECONDS = 10;
    public static final double WARMUP_SECONDS = 2;
    /** The longest warm-up while the JIT still compiles (see {@link Warmup}). */
    public static final int WARMUP_MAX_SECONDS = 15;
    public static final long HOLD_MILLIS = 200;
    public static final String PAYLOAD_NAME = "json";
    public static final PayloadFormat PAYLOAD = RunOptions.parseEnum(PayloadFormat.class, PAYLOAD_NAME, "--payload");
    public static final String PATTERN_NAME = "blpop";
    public static final QueuePattern PATTERN = RunOptions.parseEnum(QueuePattern.class, PATTERN_NAME, "--pattern");
    public static final int BATCH_SIZE = 16;
    public static final String SERVICE_TIME_SPEC = "none";
    public static final ServiceTime SERVICE_TIME = ServiceTime.parse(SERVICE_TIME_SPEC);
    public static final String WORK_MODE_NAME = "sleep";
    public static final Work.Mode WORK_MODE = RunOptions.parseEnum(Work.Mode.class, WORK_MODE_NAME, "--work");
    public static final String ARRIVALS_NAME = "constant";
    public static final SyntheticLoad.Arrivals ARRIVALS =
            RunOptions.parseEnum(SyntheticLoad.Arrivals.class, ARRIVALS_NAME, "--arrivals");
    public static final int PRODUCER_CONNECTIONS = 2;
    public static final long POP_TIMEOUT_MILLIS = 1000;
    public static final long DRAIN_TIMEOUT_SECONDS = 30;
    public static final int RESP_VERSION = 2;
    public static final String KEY = "callq:events";
    /** Kamailio's SIP workers; why four is said where Kamailio is sized. */
    public static final int KAMAILIO_CHILDREN = KamailioSizing.DEFAULT_CHILDREN;
    public static final String REDIS_PERSISTENCE_NAME = "none";
    public static final RedisPersistence REDIS_PERSISTENCE = RedisPersistence.parse(REDIS_PERSISTENCE_NAME);
    public static final String ROLE_NAME = "all";
    public static final Role ROLE = Role.parse(ROLE_NAME);
    public static final String SHARD_SPEC = "0/1";
    public static final Shard SHARD = Shard.parse(SHARD_SPEC);
    /** No round trip added: the parties reach Redis on loopback. */
    public static final Duration REDIS_RTT = Duration.ZERO;

    private RunDefaults() {
    }

    /** Calls/s for SIP, events/s for synthetic: the rate when none is given. */
    public static long ratePerSec(LoadKind load) {
        return switch (load) {
            case SIP -> SIP_RATE_PER_SEC;
            case SYNTHETIC -> SYNTHETIC_RATE_PER_SEC;
        };
    }
}
