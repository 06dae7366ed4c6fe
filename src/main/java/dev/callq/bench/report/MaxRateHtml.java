package dev.callq.bench.report;

import dev.callq.bench.maxrate.ForkedRateProbe.Evidence;
import dev.callq.bench.maxrate.MaxRateJson;
import dev.callq.bench.maxrate.SessionEstablishmentRate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A max-rate search's report.html, from its {@code max-rate.json} alone: the answer, the search path
 * (rate of each probe, passed or failed), the SLO percentile each probe measured, and every probe.
 */
public final class MaxRateHtml {
    static final String FILE_NAME = MaxRateJson.FILE_NAME;

    private MaxRateHtml() {
    }

    /** Writes {@code dir}/report.html from {@code dir}/max-rate.json; returns its path. */
    public static Path write(Path dir) {
        return render(MaxRateJson.read(dir)).writeTo(dir);
    }

    /** The highest rate that passed and the lowest that failed, each with its measured objective percentile. */
    static String headline(MaxRateJson search) {
        Evidence bestPass = null;
        Evidence lowestFail = null;
        for (Evidence probe : search.probes()) {
            if (probe.passed()) {
                bestPass = bestPass == null || probe.ratePerSec() > bestPass.ratePerSec() ? probe : bestPass;
            } else {
                lowestFail = lowestFail == null || probe.ratePerSec() < lowestFail.ratePerSec() ? probe : lowestFail;
            }
        }
        String slo = search.slo().replaceFirst("=.*", "");
        String unit = rateUnit(search);
        return (bestPass == null ? "no probe passed" : probeLine("highest passing", bestPass, slo, unit)) + "; "
                + (lowestFail == null ? "no probe failed" : probeLine("lowest failing", lowestFail, slo, unit));
    }

    /** {@code calls/s} for a SIP search, {@code events/s} otherwise (and for records written before SIP searches). */
    static String rateUnit(MaxRateJson search) {
        return search.rateUnit() == null ? "events/s" : search.rateUnit();
    }

    private static String probeLine(String what, Evidence probe, String slo, String unit) {
        return String.format(Locale.ROOT, "%s %d %s (%s %.2f ms)", what, probe.ratePerSec(), unit, slo,
                sloMeasuredMillis(probe));
    }

    /** A probe that measured nothing (its run failed) shows 0. */
    private static double sloMeasuredMillis(Evidence probe) {
        return probe.sloMeasuredMicros() == null ? 0 : probe.sloMeasuredMicros() / 1000.0;
    }

    static HtmlPage render(MaxRateJson search) {
        String title = String.format(Locale.ROOT, "callq-bench max-rate: %s, %s, %d workers, work %s, %s",
                search.client(), search.pattern(), search.workers(), search.serviceTime(), search.slo());
        HtmlPage page = new HtmlPage(title, title, search.rule());
        long maxRatePerSec = search.maxRatePerSec() == null ? 0 : search.maxRatePerSec();
        boolean converged = Boolean.TRUE.equals(search.converged()) && maxRatePerSec > 0;
        String unit = rateUnit(search);
        page.verdict(converged, search.answer() != null ? search.answer()
                : (converged ? "max sustainable rate " + maxRatePerSec + " " + unit + ": " : "NOT CONVERGED: ")
                + (search.outcome() == null ? "search unfinished" : search.outcome()));
        page.headline(headline(search));
        page.provenance(search.provenance());

        List<Double> passedNumber = new ArrayList<>();
        List<Double> passedRate = new ArrayList<>();
        List<Double> passedSloMillis = new ArrayList<>();
        List<Double> failedNumber = new ArrayList<>();
        List<Double> failedRate = new ArrayList<>();
        List<Double> failedSloMillis = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Evidence probe : search.probes()) {
            boolean passed = probe.passed();
            double rate = probe.ratePerSec();
            double sloMillis = sloMeasuredMillis(probe);
            (passed ? passedNumber : failedNumber).add((double) probe.number());
            (passed ? passedRate : failedRate).add(rate);
            (passed ? passedSloMillis : failedSloMillis).add(sloMillis);
            rows.add(List.of(Integer.toString(probe.number()), String.format(Locale.ROOT, "%.0f", rate),
                    passed ? "pass" : "FAIL", String.format(Locale.ROOT, "%.2f", sloMillis),
                    String.format(Locale.ROOT, "%.1f", orZero(probe.backlogSlopePerSec())),
                    probe.finalBacklog() == null ? "-" : probe.finalBacklog().toString(),
                    String.format(Locale.ROOT, "%.0f", orZero(probe.throughputPerSec())),
                    String.format(Locale.ROOT, "%.0f", orZero(probe.producerAchievedRatePerSec())),
                    probe.reason() == null ? "" : probe.reason()));
        }
        page.heading("Search path");
        page.chart(Charts.xy("maxrate-path", "offered rate of each probe", "probe", "offered rate (" + unit + ")",
                lines(passedNumber, passedRate, failedNumber, failedRate)), "no probe ran");
        page.chart(Charts.xy("maxrate-slo", search.slo() + " measured against offered rate",
                "offered rate (" + unit + ")", "measured (ms)", lines(passedRate, passedSloMillis, failedRate,
                        failedSloMillis)), "no probe ran");
        page.heading("Probes").table(Table.of(List.of("probe", "rate (" + unit + ")", "verdict", "SLO measured (ms)",
                "backlog slope (events/s²)", "final backlog", "throughput (events/s)", "producer (events/s)", "reason"),
                rows));
        sessionEstablishmentRate(page, search.sessionEstablishmentRate());
        page.noteMarkup("Rebuilt from <code>max-rate.json</code> by <code>callq report</code>; each probe's run "
                + "is under <code>probes/</code>.");
        return page;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** A SIP search's answer in RFC 7501's words (docs/sip-metrics.md); nothing for other searches. */
    private static void sessionEstablishmentRate(HtmlPage page, SessionEstablishmentRate rfc) {
        if (rfc == null) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (SessionEstablishmentRate.AttemptRate rate : rfc.attemptRates()) {
            rows.add(List.of(Long.toString(rate.sessionsPerSec()), Integer.toString(rate.probes()),
                    Long.toString(rate.attempted()), Long.toString(rate.established()),
                    Integer.toString(rate.runsFailed())));
        }
        String answer = rfc.sessionsPerSec() != null ? rfc.sessionsPerSec() + " sessions/s"
                + (rfc.belowLimit() ? " or more (every rate stepped established every session)" : "")
                : "none: the lowest rate probed already failed to establish a session";
        page.heading("Session Establishment Rate (RFC 7501): " + answer)
                .table(Table.of(List.of("Session Attempt Rate (sessions/s)", "probes", "sessions attempted",
                        "established (200)", "runs failed"), rows))
                .paragraph("Establishment Threshold Time: " + rfc.establishmentThresholdTime())
                .paragraph("Method: " + rfc.method());
    }

    private static List<Charts.Line> lines(List<Double> passedX, List<Double> passedY, List<Double> failedX,
                                           List<Double> failedY) {
        List<Charts.Line> lines = new ArrayList<>();
        if (!passedX.isEmpty()) {
            lines.add(new Charts.Line("passed", passedX, passedY, true, 2));
        }
        if (!failedX.isEmpty()) {
            lines.add(new Charts.Line("failed", failedX, failedY, true, 5));
        }
        return lines;
    }
}
