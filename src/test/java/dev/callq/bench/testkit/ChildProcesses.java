package dev.callq.bench.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a test has started in this JVM and not yet reaped: redis-server, kamailio and sipp must never linger.
 * Several test classes run at once (docs/development.md), so a test's processes are told from the others' by
 * its folder: a run starts each program in its results folder (ManagedProcess's working directory) and hands a
 * forked callq its {@code --out}, and every test runs into a {@code @TempDir} of its own.
 */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /** The JVM's live descendants that work in {@code folder} or name it, or descend from one that does. */
    public static List<String> aliveUnder(Path folder) {
        Path root = realPath(folder);
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> belongsTo(p, root) || p.parent().filter(parent -> ancestorBelongsTo(parent, root)).isPresent())
                .map(p -> p.pid() + " " + p.info().command().orElse("?"))
                .toList();
    }

    private static boolean ancestorBelongsTo(ProcessHandle process, Path root) {
        for (Optional<ProcessHandle> p = Optional.of(process); p.isPresent() && p.get().pid() != ProcessHandle.current().pid();
                p = p.get().parent()) {
            if (belongsTo(p.get(), root)) {
                return true;
            }
        }
        return false;
    }

    private static boolean belongsTo(ProcessHandle process, Path root) {
        try {
            if (Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).startsWith(root)) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // gone already, or no /proc: its arguments are the next best clue
        }
        String rootText = root.toString();
        return process.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.contains(rootText))).orElse(false);
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }
}
