package dev.callq.bench.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kamailio's own counters at one moment, read over its {@code ctl} socket with {@code kamcmd}: the
 * statistics framework ({@code stats.get_statistics all}: core, shmem, sl and the script's own
 * {@code script:} counters) and {@code tm.stats}, the latter named {@code tm:<field>}.
 *
 * <p>The file format, written by {@link LocalKamailio#counters} and read here: a {@code # kamcmd ...}
 * line before each command's output; {@code group:name = value} lines from the statistics, and
 * {@code name: value} lines inside the braces of {@code tm.stats}.
 */
public record KamailioCounters(Map<String, Long> values) {
    /** Events the script pushed, one counter per SIP method; the harness expects exactly these. */
    public static final String PUSHED_INVITE = "script:callq_pushed_invite";
    public static final String PUSHED_BYE = "script:callq_pushed_bye";
    /** Pushes that failed (Redis down, timeout, error reply); the script answered 500. */
    public static final String PUSH_FAILED = "script:callq_push_failed";
    /** Relayed requests that got no final reply before tm's timer fired. */
    public static final String RELAY_TIMEOUTS = "script:callq_relay_timeout";

    static final String TM_STATS_HEADER = "# kamcmd tm.stats";
    private static final Pattern STATISTIC = Pattern.compile("^(\\S+:\\S+) = (\\d+)$");
    private static final Pattern TM_FIELD = Pattern.compile("^\\s*(\\w+): (\\d+)$");

    public KamailioCounters {
        values = Map.copyOf(values);
    }

    static KamailioCounters parse(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        boolean inTmStats = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("# ")) {
                inTmStats = line.equals(TM_STATS_HEADER);
                continue;
            }
            Matcher matcher = (inTmStats ? TM_FIELD : STATISTIC).matcher(line);
            if (matcher.matches()) {
                values.put((inTmStats ? "tm:" : "") + matcher.group(1), Long.parseLong(matcher.group(2)));
            }
        }
        return new KamailioCounters(values);
    }

    /** True when the script keeps the counters the harness counts its pushes with. */
    public boolean countsPushes() {
        return values.containsKey(PUSHED_INVITE);
    }

    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    /** The counter's value, or null when Kamailio does not keep it (a script without that counter). */
    public Long valueIfKept(String name) {
        return values.get(name);
    }

    /** Each counter plus {@code other}'s: what two Kamailio lives counted together. */
    public KamailioCounters plus(KamailioCounters other) {
        java.util.Map<String, Long> sum = new java.util.LinkedHashMap<>(values);
        other.values.forEach((name, value) -> sum.merge(name, value, Long::sum));
        return new KamailioCounters(sum);
    }

    /** How much each counter grew since {@code earlier}. */
    public KamailioCounters since(KamailioCounters earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        values.forEach((name, value) -> delta.put(name, value - earlier.get(name)));
        return new KamailioCounters(delta);
    }
}
