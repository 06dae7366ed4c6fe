package dev.callq.bench.options;

import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.load.LoadKind;

/**
 * The defaults of {@code callq run} options that are not written in their own declaration in {@link RunOptions}:
 * those another command shares (as {@code max-rate}'s and {@code plan}'s own options, which help texts name as
 * constants), and those that depend on another option, which {@link RunOptions#toConfig} fills in. Every other
 * default is the {@code defaultValue} of its option: changed there, and only there.
 */
public final class RunDefaults {
    public static final String CLIENT = QueueDrivers.ALL;
    public static final String PATTERN_NAME = "blpop";
    public static final String SERVICE_TIME_SPEC = "none";
    public static final String WORK_MODE_NAME = "sleep";
    /** The longest warm-up while the JIT still compiles (see {@link Warmup}); sweeps and plans bound their time by it. */
    public static final int WARMUP_MAX_SECONDS = 15;
    /** Offered SIP calls per second. */
    public static final long SIP_RATE_PER_SEC = 100;
    /** Offered synthetic events per second. */
    public static final long SYNTHETIC_RATE_PER_SEC = 5000;
    /** Seconds of measured load, for either kind of load, unless {@code --calls} says how many calls. */
    public static final double DURATION_SECONDS = 10;

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
