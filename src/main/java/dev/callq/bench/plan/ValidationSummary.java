package dev.callq.bench.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The repeats of one validated pool size side by side with the model: how many met the objective, the
 * range of their measured p99 and of the objective's percentile, and the model's probability that the
 * objective holds there.
 *
 * @param modelChance  P(objective holds) under the model, over the bootstrap replicates
 */
public record ValidationSummary(int workers, int repeats, int met, long lowestP99Micros, long highestP99Micros,
                                long lowestSloWaitMicros, long highestSloWaitMicros, boolean predictedSloMet,
                                double modelChance) {

    /** Every repeat met the objective: a pool to bet on. */
    public boolean allMet() {
        return met == repeats;
    }

    /** One summary per pool size, smallest first. */
    public static List<ValidationSummary> of(List<ValidationRun> runs, WorkerCountInterval interval) {
        Map<Integer, List<ValidationRun>> byWorkers = runs.stream()
                .collect(Collectors.groupingBy(ValidationRun::workers, TreeMap::new, Collectors.toList()));
        List<ValidationSummary> summaries = new ArrayList<>();
        byWorkers.forEach((workers, repeats) -> summaries.add(new ValidationSummary(workers, repeats.size(),
                (int) repeats.stream().filter(ValidationRun::sloMet).count(),
                repeats.stream().mapToLong(ValidationRun::measuredP99Micros).min().orElseThrow(),
                repeats.stream().mapToLong(ValidationRun::measuredP99Micros).max().orElseThrow(),
                repeats.stream().mapToLong(ValidationRun::measuredSloWaitMicros).min().orElseThrow(),
                repeats.stream().mapToLong(ValidationRun::measuredSloWaitMicros).max().orElseThrow(),
                repeats.get(0).predictedSloMet(), interval.chance(workers))));
        return List.copyOf(summaries);
    }

    /** "5 workers: 1 of 3 repeats met p99=20ms, p99 12.3–25.1 ms; model P(met) 0.31". */
    public String describe(String sloText, String sloLabel) {
        String range = String.format(Locale.ROOT, "p99 %.2f–%.2f ms", lowestP99Micros / 1000.0, highestP99Micros / 1000.0);
        if (!"p99".equals(sloLabel)) {
            range += String.format(Locale.ROOT, ", %s %.2f–%.2f ms", sloLabel, lowestSloWaitMicros / 1000.0,
                    highestSloWaitMicros / 1000.0);
        }
        return String.format(Locale.ROOT, "%2d workers: %d of %d repeats met %s, %s; model: %s, P(met) %.2f",
                workers, met, repeats, sloText, range, predictedSloMet ? "met" : "missed", modelChance);
    }
}
