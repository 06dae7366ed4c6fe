package dev.callq.bench.env;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A child outlives no JVM that started it, however that JVM ends. */
@Tag("processes")
class ManagedProcessTest {
    @TempDir
    Path tmp;

    /**
     * A JVM of its own starts a child and is killed with kill -9 at once, so that no shutdown hook runs: the
     * watchdog the child started before its own binary ran kills it within a few seconds.
     */
    @Test
    void aChildDiesWithAJvmKilledRightAfterStartingIt() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parent.class.getName(), tmp.toString())
                .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the parent JVM printed its child's pid").isNotNull().matches("\\d+");
            childPid = Long.parseLong(line);
            parent.destroyForcibly(); // SIGKILL
        }
        assertThat(parent.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        assertThat(child).as("the child ran when its parent was killed").isPresent();
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (child.get().isAlive() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(50);
        }
        assertThat(child.get().isAlive()).as("the child " + childPid + " 5 s after its parent's kill -9").isFalse();
    }

    /** The pid a caller holds, and signals for a fault, is the binary's own: the wrapper sh execs it. */
    @Test
    void theChildsPidIsItsBinarysOwn() throws Exception {
        try (ManagedProcess child = ManagedProcess.start("sleep", List.of("sleep", "60"), tmp, tmp.resolve("s.log"))) {
            long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Optional<String> command = Optional.empty();
            while (System.nanoTime() < deadlineNanos
                    && !(command = ProcessHandle.of(child.pid()).flatMap(p -> p.info().command())).orElse("").endsWith("/sleep")) {
                Thread.sleep(20);
            }
            assertThat(command).hasValueSatisfying(path -> assertThat(path).endsWith("/sleep"));
            assertThat(ProcessHandle.of(child.pid()).orElseThrow().children().toList())
                    .as("the watchdog is no child of the binary").isEmpty();
        }
    }

    /**
     * Closing a command started without arguments kills no other process: forks are recognised by their
     * arguments, and an empty list matched every argument-less process on the machine (a dockerd died so).
     */
    @Test
    void closingACommandWithoutArgumentsLeavesOtherArgumentlessProcessesAlone() throws Exception {
        // cat with no arguments, alive while its stdin stays open.
        Process bystander = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            try (ManagedProcess child = ManagedProcess.start("true", List.of("true"), tmp, tmp.resolve("t.log"))) {
                assertThat(child.waitFor(java.time.Duration.ofSeconds(10))).isZero();
            }
            assertThat(bystander.waitFor(500, TimeUnit.MILLISECONDS)).as("cat was killed").isFalse();
        } finally {
            bystander.destroy();
        }
    }

    /** The parent: starts a long sleep as a managed child, prints its pid, and waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            ManagedProcess child = ManagedProcess.start("sleep", List.of("sleep", "60"), dir, dir.resolve("sleep.log"));
            System.out.println(child.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
