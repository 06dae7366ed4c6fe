package dev.callq.bench.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pins threads of this JVM to CPUs with {@code taskset}, found by their names in {@code /proc/self/task}
 * (Java cannot set a thread's affinity itself). Linux only; a failure leaves the threads where they were
 * and says why.
 */
public final class CpuPinning {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final java.time.Duration NAMED_WITHIN = java.time.Duration.ofSeconds(1);

    private CpuPinning() {
    }

    /** What a pinning did: how many threads it moved, or why it moved none. */
    public record Result(int pinned, String failure) {
        public boolean ok() {
            return failure == null && pinned > 0;
        }
    }

    /**
     * Pins the {@code count} live threads whose names start with {@code namePrefix} (the kernel keeps the
     * first 15 characters of a name) to {@code cpus}, a taskset list such as "0-1". A thread names itself
     * once it runs, a moment after {@code Thread.start} returns, so this waits up to a second for all of them.
     */
    public static Result pinThreads(String namePrefix, int count, String cpus) {
        String prefix = namePrefix.length() > 15 ? namePrefix.substring(0, 15) : namePrefix;
        long deadline = System.nanoTime() + NAMED_WITHIN.toNanos();
        List<String> tids;
        try {
            tids = tidsNamed(prefix);
            while (tids.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
                tids = tidsNamed(prefix);
            }
        } catch (IOException e) {
            return new Result(0, "cannot list " + TASKS + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, "interrupted while pinning");
        }
        if (tids.size() < count) {
            return new Result(0, "found " + tids.size() + " of " + count + " threads named " + namePrefix + "…");
        }
        for (String tid : tids) {
            String failure = taskset(List.of("-p", "-c", cpus, tid));
            if (failure != null) {
                return new Result(0, failure);
            }
        }
        return new Result(tids.size(), null);
    }

    private static List<String> tidsNamed(String prefix) throws IOException {
        List<String> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip().startsWith(prefix)) {
                        tids.add(task.getFileName().toString());
                    }
                } catch (IOException ended) {
                    // the thread ended while the list was read
                }
            }
        }
        return tids;
    }

    /** Pins every thread of this JVM, the ones it starts later included (they inherit it), to {@code cpus}. */
    public static Result pinProcess(String cpus) {
        String failure = taskset(List.of("-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid())));
        return failure == null ? new Result(1, null) : new Result(0, failure);
    }

    /** The CPUs a thread of this JVM may run on, as the kernel lists them ("0-1"), or null. */
    public static String allowedCpus(long tid) {
        return cpusAllowed(TASKS.resolve(Long.toString(tid)).resolve("status"));
    }

    /**
     * The CPUs this process may run on, in order: not always 0 to n−1 (a container's cpuset, or a
     * {@code taskset} the harness was started under, may give it 4-7); empty when the kernel does not say.
     */
    public static List<Integer> processCpus() {
        String list = cpusAllowed(Path.of("/proc/self/status"));
        return list == null ? List.of() : parseCpuList(list);
    }

    /** A kernel CPU list ("0-3,8,10-11") as the CPUs it names, in order. */
    static List<Integer> parseCpuList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.strip().split(",")) {
            String[] range = part.split("-");
            int first = Integer.parseInt(range[0].strip());
            int last = range.length > 1 ? Integer.parseInt(range[1].strip()) : first;
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /** CPUs as a taskset list ("4,5"). */
    public static String cpuList(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }

    private static String cpusAllowed(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String taskset(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "taskset " + String.join(" ", arguments) + " failed: " + output;
            }
            return null;
        } catch (IOException e) {
            return "taskset could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while pinning";
        }
    }
}
