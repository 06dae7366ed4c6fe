package dev.callq.bench.plan;

import java.util.List;
import java.util.Optional;

/**
 * One client's plan, the measurements it came from, the worker count's interval, and the validation
 * runs (empty without validation).
 */
public record PlanOutcome(ClientMeasurement measurement, ClientPlan plan, WorkerCountInterval workerInterval,
                          List<ValidationRun> validation) {

    /** The validation runs per pool size; empty without validation. */
    public List<ValidationSummary> validationSummaries() {
        return validation.isEmpty() ? List.of() : ValidationSummary.of(validation, workerInterval);
    }

    /** Where the validation and the model meet; empty without validation. */
    public Optional<Agreement> agreement() {
        return validation.isEmpty() ? Optional.empty()
                : Optional.of(Agreement.of(plan.recommendedWorkers(), validationSummaries(), plan.slo().toString()));
    }
}
