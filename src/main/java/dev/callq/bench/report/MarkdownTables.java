package dev.callq.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders the Markdown that callq itself writes (compare.md: paragraphs and pipe tables) into a page.
 * Emphasis marks are dropped; a table row with bold text in it is highlighted, as the verdict of a
 * regression is written in bold.
 */
final class MarkdownTables {
    private MarkdownTables() {
    }

    static void render(String markdown, HtmlPage page) {
        List<String> tableLines = new ArrayList<>();
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("|")) {
                tableLines.add(line.strip());
                continue;
            }
            flush(tableLines, page);
            if (!line.isBlank()) {
                page.paragraph(plain(line));
            }
        }
        flush(tableLines, page);
    }

    private static void flush(List<String> lines, HtmlPage page) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = cells(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> bold = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.matches("\\|[\\s:|-]+\\|")) {
                continue; // the alignment row
            }
            rows.add(cells(line));
            bold.add(line.contains("**"));
        }
        page.table(Table.highlighting(header, rows, bold));
        lines.clear();
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(cell -> plain(cell.strip())).toList();
    }

    private static String plain(String text) {
        return text.replace("**", "").replace("`", "");
    }
}
