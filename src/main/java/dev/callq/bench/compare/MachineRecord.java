package dev.callq.bench.compare;

import dev.callq.bench.HarnessException;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine a results folder was measured on, as {@code machine.json} beside it: a committed
 * baseline only means something on the machine it came from, so the gate says so when this one differs.
 *
 * @param cores  processors the JVM saw
 * @param cpu    the CPU's model name, from /proc/cpuinfo ("unknown" elsewhere)
 * @param kernel the operating system and its version
 * @param java   the Java runtime's version
 */
public record MachineRecord(int cores, String cpu, String kernel, String java) {
    public static final String FILE_NAME = "machine.json";

    public static MachineRecord current() {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the model stays unknown
        }
        return new MachineRecord(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("java.version"));
    }

    public void write(Path dir) {
        try {
            SummaryJson.mapper().writeValue(dir.resolve(FILE_NAME).toFile(), this);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    public static Optional<MachineRecord> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SummaryJson.mapper().readValue(file.toFile(), MachineRecord.class));
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** How {@code other} differs from this record, one phrase a field; empty when it does not. */
    public List<String> differences(MachineRecord other) {
        List<String> differences = new ArrayList<>();
        if (cores != other.cores) {
            differences.add("cores " + cores + " vs " + other.cores);
        }
        if (!cpu.equals(other.cpu)) {
            differences.add("CPU " + cpu + " vs " + other.cpu);
        }
        if (!kernel.equals(other.kernel)) {
            differences.add("kernel " + kernel + " vs " + other.kernel);
        }
        if (!java.equals(other.java)) {
            differences.add("Java " + java + " vs " + other.java);
        }
        return differences;
    }

    /**
     * A warning when {@code baseline} was not measured on this machine (or says nothing of where it
     * was); empty when it matches.
     */
    public static Optional<String> baselineWarning(Path baseline) {
        Optional<MachineRecord> recorded = read(baseline);
        if (recorded.isEmpty()) {
            return Optional.of("WARNING the baseline " + baseline + " has no " + FILE_NAME + ": nothing says it was "
                    + "measured on this machine, and a baseline from another machine makes the verdict meaningless "
                    + "(prefer callq ab --base GIT_REF)");
        }
        List<String> differences = recorded.get().differences(current());
        return differences.isEmpty() ? Optional.empty() : Optional.of("WARNING the baseline was measured on another "
                + "machine (" + String.join("; ", differences) + "): its verdict is about the machines as much as the "
                + "change (prefer callq ab --base GIT_REF)");
    }
}
