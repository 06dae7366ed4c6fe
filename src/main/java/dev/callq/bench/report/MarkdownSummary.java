package dev.callq.bench.report;

import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;

import java.util.ArrayList;
import java.util.List;

/** {@code summary.md}: the run in Markdown, for a CI job summary; the clients side by side. */
final class MarkdownSummary {
    static final String FILE_NAME = "summary.md";

    private MarkdownSummary() {
    }

    static String render(RunFolder folder) {
        RunSummary summary = folder.summary();
        boolean trustworthy = RunVerdict.trustworthy(summary);
        StringBuilder md = new StringBuilder();
        md.append("# callq-bench: ").append(RunHtml.describe(summary)).append("\n\n");
        md.append(trustworthy ? "✅ " : "❌ ").append("**").append(ReportTables.verdict(summary)).append("**\n\n");
        md.append(ReportTables.headline(summary)).append("\n\n");
        md.append(summary.phases()).append(", started ").append(HtmlPage.readableTime(summary.startedAt())).append("\n\n");

        List<String> warnings = ReportTables.warnings(summary.clients());
        md.append("## Warnings\n\n");
        if (warnings.isEmpty() && folder.missing().isEmpty()) {
            md.append("None.\n\n");
        } else {
            warnings.forEach(w -> md.append("- ⚠️ ").append(w).append('\n'));
            folder.missing().forEach(m -> md.append("- ⚠️ missing raw file, ").append(m).append('\n'));
            md.append('\n');
        }
        md.append("## Results\n\n");
        table(md, ReportTables.sideBySide(summary.clients()));
        ReportTables.sustained(summary.clients()).ifPresent(t -> section(md, "Sustained: the measured phase, the drain apart", t));
        ReportTables.sipCalls(summary.clients()).ifPresent(t -> section(md, "SIP calls", t));
        ReportTables.producer(summary.clients()).ifPresent(t -> section(md, "Producer", t));
        ReportTables.cost(summary.clients()).ifPresent(t -> section(md, "Cost per 1,000 events", t));
        summary.clients().forEach(c -> ProfileFrames.of(folder.dir(), c)
                .ifPresent(t -> section(md, "Profile: " + c.client() + " (JFR, " + c.clientEnvironment().get("profile") + ")", t)));
        section(md, "Environment", ReportTables.environment(summary));
        section(md, "Configuration", ReportTables.config(summary));
        if (summary.provenance() != null) {
            md.append("Produced by ").append(summary.provenance().describe()).append('\n');
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String title, Table table) {
        md.append("## ").append(title).append("\n\n");
        table(md, table);
    }

    private static void table(StringBuilder md, Table table) {
        line(md, table.header());
        md.append('|');
        for (int i = 0; i < table.header().size(); i++) {
            md.append(i == 0 ? " --- |" : " ---: |");
        }
        md.append('\n');
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = new ArrayList<>(table.rows().get(r));
            for (int c = 1; c < row.size(); c++) {
                if (table.mustBeZero().get(r) && !"0".equals(row.get(c))) {
                    row.set(c, "**" + row.get(c) + "**");
                }
            }
            line(md, row);
        }
        md.append('\n');
    }

    private static void line(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(cell -> md.append(' ').append(cell.replace("|", "\\|")).append(" |"));
        md.append('\n');
    }
}
