package dev.callq.bench.history;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A history's change points and each cell's trend as Markdown, for a terminal and a CI job summary. */
public final class HistoryMarkdown {
    /** How many of the newest runs a trend line draws. */
    static final int TREND_RUNS = 30;
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private HistoryMarkdown() {
    }

    public static String render(HistoryAnalysis analysis) {
        StringBuilder out = new StringBuilder();
        int runs = analysis.history().values().stream().mapToInt(List::size).max().orElse(0);
        out.append(String.format(Locale.ROOT, "History: %d cells, up to %d runs each. Change points by E-divisive "
                        + "means with Student's t (p ≤ %s, change ≥ %s, at least %d runs a side).%n%n",
                analysis.history().size(), runs, number(analysis.maxP()), percent(analysis.minChange()),
                EDivisive.MIN_POINTS_A_SIDE));
        List<HistoryAnalysis.Finding> findings = analysis.findings();
        if (findings.isEmpty()) {
            out.append("No change point.\n\n");
        } else {
            out.append("| cell | metric | commit | run | before | after | change | 95 % CI | p | |\n");
            out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (HistoryAnalysis.Finding f : findings) {
                ChangePoint p = f.point();
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |%n",
                        f.series().cell(), f.series().metric().label(), f.series().runAt(p).shortCommit(),
                        runNumber(analysis, f), number(p.meanBefore()), number(p.meanAfter()), signed(p.change()),
                        Double.isNaN(p.changeLow()) ? "unbounded" : signed(p.changeLow()) + " … " + signed(p.changeHigh()),
                        pValue(p.p()), f.regression() ? "**worse**" : "better"));
            }
            out.append('\n');
        }
        out.append("| cell | metric | runs | newest | trend (oldest → newest, last ").append(TREND_RUNS).append(") |\n");
        out.append("|---|---|---:|---:|---|\n");
        for (HistoryAnalysis.Series s : analysis.series()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", s.cell(), s.metric().label(),
                    s.values().length, number(s.values()[s.values().length - 1]), sparkline(s.values())));
        }
        return out.toString();
    }

    /** The run where a change point's new level begins, numbered from 1 in its cell's whole history. */
    public static int runNumber(HistoryAnalysis analysis, HistoryAnalysis.Finding f) {
        return analysis.history().get(f.series().cell()).indexOf(f.series().runAt(f.point())) + 1;
    }

    /** The newest values as bars scaled between their minimum and maximum. */
    static String sparkline(double[] values) {
        double[] shown = Arrays.copyOfRange(values, Math.max(0, values.length - TREND_RUNS), values.length);
        double min = Arrays.stream(shown).min().orElse(0);
        double max = Arrays.stream(shown).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (double v : shown) {
            int level = max == min ? BARS.length() / 2 : (int) Math.round((v - min) / (max - min) * (BARS.length() - 1));
            line.append(BARS.charAt(level));
        }
        return line.toString();
    }

    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    public static String signed(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    public static String pValue(double p) {
        return p < 1e-6 ? "< 1e-6" : String.format(Locale.ROOT, "%.2g", p);
    }
}
