package dev.callq.bench.plan;

import java.util.List;

/** One client's plan, the measurements it came from, and the validation runs (empty without --validate). */
public record PlanOutcome(ClientMeasurement measurement, ClientPlan plan, List<ValidationRun> validation) {
}
