package dev.callq.bench.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a command run in this JVM prints: {@code System.out} and {@code System.err} are swapped for buffers
 * while it runs. Those streams belong to the whole JVM, so a capture taken while another test class runs
 * would hold that class's lines too: {@link #capture} refuses to run beside another class (mark a class of
 * the processes tier that captures {@code @Isolated}; the fast tier runs one class at a time).
 */
public final class Console {
    /** The command's exit code and everything it printed, each stream whole. */
    public record Captured(int exitCode, String stdout, String stderr) {
    }

    /** A command that returns its exit code, such as {@code () -> Main.execute("plan", …)}. */
    public interface Command {
        int run() throws Exception;
    }

    private Console() {
    }

    public static Captured capture(Command command) throws Exception {
        int others = RunningClasses.count() - 1;
        if (others > 0) {
            throw new AssertionError("System.out and System.err are captured while " + others + " other test "
                    + "class(es) run and print: mark this class @Isolated");
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = command.run();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Captured(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }
}
