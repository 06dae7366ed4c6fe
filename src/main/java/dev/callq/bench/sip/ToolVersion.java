package dev.callq.bench.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks an installed program for its version; informational, so failures give "unknown". */
final class ToolVersion {
    private ToolVersion() {
    }

    /** Group 1 of the first match of {@code pattern} in the command's combined output. */
    static String of(List<String> command, Pattern pattern) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Matcher matcher = pattern.matcher(new String(output, StandardCharsets.UTF_8));
            return matcher.find() ? matcher.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
