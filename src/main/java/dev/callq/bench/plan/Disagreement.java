package dev.callq.bench.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * Says in words why a validation run and the model part ways, from what the run itself recorded, so
 * that a plan never reports a disagreement without its likely causes.
 */
final class Disagreement {
    private Disagreement() {
    }

    static Optional<String> explain(ClientPlan plan, ValidationRun run, double measuredSeconds, int cpus) {
        if (run.predictedSloMet() == run.sloMet()) {
            return Optional.empty();
        }
        String label = plan.slo().label();
        String predicted = run.predictedSloWaitMicros() == null ? "no steady state (c ≤ A)"
                : String.format(Locale.ROOT, "%.1f ms", run.predictedSloWaitMicros() / 1000.0);
        String head = String.format(Locale.ROOT, "at %d workers the model predicted %s %s, measured %.1f ms: ",
                run.workers(), label, predicted, run.measuredSloWaitMicros() / 1000.0);
        if (!run.sloMet() && run.producerLagP99Micros() >= plan.slo().waitTargetMicros() / 2) {
            return Optional.of(head + String.format(Locale.ROOT, "the producer itself pushed late by %.1f ms at p99 "
                    + "(events are stamped with their intended time, so lateness counts as wait): the JVM was not "
                    + "scheduled on time — load average %.1f on %d cores — so the machine, not the pool, sets this "
                    + "tail and the run cannot confirm or refute the model; rerun on a quiet machine",
                    run.producerLagP99Micros() / 1000.0, run.loadAverage(), cpus));
        }
        if (!run.sloMet()) {
            return Optional.of(head + String.format(Locale.ROOT, "the measured wait includes what the model leaves "
                    + "out — the pop round trip (%.0f µs mean here) and thread wake-up, producer lateness (p99 %d µs), "
                    + "and a machine with load average %.1f on %d cores, where a worker that is free may not be "
                    + "scheduled; Erlang C's tail is exact only for Poisson arrivals and exponential holding times, "
                    + "and Allen–Cunneen (factor %.2f) is an approximation", plan.holding().popRoundTripMicros(),
                    run.producerLagP99Micros(), run.loadAverage(), cpus, plan.model().correctionFactor()));
        }
        return Optional.of(head + String.format(Locale.ROOT, "the model was pessimistic — near the boundary the "
                + "%s wait is a steep function of the holding time S (%.0f µs measured while saturated), "
                + "one run of %.0f s is a single sample of a tail, and Allen–Cunneen keeps the exponential tail shape "
                + "for work whose measured Cs² is %.2f", label, plan.holding().meanMicros(),
                measuredSeconds, plan.holding().squaredCoefficientOfVariation()));
    }
}
