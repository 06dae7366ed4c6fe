import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.Comparison;
import dev.callq.bench.compare.MetricComparison;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.compare.Tolerance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The evaluation half of benchmarks/gate-power.sh: draws comparisons from a pool of runs and counts how
 * often the gate fails them, and how often each of its metrics (p99, p50 enqueue→done, throughput) is flagged. Run as a source file: java -cp target/callq-bench.jar benchmarks/GatePower.java POOL
 * <p>
 * The pool holds unchanged runs (same/) and regressed ones (slowerN/: work N % slower, e.g. slower10/, slower30/). Each draw picks
 * distinct runs (a run never sits on both sides), the way a CI A/B run of {@code repeats: N} measures N
 * fresh runs a side. Draws share runs, so the rates are estimates from a pool, not from independent CI
 * runs; the pool size is printed beside them. A run whose own numbers were untrustworthy is left out
 * (the gate would fail it for that reason, not for its p99) and counted.
 */
public class GatePower {
    static final int DRAWS = 400;

    public static void main(String[] args) throws Exception {
        Path pool = Path.of(args[0]);
        List<ResultSet> same = runs(pool.resolve("same"));
        Random random = new Random(20261130L);
        System.out.printf(Locale.ROOT, "pool %s: %d unchanged runs%n", pool, same.size());
        for (int repeats : new int[] {3, 5}) {
            if (same.size() < 2 * repeats) {
                continue;
            }
            report("unchanged vs unchanged", repeats, same, same, random);
            for (String slower : slowerFolders(pool)) {
                List<ResultSet> regressed = runs(pool.resolve(slower));
                if (regressed.size() >= repeats) {
                    report("unchanged vs " + slower + " (" + regressed.size() + " runs)", repeats, same, regressed, random);
                }
            }
        }
    }

    /** The pool's regressed runs, slower10/, slower15/, …, by how much slower, smallest first. */
    static List<String> slowerFolders(Path pool) throws java.io.IOException {
        try (Stream<Path> children = Files.list(pool)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("slower\\d+"))
                    .sorted(java.util.Comparator.comparingInt(name -> Integer.parseInt(name.substring("slower".length()))))
                    .toList();
        }
    }

    static void report(String what, int repeats, List<ResultSet> base, List<ResultSet> current, Random random) {
        int flagged = 0;
        Map<String, Metric> byMetric = new LinkedHashMap<>();
        for (int draw = 0; draw < DRAWS; draw++) {
            List<ResultSet> shuffledBase = new ArrayList<>(base);
            Collections.shuffle(shuffledBase, random);
            List<ResultSet> a = shuffledBase.subList(0, repeats);
            List<ResultSet> b;
            if (current == base) {
                b = shuffledBase.subList(repeats, 2 * repeats);
            } else {
                List<ResultSet> shuffled = new ArrayList<>(current);
                Collections.shuffle(shuffled, random);
                b = shuffled.subList(0, repeats);
            }
            Comparison comparison = Comparison.of(ResultSet.union(Path.of("base"), a),
                    ResultSet.union(Path.of("current"), b), Tolerance.DEFAULT);
            flagged += comparison.hasRegression() ? 1 : 0;
            for (MetricComparison row : comparison.rows()) {
                Metric metric = byMetric.computeIfAbsent(row.metric(), name -> new Metric());
                metric.flagged += row.verdict().fails() ? 1 : 0;
                metric.effects.add(row.worseBy());
                metric.detectable.add(row.detectable());
            }
        }
        System.out.printf(Locale.ROOT, "%d vs %d repeats, %-36s gate fails %5.1f %% of %d draws%n", repeats, repeats,
                what + ":", 100.0 * flagged / DRAWS, DRAWS);
        byMetric.forEach((name, metric) -> System.out.printf(Locale.ROOT,
                "    %-42s flagged %5.1f %%; effect median %+.1f %%, detectable (9 in 10) median %s%n", name + ":",
                100.0 * metric.flagged / DRAWS, 100 * median(metric.effects),
                Double.isNaN(median(metric.detectable)) ? "-" : String.format(Locale.ROOT, "%.1f %%",
                        100 * median(metric.detectable))));
    }

    /** How one metric of the gate fared over the draws. */
    static final class Metric {
        int flagged;
        final List<Double> effects = new ArrayList<>();
        final List<Double> detectable = new ArrayList<>();
    }

    static List<ResultSet> runs(Path folder) throws Exception {
        List<ResultSet> runs = new ArrayList<>();
        int untrustworthy = 0;
        int broken = 0;
        try (Stream<Path> children = Files.list(folder)) {
            for (Path run : children.filter(Files::isDirectory).sorted().toList()) {
                try {
                    ResultSet set = ResultSet.load(run);
                    boolean trusted = set.cells().values().stream().flatMap(List::stream)
                            .allMatch(m -> m.untrustworthy() == null && !m.tooFewSamples());
                    if (trusted) {
                        runs.add(set);
                    } else {
                        untrustworthy++;
                    }
                } catch (HarnessException e) {
                    broken++;
                }
            }
        }
        if (untrustworthy + broken > 0) {
            System.out.printf("%s: %d runs left out (%d untrustworthy, %d unreadable)%n", folder.getFileName(),
                    untrustworthy + broken, untrustworthy, broken);
        }
        return runs;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
