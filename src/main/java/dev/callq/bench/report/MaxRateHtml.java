package dev.callq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.maxrate.MaxRateJson;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.file.Files;
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
        return render(read(dir)).writeTo(dir);
    }

    private static JsonNode read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + FILE_NAME + " in " + dir);
        }
        try {
            return SummaryJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The highest rate that passed and the lowest that failed, each with its measured objective percentile. */
    static String headline(JsonNode search) {
        JsonNode bestPass = null;
        JsonNode lowestFail = null;
        for (JsonNode probe : search.path("probes")) {
            double rate = probe.path("ratePerSec").asDouble();
            if (probe.path("passed").asBoolean()) {
                bestPass = bestPass == null || rate > bestPass.path("ratePerSec").asDouble() ? probe : bestPass;
            } else {
                lowestFail = lowestFail == null || rate < lowestFail.path("ratePerSec").asDouble() ? probe : lowestFail;
            }
        }
        String slo = search.path("slo").asText().replaceFirst("=.*", "");
        String unit = rateUnit(search);
        return (bestPass == null ? "no probe passed" : probeLine("highest passing", bestPass, slo, unit)) + "; "
                + (lowestFail == null ? "no probe failed" : probeLine("lowest failing", lowestFail, slo, unit));
    }

    /** {@code calls/s} for a SIP search, {@code events/s} otherwise (and for records written before SIP searches). */
    static String rateUnit(JsonNode search) {
        return search.path("rateUnit").asText("events/s");
    }

    private static String probeLine(String what, JsonNode probe, String slo, String unit) {
        return String.format(Locale.ROOT, "%s %.0f %s (%s %.2f ms)", what, probe.path("ratePerSec").asDouble(), unit,
                slo, probe.path("sloMeasuredMicros").asDouble() / 1000.0);
    }

    static HtmlPage render(JsonNode search) {
        String title = String.format(Locale.ROOT, "callq-bench max-rate: %s, %s, %d workers, work %s, %s",
                search.path("client").asText(), search.path("pattern").asText(), search.path("workers").asInt(),
                search.path("serviceTime").asText(), search.path("slo").asText());
        HtmlPage page = new HtmlPage(title, title, search.path("rule").asText());
        boolean converged = search.path("converged").asBoolean(false) && search.path("maxRatePerSec").asLong() > 0;
        String unit = rateUnit(search);
        page.verdict(converged, search.hasNonNull("answer") ? search.path("answer").asText()
                : (converged ? "max sustainable rate " + search.path("maxRatePerSec").asLong() + " " + unit + ": "
                : "NOT CONVERGED: ") + search.path("outcome").asText("search unfinished"));
        page.headline(headline(search));
        page.provenance(search.path("provenance"));

        List<Double> passedNumber = new ArrayList<>();
        List<Double> passedRate = new ArrayList<>();
        List<Double> passedSloMillis = new ArrayList<>();
        List<Double> failedNumber = new ArrayList<>();
        List<Double> failedRate = new ArrayList<>();
        List<Double> failedSloMillis = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode probe : search.path("probes")) {
            boolean passed = probe.path("passed").asBoolean();
            double rate = probe.path("ratePerSec").asDouble();
            double sloMillis = probe.path("sloMeasuredMicros").asDouble() / 1000.0;
            (passed ? passedNumber : failedNumber).add(probe.path("number").asDouble());
            (passed ? passedRate : failedRate).add(rate);
            (passed ? passedSloMillis : failedSloMillis).add(sloMillis);
            rows.add(List.of(probe.path("number").asText(), String.format(Locale.ROOT, "%.0f", rate),
                    passed ? "pass" : "FAIL", String.format(Locale.ROOT, "%.2f", sloMillis),
                    String.format(Locale.ROOT, "%.1f", probe.path("backlogSlopePerSec").asDouble()),
                    probe.path("finalBacklog").asText("-"),
                    String.format(Locale.ROOT, "%.0f", probe.path("throughputPerSec").asDouble()),
                    String.format(Locale.ROOT, "%.0f", probe.path("producerAchievedRatePerSec").asDouble()),
                    probe.path("reason").asText("")));
        }
        page.heading("Search path");
        page.chart(Charts.xy("maxrate-path", "offered rate of each probe", "probe", "offered rate (" + unit + ")",
                lines(passedNumber, passedRate, failedNumber, failedRate)), "no probe ran");
        page.chart(Charts.xy("maxrate-slo", search.path("slo").asText() + " measured against offered rate",
                "offered rate (" + unit + ")", "measured (ms)", lines(passedRate, passedSloMillis, failedRate,
                        failedSloMillis)), "no probe ran");
        page.heading("Probes").table(Table.of(List.of("probe", "rate (" + unit + ")", "verdict", "SLO measured (ms)",
                "backlog slope (events/s²)", "final backlog", "throughput (events/s)", "producer (events/s)", "reason"),
                rows));
        sessionEstablishmentRate(page, search.path("sessionEstablishmentRate"));
        page.noteMarkup("Rebuilt from <code>max-rate.json</code> by <code>callq report</code>; each probe's run "
                + "is under <code>probes/</code>.");
        return page;
    }

    /** A SIP search's answer in RFC 7501's words (docs/sip-metrics.md); nothing for other searches. */
    private static void sessionEstablishmentRate(HtmlPage page, JsonNode rfc) {
        if (rfc.isMissingNode() || rfc.isNull()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode rate : rfc.path("attemptRates")) {
            rows.add(List.of(rate.path("sessionsPerSec").asText(), rate.path("probes").asText(),
                    rate.path("attempted").asText(), rate.path("established").asText(),
                    rate.path("runsFailed").asText("0")));
        }
        String answer = rfc.hasNonNull("sessionsPerSec") ? rfc.path("sessionsPerSec").asText() + " sessions/s"
                + (rfc.path("belowLimit").asBoolean() ? " or more (every rate stepped established every session)" : "")
                : "none: the lowest rate probed already failed to establish a session";
        page.heading("Session Establishment Rate (RFC 7501): " + answer)
                .table(Table.of(List.of("Session Attempt Rate (sessions/s)", "probes", "sessions attempted",
                        "established (200)", "runs failed"), rows))
                .paragraph("Establishment Threshold Time: " + rfc.path("establishmentThresholdTime").asText())
                .paragraph("Method: " + rfc.path("method").asText());
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
