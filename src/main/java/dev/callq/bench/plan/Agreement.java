package dev.callq.bench.plan;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Where measurement and the model meet. Measurement's answer is the smallest validated pool from which
 * every repeat met the objective, at it and at every larger pool validated; the model's is the plan's N.
 * They agree when the two are the same pool; otherwise the text says which way they part.
 *
 * @param measuredWorkers the pool measurement supports; empty when no validated pool met the objective in
 *                        every repeat
 */
public record Agreement(boolean agree, int modelWorkers, OptionalInt measuredWorkers, String text) {

    public static Agreement of(int modelWorkers, List<ValidationSummary> summaries, String sloText) {
        OptionalInt measured = OptionalInt.empty();
        for (int i = summaries.size() - 1; i >= 0 && summaries.get(i).allMet(); i--) {
            measured = OptionalInt.of(summaries.get(i).workers());
        }
        ValidationSummary smallest = summaries.get(0);
        ValidationSummary largest = summaries.get(summaries.size() - 1);
        if (measured.isEmpty()) {
            return new Agreement(false, modelWorkers, measured, String.format(Locale.ROOT, "measurement and model "
                    + "DISAGREE: the model says %d workers, but no pool up to %d met %s in every repeat (%d of %d at "
                    + "%d): the model is optimistic here, or the machine was too busy to hold the tail; the measured "
                    + "pool is above %d", modelWorkers, largest.workers(), sloText, largest.met(), largest.repeats(),
                    largest.workers(), largest.workers()));
        }
        int pool = measured.getAsInt();
        if (pool == modelWorkers) {
            return new Agreement(true, modelWorkers, measured, String.format(Locale.ROOT, "measurement and model "
                    + "agree on %d workers: every repeat met %s there and above%s", pool, sloText,
                    smallest.workers() < pool ? String.format(Locale.ROOT, ", %d of %d at %d", smallest.met(),
                            smallest.repeats(), smallest.workers()) : ""));
        }
        if (pool < modelWorkers) {
            return new Agreement(false, modelWorkers, measured, String.format(Locale.ROOT, "measurement and model "
                    + "DISAGREE: every repeat met %s already at %d workers, where the model said %d: the model is "
                    + "pessimistic here (fewer may do; the smallest pool validated was %d)", sloText, pool,
                    modelWorkers, smallest.workers()));
        }
        ValidationSummary atModel = summaries.stream().filter(s -> s.workers() == modelWorkers).findFirst()
                .orElse(smallest);
        return new Agreement(false, modelWorkers, measured, String.format(Locale.ROOT, "measurement and model "
                + "DISAGREE: at the model's %d workers %d of %d repeats met %s; measurement says %d workers",
                modelWorkers, atModel.met(), atModel.repeats(), sloText, pool));
    }
}
