package dev.callq.bench.report;

import dev.callq.bench.env.Provenance;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The skeleton every report.html shares: one self-contained page, its style inline, charts inlined as
 * SVG, no script and nothing fetched, so a results folder can be opened anywhere, offline.
 */
final class HtmlPage {
    static final String FILE_NAME = "report.html";

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232b;margin:0 auto;\
            max-width:1280px;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #dde3ea}
            .sub{color:#5b6673;margin:0 0 16px}
            .verdict{display:inline-block;padding:6px 12px;border-radius:6px;font-weight:600}
            .ok{background:#e3f4e8;color:#17602e}.fail{background:#fde6e6;color:#9b1c1c}
            table{border-collapse:collapse;margin:8px 0 16px}
            th,td{padding:4px 12px;border-bottom:1px solid #e6eaef;text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}th{background:#f4f6f9}
            td.bad{background:#fde6e6;color:#9b1c1c;font-weight:600}
            .warnings{background:#fff4d6;border-left:4px solid #d99a00;padding:8px 16px;margin:8px 0}
            .chart svg{max-width:100%;height:auto;display:block;margin:8px 0}
            .note{color:#5b6673}code{font-size:13px}.scroll{overflow-x:auto}
            .headline{font-size:16px;font-weight:600;margin:8px 0}
            """;

    private static final DateTimeFormatter READABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder html = new StringBuilder(64 * 1024);

    /** Opens the page: {@code title} goes to the browser tab, {@code heading} and {@code subtitle} on top. */
    HtmlPage(String title, String heading, String subtitle) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        html.append("<h1>").append(escape(heading)).append("</h1>\n");
        html.append("<p class=\"sub\">").append(escape(subtitle)).append("</p>\n");
    }

    HtmlPage verdict(boolean ok, String text) {
        html.append("<p class=\"verdict ").append(ok ? "ok" : "fail").append("\">").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage heading(String title) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
        return this;
    }

    HtmlPage subheading(String title) {
        html.append("<h3>").append(escape(title)).append("</h3>\n");
        return this;
    }

    HtmlPage paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage note(String text) {
        html.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A note written as markup; the caller escapes what it inserts. */
    HtmlPage noteMarkup(String markup) {
        html.append("<p class=\"note\">").append(markup).append("</p>\n");
        return this;
    }

    /** A paragraph holding a relative link to another report and what it is about. */
    HtmlPage link(String href, String text, String about) {
        html.append("<p><a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a> · ")
                .append(escape(about)).append("</p>\n");
        return this;
    }

    /** A warnings box, or the note that there is none. */
    HtmlPage warnings(List<String> warnings) {
        if (warnings.isEmpty()) {
            return note("No warnings.");
        }
        html.append("<div class=\"warnings\"><strong>Warnings</strong><ul>\n");
        warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>\n"));
        html.append("</ul></div>\n");
        return this;
    }

    HtmlPage section(String title, Table table) {
        return heading(title).table(table);
    }

    HtmlPage chart(Optional<String> svg, String whenEmpty) {
        if (svg.isPresent()) {
            html.append("<div class=\"chart\">").append(svg.get()).append("</div>\n");
            return this;
        }
        return note(whenEmpty);
    }

    /** Highlights the non-zero cells of rows flagged mustBeZero, and every cell of a highlighted row. */
    HtmlPage table(Table table) {
        html.append("<div class=\"scroll\"><table>\n<tr>");
        table.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean bad = table.highlighted().get(r) || c > 0 && table.mustBeZero().get(r) && !"0".equals(cell);
                html.append(bad ? "<td class=\"bad\">" : "<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table></div>\n");
        return this;
    }

    /** The numbers a reviewer reads first, under the verdict: "jedis p99 1.08 ms vs lettuce p99 1.85 ms; nothing lost". */
    HtmlPage headline(String text) {
        html.append("<p class=\"headline\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** What produced the results (version, commit, command line, machine); folders from before it was recorded say so. */
    HtmlPage provenance(Provenance provenance) {
        if (provenance == null) {
            return note("Produced by a callq that did not record its version, command line or machine.");
        }
        Provenance.Machine machine = provenance.machine();
        return noteMarkup("Produced by " + escape(provenance.versionLine()) + " on " + (machine == null ? "an unrecorded machine"
                : escape(machine.cores() + " cores (" + machine.cpuModel() + "), " + machine.kernel() + ", " + machine.java()))
                + ": <code>" + escape(provenance.commandLine()) + "</code>");
    }

    /** An ISO-8601 instant as "2026-11-26 12:28:37 UTC"; text that is not one is shown as it is. */
    static String readableTime(String isoInstant) {
        try {
            return READABLE_TIME.format(Instant.parse(isoInstant));
        } catch (DateTimeParseException | NullPointerException e) {
            return isoInstant;
        }
    }

    /** Closes the page and writes it to {@code dir}/report.html; returns that path. */
    Path writeTo(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        TextFiles.write(file, finish());
        return file;
    }

    String finish() {
        return html + "</body></html>\n";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
