package dev.callq.bench.cli;

import dev.callq.bench.HarnessException;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.SummaryJson;
import dev.callq.bench.result.Thresholds;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Judges runs against absolute thresholds and prints ✓/✗ per client and metric. A run with no readable
 * summary fails every threshold: broken results never pass.
 */
final class ThresholdGate {
    private final Thresholds thresholds;
    private final PrintStream out;
    private boolean passed = true;

    ThresholdGate(Thresholds thresholds, PrintStream out) {
        this.thresholds = thresholds;
        this.out = out;
    }

    /** Judges the run in {@code runFolder}, printing each check under {@code label} (a cell name, or none). */
    void judge(String label, Path runFolder) {
        if (thresholds.isEmpty()) {
            return;
        }
        String prefix = label.isEmpty() ? "" : label + ": ";
        RunSummary summary;
        try {
            summary = SummaryJson.read(runFolder);
        } catch (HarnessException e) {
            out.println("✗ " + prefix + "no result to judge: " + e.getMessage());
            passed = false;
            return;
        }
        if (summary.clients() == null || summary.clients().isEmpty()) {
            out.println("✗ " + prefix + "no client result to judge in " + runFolder);
            passed = false;
            return;
        }
        for (Thresholds.Check check : thresholds.judge(summary)) {
            out.println(check.line().charAt(0) + " " + prefix + check.line().substring(2));
            passed &= check.passed();
        }
    }

    /** True when every threshold held on every run judged (and when there were none). */
    boolean passed() {
        return passed;
    }
}
