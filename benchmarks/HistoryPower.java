import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.history.HistoryAnalysis;
import dev.callq.bench.history.HistoryEntries;
import dev.callq.bench.history.HistoryEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The change-point half of benchmarks/gate-error-rates.sh: draws histories from a pool of runs and counts how
 * often `callq history` names the right commit. Run as a source file:
 * java -cp target/callq-bench.jar benchmarks/HistoryPower.java POOL [BEFORE] [AFTER]
 * <p>
 * A step history is BEFORE (default 12) distinct unchanged runs then AFTER (default 8) distinct runs of one
 * slowerN/ folder, recorded as commits c1, c2, …: it is a hit when the analysis names c(BEFORE+1) and no other
 * commit, on any metric. A flat history is BEFORE + AFTER distinct unchanged runs: a false alarm when it names
 * anything. Histories share runs, so the rates are estimates from a pool, and the pool size is printed.
 */
public class HistoryPower {
    static final int DRAWS = 200;

    public static void main(String[] args) throws Exception {
        Path pool = Path.of(args[0]);
        int before = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int after = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Random random = new Random(20261207L);
        Map<String, List<HistoryEntry>> same = Map.of("same", entries(pool.resolve("same")));
        List<HistoryEntry> unchanged = same.get("same");
        System.out.printf(Locale.ROOT, "pool %s: %d unchanged runs; histories of %d + %d runs, %d draws each%n", pool,
                unchanged.size(), before, after, DRAWS);
        if (unchanged.size() >= before + after) {
            int named = 0;
            for (int draw = 0; draw < DRAWS; draw++) {
                named += analyse(pick(unchanged, before + after, random)).findings().isEmpty() ? 0 : 1;
            }
            System.out.printf(Locale.ROOT, "flat: a change point named in %5.1f %% of histories%n", 100.0 * named / DRAWS);
        }
        try (Stream<Path> children = Files.list(pool)) {
            for (Path slower : children.filter(p -> p.getFileName().toString().matches("slower\\d+")).sorted().toList()) {
                List<HistoryEntry> regressed = entries(slower);
                if (unchanged.size() < before || regressed.size() < after) {
                    continue;
                }
                int exactly = 0;
                int found = 0;
                for (int draw = 0; draw < DRAWS; draw++) {
                    List<HistoryEntry> runs = pick(unchanged, before, random);
                    runs.addAll(pick(regressed, after, random));
                    List<String> commits = analyse(runs).findings().stream().map(HistoryAnalysis.Finding::commit)
                            .distinct().toList();
                    String step = "c" + (before + 1);
                    found += commits.contains(step) ? 1 : 0;
                    exactly += commits.equals(List.of(step)) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "%s (%d runs): the step's commit named in %5.1f %%, it alone in %5.1f %%%n",
                        slower.getFileName(), regressed.size(), 100.0 * found / DRAWS, 100.0 * exactly / DRAWS);
            }
        }
    }

    /** {@code count} distinct runs in a random order, renamed c1, c2, … in that order. */
    static List<HistoryEntry> pick(List<HistoryEntry> runs, int count, Random random) {
        List<HistoryEntry> shuffled = new ArrayList<>(runs);
        Collections.shuffle(shuffled, random);
        return new ArrayList<>(shuffled.subList(0, count));
    }

    static HistoryAnalysis analyse(List<HistoryEntry> runs) {
        List<HistoryEntry> renamed = new ArrayList<>();
        for (HistoryEntry run : runs) {
            renamed.add(new HistoryEntry(run.schema(), "c" + (renamed.size() + 1), run.time(), run.machine(), run.cell(),
                    run.serviceTime(), run.repeats(), run.metrics(), run.events(), run.untrustworthy()));
        }
        return HistoryAnalysis.of(Map.of(runs.get(0).cell(), renamed), HistoryAnalysis.DEFAULT_MAX_P,
                HistoryAnalysis.DEFAULT_MIN_CHANGE);
    }

    /** One history line per run folder; an untrustworthy or unreadable run is left out and counted. */
    static List<HistoryEntry> entries(Path folder) throws Exception {
        List<HistoryEntry> entries = new ArrayList<>();
        int left = 0;
        try (Stream<Path> children = Files.list(folder)) {
            for (Path run : children.filter(Files::isDirectory).sorted().toList()) {
                try {
                    HistoryEntry entry = HistoryEntries.of(ResultSet.load(run), run.getFileName().toString(),
                            Instant.EPOCH, MachineRecord.current()).get(0);
                    if (entry.untrustworthy() == null) {
                        entries.add(entry);
                    } else {
                        left++;
                    }
                } catch (HarnessException e) {
                    left++;
                }
            }
        }
        if (left > 0) {
            System.out.printf("%s: %d runs left out (untrustworthy or unreadable)%n", folder.getFileName(), left);
        }
        return entries;
    }
}
