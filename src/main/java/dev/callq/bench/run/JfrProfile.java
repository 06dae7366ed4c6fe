package dev.callq.bench.run;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * A JFR recording of this JVM with the JDK's "profile" settings (execution samples every 10 ms,
 * allocation samples, locks), kept for one client's measured phase and its drain. Everything in the
 * JVM is recorded: the workers, the client's I/O threads and, in a synthetic run, the producer.
 */
final class JfrProfile implements AutoCloseable {
    private final Recording recording;

    private JfrProfile(Recording recording) {
        this.recording = recording;
    }

    /**
     * Starts and closes an empty recording: the first recording of a JVM sets Flight Recorder up (its threads,
     * its event classes, the JIT compiling them), which would otherwise fall in the measured phase and its cost.
     * Called before the warm-up.
     */
    static void prepare() {
        try (Recording setUp = new Recording()) {
            setUp.start();
            setUp.stop();
        }
    }

    static JfrProfile start(String name) {
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("callq-" + name);
            recording.setToDisk(true);
            recording.start();
            return new JfrProfile(recording);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording: " + e.getMessage(), e);
        }
    }

    /** Stops the recording and writes it to {@code file}. */
    void stopAndDump(Path file) {
        recording.stop();
        try {
            recording.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
