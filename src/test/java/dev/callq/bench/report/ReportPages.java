package dev.callq.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every report page must be: one file that opens offline. */
final class ReportPages {
    private static final Pattern EXTERNAL_RESOURCE =
            Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//|@import|url\\(\\s*[\"']?(https?:)?//");

    private ReportPages() {
    }

    static String readSelfContained(Path report) throws IOException {
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</body></html>\n")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img").doesNotContain("<?xml");
        assertThat(EXTERNAL_RESOURCE.matcher(html).find()).as("an external src, href or url() in " + report).isFalse();
        return html;
    }

    static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
