package dev.callq.bench.fault;

import dev.callq.bench.DurationText;
import dev.callq.bench.netem.RoundTrip;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --fault}, parsed: what fails, when into the measured phase, and for how long. The text is
 * the one place a fault is spelled; {@link #toString} gives it back.
 *
 * <pre>
 *   redis-pause:3s@5s       SIGSTOP the Redis callq started 5 s into the measured phase, SIGCONT 3 s later
 *   redis-restart@5s        kill -9 it and start it again on the same port with the same configuration
 *   redis-failover@5s       kill the primary of --redis-sentinel's topology; Sentinel promotes the replica
 *   redis-latency:2ms@5s-15s  add 2 ms of round trip through the latency proxy from 5 s to 15 s
 *   redis-partition:4s@5s   blackhole Redis's traffic through the latency proxy for 4 s
 *   redis-partition:4s@5s/workers   the same on one side only: /workers, /producer or /all (the default)
 *   redis-latency:2ms~1ms@5s-15s   2 ms of round trip ± 1 ms: each chunk's delay drawn anew (order kept)
 *   redis-reset@5s          reset (TCP RST) every connection through the proxy once; the clients reconnect
 *   redis-bandwidth:8mbit@5s-15s   cap each direction of the link at 8 megabits/s (1 MB/s) from 5 s to 15 s
 *   consumer-crash:1@5s     one worker dies after its pop, before its work is done, and never acknowledges
 *   kamailio-restart@5s     stop Kamailio and start it again on the same port
 *   sip-loss:5%             SIPp drops 5% of the messages it receives (-lost), the whole run
 * </pre>
 *
 * @param kind    what fails
 * @param at      when into the measured phase it starts
 * @param length  how long it lasts before it is undone (zero for a fault that is over once done)
 * @param amount  the count (consumer-crash), percentage (sip-loss), added round-trip milliseconds
 *                (redis-latency) or bits per second (redis-bandwidth)
 * @param side    which links to Redis a proxy fault acts on; {@link Side#ALL} for every other kind
 * @param jitter  a redis-latency's round trip is drawn within amount ± jitter; zero for every other kind
 */
public record FaultSpec(Kind kind, Duration at, Duration length, double amount, Side side, Duration jitter) {

    /** A fault on every link (all that a fault not made by the proxy can be). */
    public FaultSpec(Kind kind, Duration at, Duration length, double amount) {
        this(kind, at, length, amount, Side.ALL);
    }

    /** A fault without jitter. */
    public FaultSpec(Kind kind, Duration at, Duration length, double amount, Side side) {
        this(kind, at, length, amount, side, Duration.ZERO);
    }

    /**
     * Which links to Redis a proxy fault acts on: the workers' (what the queue's consumers see) or the
     * producer's (the synthetic producer, or Kamailio's ndb_redis on a SIP run: what the post-dial delay
     * sees), or both. The harness's own reads of the queue (backlog, accounting) go around the proxies.
     */
    public enum Side {
        WORKERS, PRODUCER, ALL;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean includesWorkers() {
            return this != PRODUCER;
        }

        public boolean includesProducer() {
            return this != WORKERS;
        }
    }

    /** The kinds of fault, by their spelling on the command line. */
    public enum Kind {
        REDIS_PAUSE, REDIS_RESTART, REDIS_FAILOVER, REDIS_LATENCY, REDIS_PARTITION, CONSUMER_CRASH,
        KAMAILIO_RESTART, SIP_LOSS, REDIS_RESET, REDIS_BANDWIDTH;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Faults made by the latency proxy between the parties and Redis. */
        public boolean needsProxy() {
            return this == REDIS_LATENCY || this == REDIS_PARTITION || this == REDIS_RESET || this == REDIS_BANDWIDTH;
        }

        /** Kinds that last from @START to END rather than for a length. */
        boolean takesRange() {
            return this == REDIS_LATENCY || this == REDIS_BANDWIDTH;
        }

        /** Faults done to the Redis callq started: refused for an external Redis. */
        public boolean needsLocalRedis() {
            return this == REDIS_PAUSE || this == REDIS_RESTART || this == REDIS_FAILOVER;
        }
    }

    /** The units {@link DurationText} takes; a time without one is in seconds. */
    private static final String TIME_UNIT = "us|µs|μs|ms|s";
    private static final Pattern SPEC = Pattern.compile(
            "(?<kind>[a-z-]+)(?::(?<arg>[0-9.]+(?:" + TIME_UNIT + "|%|[kmg]?bit)?)(?:~(?<jitter>[0-9.]+(?:" + TIME_UNIT + ")))?)?"
                    + "(?:@(?<at>[0-9.]+(?:" + TIME_UNIT + ")?)(?:-(?<until>[0-9.]+(?:" + TIME_UNIT + ")?))?)?(?:/(?<side>[a-z]+))?");
    private static final String FORMS = "redis-pause:3s@5s, redis-restart@5s, redis-failover@5s, "
            + "redis-latency:2ms[~1ms]@5s-15s, redis-partition:4s@5s[/workers|/producer|/all], redis-reset@5s, "
            + "redis-bandwidth:8mbit@5s-15s (bits/s: kbit, mbit, gbit), consumer-crash:1@5s, kamailio-restart@5s, sip-loss:5%";
    /** redis-bandwidth's units, bits per second as tc spells them (decimal: 1mbit is 10^6 bits/s), largest first. */
    private static final List<String> BIT_RATE_UNITS = List.of("gbit", "mbit", "kbit", "bit");

    /**
     * Reads a fault as {@code --fault} takes it.
     *
     * @throws IllegalArgumentException with a one-line message listing the forms
     */
    public static FaultSpec parse(String text) {
        String spec = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw bad(text, "");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(m.group("kind").toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw bad(text, "unknown fault '" + m.group("kind") + "'; ");
        }
        String arg = m.group("arg");
        String at = m.group("at");
        String until = m.group("until");
        if (m.group("jitter") != null && kind != Kind.REDIS_LATENCY) {
            throw bad(text, "only redis-latency takes a jitter ~TIME; ");
        }
        Side side = side(m.group("side"), kind, text);
        if (kind == Kind.SIP_LOSS) {
            if (arg == null || !arg.endsWith("%") || at != null) {
                throw bad(text, "sip-loss takes a percentage and lasts the whole run; ");
            }
            double percent = number(arg.substring(0, arg.length() - 1), text);
            if (!(percent > 0 && percent < 100)) {
                throw bad(text, "sip-loss's percentage must be between 0 and 100; ");
            }
            return new FaultSpec(kind, Duration.ZERO, Duration.ZERO, percent);
        }
        if (at == null) {
            throw bad(text, kind.cliName() + " needs @TIME, when into the measured phase it starts; ");
        }
        Duration start = duration(at, text);
        if (until != null && !kind.takesRange()) {
            throw bad(text, "only redis-latency and redis-bandwidth take a range @START-END; ");
        }
        return switch (kind) {
            case REDIS_RESTART, REDIS_FAILOVER, KAMAILIO_RESTART, REDIS_RESET -> {
                if (arg != null) {
                    throw bad(text, kind.cliName() + " takes no argument; ");
                }
                yield new FaultSpec(kind, start, Duration.ZERO, 0, side);
            }
            case REDIS_PAUSE, REDIS_PARTITION -> {
                if (arg == null || arg.endsWith("%")) {
                    throw bad(text, kind.cliName() + " needs a length, e.g. :3s; ");
                }
                Duration length = duration(arg, text);
                if (length.isZero()) {
                    throw bad(text, kind.cliName() + "'s length must be positive; ");
                }
                yield new FaultSpec(kind, start, length, 0, side);
            }
            case REDIS_LATENCY -> {
                if (arg == null || !arg.matches("[0-9.]+(?:" + TIME_UNIT + ")") || until == null) {
                    throw bad(text, "redis-latency needs an added time and a range, e.g. :2ms@5s-15s; ");
                }
                RoundTrip added;
                try {
                    added = RoundTrip.parse(m.group("jitter") == null ? arg : arg + "~" + m.group("jitter"), kind.cliName());
                } catch (IllegalArgumentException e) {
                    throw bad(text, e.getMessage() + "; ");
                }
                yield new FaultSpec(kind, start, range(start, until, text), added.rtt().toNanos() / 1e6, side, added.jitter());
            }
            case REDIS_BANDWIDTH -> {
                String unit = arg == null ? null
                        : BIT_RATE_UNITS.stream().filter(arg::endsWith).findFirst().orElse(null);
                if (unit == null || until == null) {
                    throw bad(text, "redis-bandwidth needs a rate in bits/s and a range, e.g. :8mbit@5s-15s; ");
                }
                double bitsPerSecond = number(arg.substring(0, arg.length() - unit.length()), text) * bitsPer(unit);
                if (bitsPerSecond < 8) {
                    throw bad(text, "redis-bandwidth's rate must be at least 8bit (a byte a second); ");
                }
                yield new FaultSpec(kind, start, range(start, until, text), Math.rint(bitsPerSecond), side);
            }
            case CONSUMER_CRASH -> {
                double count = arg == null ? 1 : number(arg, text);
                if (count < 1 || count != Math.rint(count)) {
                    throw bad(text, "consumer-crash's count must be a whole number of workers; ");
                }
                yield new FaultSpec(kind, start, Duration.ZERO, count);
            }
            case SIP_LOSS -> throw new IllegalStateException("handled above");
        };
    }

    private static Duration range(Duration start, String until, String spec) {
        if (duration(until, spec).compareTo(start) <= 0) {
            throw bad(spec, "the range must end after it starts; ");
        }
        return duration(until, spec).minus(start);
    }

    private static long bitsPer(String unit) {
        return switch (unit) {
            case "gbit" -> 1_000_000_000L;
            case "mbit" -> 1_000_000L;
            case "kbit" -> 1_000L;
            default -> 1L;
        };
    }

    private static Side side(String text, Kind kind, String spec) {
        if (text == null) {
            return Side.ALL;
        }
        if (!kind.needsProxy()) {
            throw bad(spec, "only the proxy's faults (redis-latency, redis-partition, redis-reset, redis-bandwidth) "
                    + "take a side (/workers, /producer, /all); ");
        }
        try {
            return Side.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(spec, "the side must be /workers, /producer or /all; ");
        }
    }

    /** The round trip (and jitter) a redis-latency adds; none for every other kind. */
    public RoundTrip addedRoundTrip() {
        return kind == Kind.REDIS_LATENCY ? new RoundTrip(Duration.ofNanos(Math.round(amount * 1e6)), jitter)
                : RoundTrip.NONE;
    }

    /** The added one-way delay of a redis-latency: half its round trip. */
    public Duration oneWayDelay() {
        return addedRoundTrip().oneWay();
    }

    /** The jitter of each one-way delay of a redis-latency: half its round trip's. */
    public Duration oneWayJitter() {
        return addedRoundTrip().oneWayJitter();
    }

    /** The cap of a redis-bandwidth, each direction, in bytes a second. */
    public long bytesPerSecond() {
        return kind == Kind.REDIS_BANDWIDTH ? (long) (amount / 8) : 0;
    }

    /** Workers a consumer-crash kills. */
    public int crashedWorkers() {
        return kind == Kind.CONSUMER_CRASH ? (int) amount : 0;
    }

    /** When into the measured phase the fault is undone. */
    public Duration end() {
        return at.plus(length);
    }

    @Override
    public String toString() {
        String name = kind.cliName();
        String onSide = side == Side.ALL ? "" : "/" + side.cliName();
        return switch (kind) {
            case SIP_LOSS -> name + ":" + number(amount) + "%";
            case REDIS_RESTART, REDIS_FAILOVER, KAMAILIO_RESTART -> name + "@" + text(at);
            case REDIS_RESET -> name + "@" + text(at) + onSide;
            case REDIS_PAUSE -> name + ":" + text(length) + "@" + text(at);
            case REDIS_PARTITION -> name + ":" + text(length) + "@" + text(at) + onSide;
            case REDIS_LATENCY -> name + ":" + number(amount) + "ms" + (jitter.isZero() ? "" : "~" + number(jitter.toNanos() / 1e6) + "ms")
                    + "@" + text(at) + "-" + text(end()) + onSide;
            case REDIS_BANDWIDTH -> name + ":" + bitRate((long) amount) + "@" + text(at) + "-" + text(end()) + onSide;
            case CONSUMER_CRASH -> name + ":" + (int) amount + "@" + text(at);
        };
    }

    /** In the largest unit that spells it whole: 8000000 → "8mbit". */
    private static String bitRate(long bitsPerSecond) {
        String unit = BIT_RATE_UNITS.stream().filter(u -> bitsPerSecond % bitsPer(u) == 0).findFirst().orElseThrow();
        return bitsPerSecond / bitsPer(unit) + unit;
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Duration duration(String text, String spec) {
        try {
            return Duration.ofNanos(DurationText.parseNanosBareSeconds(text));
        } catch (IllegalArgumentException e) {
            throw bad(spec, "");
        }
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(spec, "");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("--fault '" + text + "': " + why + "the forms are " + FORMS);
    }
}
