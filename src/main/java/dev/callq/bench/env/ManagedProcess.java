package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A child process whose output goes to a log file in the run folder, and which is stopped
 * on every way out: {@link #close()}, a failed run, or the JVM's shutdown (Ctrl-C included).
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * Starts hold it shared; the shutdown hook takes it exclusively, so that a process being started as
     * the JVM stops is either in {@link #LIVE} when the hook reaps it or never started. (A SIPp started
     * just as a run was stopped escaped the reaper and ran on, orphaned.)
     */
    private static final ReadWriteLock STARTING = new ReentrantReadWriteLock();
    private static volatile boolean shuttingDown;
    private static final java.util.concurrent.CountDownLatch STOPPED_ALL = new java.util.concurrent.CountDownLatch(1);

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAll, "callq-process-reaper"));
        } catch (IllegalStateException shutdownInProgress) {
            // First used on the JVM's way out: it never started a process, so there is none to stop.
            STOPPED_ALL.countDown();
        }
    }

    /**
     * The watchdog, a shell of its own so that its command line names only the two pids (the child's
     * arguments, a run folder among them, stay the child's): while the child's parent is the JVM, wait;
     * then kill the child's own children and the child.
     */
    private static final String WATCHDOG = "while [ \"$(cut -d' ' -f4 /proc/$1/stat 2>/dev/null)\" = \"$2\" ]; "
            + "do sleep 1; done; if [ -e /proc/$1 ]; then pkill -KILL -P $1; kill -KILL $1; fi";

    /**
     * Starts a child through sh, which first starts the child's watchdog and then execs the child in its own
     * place, with its own pid: the watchdog exists before the child runs, so a kill -9 of the JVM at any
     * instant leaves no child running. The watchdog kills the child, and the processes it forked, once the
     * child's parent is no longer the JVM that started it (the JVM is gone: {@code kill -9}, the OOM killer,
     * and no shutdown hook ran; a JVM already gone before the wrapper ran counts the same). It ends by itself,
     * killing nothing, once the child has ended. It is started by a subshell that exits at once, so it is no
     * child of the child: Kamailio shuts down when a child of its own exits, and Redis reaps its own children.
     * (PR_SET_PDEATHSIG, as {@code setpriv --pdeathsig} sets it, fires when the thread that started the child
     * ends, not the JVM: a child started from a short-lived thread died with it.) Arguments: the JVM's pid,
     * then the child's command.
     */
    private static final String WATCHED = "jvm=$1; shift; "
            + "( sh -c " + quoted(WATCHDOG) + " callq-watchdog $$ \"$jvm\" </dev/null >/dev/null 2>&1 & ); "
            + "exec \"$@\"";

    private final String name;
    private final Process process;
    private final Path logFile;
    private final List<String> arguments;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ManagedProcess(String name, Process process, Path logFile, List<String> arguments) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.arguments = List.copyOf(arguments);
    }

    /** {@code text} as one single-quoted shell word. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** {@code command} run through {@link #WATCHED}: sh's arguments, then the command's own. */
    private static List<String> watched(List<String> command) {
        List<String> watched = new java.util.ArrayList<>(List.of("sh", "-c", WATCHED, "callq-watched",
                Long.toString(ProcessHandle.current().pid())));
        watched.addAll(command);
        return watched;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code logFile}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(watched(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        STARTING.readLock().lock();
        try {
            if (shuttingDown) {
                throw new HarnessException("not starting " + name + ": callq is stopping");
            }
            ManagedProcess managed = new ManagedProcess(name, builder.start(), logFile, command.subList(1, command.size()));
            LIVE.add(managed);
            return managed;
        } catch (IOException e) {
            throw new HarnessException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        } finally {
            STARTING.readLock().unlock();
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends a signal (STOP, CONT, KILL) to the process alone, for a fault; returns once {@code kill} has
     * sent it. A process already gone is not an error: the fault found nothing to do.
     */
    public void signal(String signal) {
        signal(signal, List.of(process.pid()), name);
    }

    /**
     * Sends a signal to each of {@code pids} (processes of {@code name}) with one {@code kill}; true when it
     * reached them all, false when one was already gone (or the wait was interrupted).
     */
    public static boolean signal(String signal, List<Long> pids, String name) {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            throw new HarnessException("cannot send SIG" + signal + " to " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits up to {@code timeout} for the process to exit; true once it has (or the wait was interrupted: false). */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL to the process alone, sent from the JVM at once (no kill command to start first). */
    public void killNow() {
        process.destroyForcibly();
    }

    /** Waits for the process to exit by itself; returns its exit code, or fails after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HarnessException(name + " did not finish within " + timeout.toSeconds() + " s; see " + logFile);
            }
            LIVE.remove(this);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * SIGTERM to the process and its descendants, then SIGKILL to whatever is left after 5 s. Once only: a
     * second close (the shutdown hook's, then the run's own on its way out) has nothing left to do, and
     * looking for forks again would cost a scan of every process.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LIVE.remove(this);
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle handle : tree) {
            long leftNanos = Math.max(0, deadlineNanos - System.nanoTime());
            try {
                handle.onExit().get(leftNanos, TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        stopOrphanedForks();
    }

    /**
     * Kills forks of the process that escaped the tree above: Kamailio forks its workers after binding its
     * port, so a close() right after start can miss a worker that then outlives its parent (found left
     * running after a test). A fork keeps its parent's arguments, and those name this run's own files.
     * A command without arguments names nothing of its own: every process started without arguments on the
     * machine (dockerd, a shell) would match, so there is no fork to recognise.
     */
    private void stopOrphanedForks() {
        if (arguments.isEmpty()) {
            return;
        }
        ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != process.pid() && handle.isAlive())
                .filter(handle -> handle.info().arguments().map(List::of).map(arguments::equals).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** True once the JVM is on its way out (Ctrl-C, SIGTERM): failures after that are the stop, not a bug. */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * Waits (bounded) until the shutdown hook has stopped every process: another shutdown hook that ends
     * the JVM at once, to choose its exit status, must not cut this one short.
     */
    public static void awaitStoppedAll(Duration timeout) {
        try {
            STOPPED_ALL.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the JVM's way out; anything still here was left by a run that did not finish (Ctrl-C, a crash). */
    private static void stopAll() {
        STARTING.writeLock().lock();
        shuttingDown = true;
        STARTING.writeLock().unlock();
        try {
            List<ManagedProcess> left = List.copyOf(LIVE);
            if (!left.isEmpty()) {
                System.err.println("callq: stopping " + left.stream().map(ManagedProcess::name).toList()
                        + " before exiting");
            }
            // All at once: each close waits for its process to exit, and the JVM's exit waits for them all.
            List<Thread> closing = left.stream().map(process -> new Thread(process::close, "callq-stop-" + process.name))
                    .toList();
            closing.forEach(Thread::start);
            for (Thread thread : closing) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            STOPPED_ALL.countDown();
        }
    }
}
