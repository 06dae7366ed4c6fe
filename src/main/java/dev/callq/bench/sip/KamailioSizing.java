package dev.callq.bench.sip;

/**
 * Kamailio's shared memory and SIP worker count for a call rate, unless the user sets them.
 *
 * <p>Shared memory holds every live {@code tm} transaction, and a transaction lives on for the wait
 * timer (5 s) after its final reply. Measured on the bundled script with {@code kamcmd core.shmmem}
 * (max_used): 77 MB at 500 calls/s, 151 MB at 1,000, 297 MB at 2,000, i.e. about 150 KB per call/s (an
 * INVITE and a BYE transaction, about 15 KB each, times 5 s). The rule gives 256 KB per call/s on top of
 * 64 MB (1.7 times the measured need, for SIPp's bursts and fragmentation), rounded up to 64 MB: 128 MB
 * at 100 calls/s, 320 MB at 1,000, 832 MB at 3,000. The pool is reserved address space, not resident
 * memory: Kamailio touches only what it uses. With 64 MB at 1,000 calls/s Kamailio ran out
 * ({@code could not allocate shared memory from shm pool}) and answered 500 to most calls.
 */
public final class KamailioSizing {
    private static final int BASE_SHARED_MEMORY_MB = 64;
    private static final int SHARED_MEMORY_KB_PER_CALL_PER_SEC = 256;
    private static final int SHARED_MEMORY_STEP_MB = 64;

    /**
     * SIP worker processes. {@code ndb_redis} blocks a worker for each push, but a loopback RPUSH takes
     * about 0.1 ms, so four push far more than the 2 × 3,000 events/s four workers were measured to carry
     * clean; more processes than cores only add context switches. Raise it for a remote or slow Redis:
     * about events/s × Redis round trip × 2.
     */
    public static final int DEFAULT_CHILDREN = 4;

    // A smaller pool holds fewer than a thousand transactions (about 15 KB each, beside Kamailio's own 3 MB).
    private static final int MINIMUM_SHARED_MEMORY_MB = 16;

    private KamailioSizing() {
    }

    /** Rejects sizes Kamailio cannot run with, naming the option. */
    public static void requireValid(int sharedMemoryMb, int children) {
        if (sharedMemoryMb < MINIMUM_SHARED_MEMORY_MB) {
            throw new IllegalArgumentException("--kamailio-shm-mb must be at least " + MINIMUM_SHARED_MEMORY_MB
                    + ", not " + sharedMemoryMb);
        }
        if (children < 1) {
            throw new IllegalArgumentException("--kamailio-children must be at least 1, not " + children);
        }
    }

    /** Shared memory, in MB, for {@code rateCps} calls/s through the bundled script. */
    public static int sharedMemoryMb(double rateCps) {
        double needMb = BASE_SHARED_MEMORY_MB + rateCps * SHARED_MEMORY_KB_PER_CALL_PER_SEC / 1024.0;
        return (int) Math.ceil(needMb / SHARED_MEMORY_STEP_MB) * SHARED_MEMORY_STEP_MB;
    }
}
