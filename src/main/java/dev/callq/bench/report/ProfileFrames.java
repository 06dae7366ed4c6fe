package dev.callq.bench.report;

import dev.callq.bench.result.ClientResult;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The top frames of a client's JFR profile ({@code callq run --profile}): the methods the JVM was
 * executing when sampled (jdk.ExecutionSample, every 10 ms of a thread running Java code, and
 * jdk.NativeMethodSample, every 20 ms of one in a native method: a loop the JIT has not compiled yet calls
 * {@code System.nanoTime} natively, and is seen only there), counted by the innermost frame, so that where
 * one client spends CPU that another does not can be read side by side.
 */
final class ProfileFrames {
    static final int TOP = 15;

    private ProfileFrames() {
    }

    /** The client's top frames, or empty when the run was not profiled or its file is gone. */
    static Optional<Table> of(Path runDir, ClientResult client) {
        String file = client.clientEnvironment() == null ? null : client.clientEnvironment().get("profile");
        if (file == null || !Files.isRegularFile(runDir.resolve(file))) {
            return Optional.empty();
        }
        Map<String, Long> samplesByFrame = topFrameCounts(runDir.resolve(file));
        long total = samplesByFrame.values().stream().mapToLong(Long::longValue).sum();
        List<List<String>> rows = new ArrayList<>();
        samplesByFrame.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(e -> rows.add(List.of(e.getKey(), Long.toString(e.getValue()),
                        String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / Math.max(1, total)))));
        return Optional.of(Table.of(List.of(client.client() + ": top frame (" + total + " samples)", "samples", "share"),
                rows));
    }

    /** Execution and native-method samples counted by their innermost frame, {@code package.Class.method}. */
    static Map<String, Long> topFrameCounts(Path jfr) {
        Map<String, Long> counts = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame top = stack.getFrames().get(0);
                counts.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the profile " + jfr + ": " + e.getMessage(), e);
        }
        return counts;
    }
}
