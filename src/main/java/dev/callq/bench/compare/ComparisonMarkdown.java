package dev.callq.bench.compare;

import java.util.Locale;

/** The comparison as a Markdown table, for a terminal and for a CI job summary. */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(Comparison comparison, Tolerance tolerance) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Tolerance: p99 +%.0f %%, p50 enqueue→done +%.0f %%, throughput −%.0f %%.%n%n",
                tolerance.p99Rise() * 100, tolerance.p50DoneRise() * 100, tolerance.throughputDrop() * 100));
        if (!comparison.guarded()) {
            out.append("**Unguarded:** some cells were not repeated, so noise cannot be told from change there; "
                    + "ask the suite for `repeats: 3`.\n\n");
        }
        out.append("| cell | metric | baseline | current | worse by | 95 % CI | detectable | noise | verdict | note |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (MetricComparison row : comparison.rows()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", row.key(),
                    row.metric(), number(row.baseline()) + repeats(row.baselineRepeats()),
                    number(row.current()) + repeats(row.currentRepeats()), percent(row.worseBy()),
                    Double.isNaN(row.worseByLow()) ? "-" : percent(row.worseByLow()) + " … " + percent(row.worseByHigh()),
                    Double.isNaN(row.detectable()) ? "-" : "≥ " + percent(row.detectable()),
                    percent(row.noise()), row.verdict().fails() ? "**" + row.verdict().label() + "**"
                            : row.verdict().label(), row.note()));
        }
        out.append("\nThe p99 of a repeated cell is each repeat's typical second (the median of its per-second p99s), "
                + "and its p50 enqueue→done (the event's whole cost: wait, pop and work) each repeat's median; both "
                + "are compared on a log scale by Student's t: a regression when worse beyond the tolerance and the 95 % "
                + "interval lies above no change. *Detectable* is the smallest worsening this run would flag 9 "
                + "times in 10. A cell missing from the current run, with too few latencies, or with untrustworthy "
                + "numbers fails.\n");
        out.append('\n').append(comparison.hasRegression() ? "Result: **gate fails**: " + comparison.failureSummary() + ".\n"
                : "Result: no regression.\n");
        return out.toString();
    }

    private static String repeats(int count) {
        return count > 1 ? " (×" + count + ")" : "";
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        return Double.isInfinite(fraction) ? "∞" : String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }
}
