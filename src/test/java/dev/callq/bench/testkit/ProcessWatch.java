package dev.callq.bench.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes which programs of a given set the test JVM starts while it watches: it polls the JVM's descendants,
 * so a program that lives shorter than one poll may pass unseen (the programs a fast test must not start live
 * for seconds).
 */
public final class ProcessWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 50;
    private static final byte[] OWN_COMMAND_LINE = ownCommandLine();

    private final Set<String> programs;
    private final Set<Long> alreadyRunning;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private volatile boolean watching = true;

    private ProcessWatch(Set<String> programs) {
        this.programs = Set.copyOf(programs);
        this.alreadyRunning = ConcurrentHashMap.newKeySet();
        ProcessHandle.current().descendants().forEach(p -> alreadyRunning.add(p.pid()));
        this.poller = new Thread(this::poll, "process-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts watching for descendants whose program (the file name of their command) is one of {@code programs}. */
    public static ProcessWatch start(Set<String> programs) {
        return new ProcessWatch(programs);
    }

    /** The programs seen so far, each as "name (pid)", in the order seen. */
    public Set<String> seen() {
        return new LinkedHashSet<>(seen);
    }

    private void poll() {
        while (watching) {
            ProcessHandle.current().descendants()
                    .filter(p -> !alreadyRunning.contains(p.pid()))
                    .forEach(p -> program(p).ifPresent(name -> seen.add(name + " (" + p.pid() + ")")));
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The program's name as it was called ({@code argv[0]}), else the file it runs: Debian's redis-server is a
     * link to redis-check-rdb, and the file is all the JDK reports.
     */
    private Optional<String> program(ProcessHandle process) {
        try {
            byte[] commandLine = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            if (Arrays.equals(commandLine, OWN_COMMAND_LINE)) {
                // Forked by this JVM and not yet exec'd (ProcessBuilder.start, a script say): until the exec it
                // shows this JVM's command line, java; the next poll sees the program it becomes.
                return Optional.empty();
            }
            String first = new String(commandLine, StandardCharsets.UTF_8).split("[\\x00 ]", 2)[0];
            if (!first.isEmpty() && programs.contains(Path.of(first).getFileName().toString())) {
                return Optional.of(Path.of(first).getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            // gone already, or no /proc: the file it runs is the next best name
        }
        return process.info().command().map(c -> Path.of(c).getFileName().toString()).filter(programs::contains);
    }

    @Override
    public void close() {
        watching = false;
        poller.interrupt();
        try {
            poller.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] ownCommandLine() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
