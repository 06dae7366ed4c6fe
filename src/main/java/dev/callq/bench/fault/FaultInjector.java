package dev.callq.bench.fault;

import dev.callq.bench.measure.WallClock;
import dev.callq.bench.result.CsvTable;
import dev.callq.bench.result.FaultRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Does a run's faults at their times into the measured phase, each on a thread of its own, and undoes
 * them on close whatever happened: a Redis left paused would hang the drain and every run after it.
 * Each fault's start and end go to {@code <client>-faults.csv} as they happen.
 */
public final class FaultInjector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);
    public static final String SUFFIX = "-faults.csv";
    public static final List<String> COLUMNS = List.of("spec", "startedAtMicros", "endedAtMicros", "note", "error");

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final Fault.Targets targets;
    private final CsvTable.Appender csv;
    private final long phaseStartMicros;

    /** Where a client's fault log is in a results folder. */
    public static Path file(Path outDir, String client) {
        return outDir.resolve(client + SUFFIX);
    }

    /** Starts the clock of every fault now, the start of the measured phase. */
    public FaultInjector(List<FaultSpec> faults, Fault.Targets targets, Path csvFile, String client) throws IOException {
        this.targets = targets;
        this.phaseStartMicros = WallClock.nowMicros();
        this.csv = new CsvTable.Appender(csvFile, COLUMNS);
        long startNanos = System.nanoTime();
        for (FaultSpec spec : faults) {
            Scheduled fault = new Scheduled(Faults.create(spec), startNanos);
            fault.thread = new Thread(fault::run, client + "-fault-" + spec.kind().cliName());
            fault.thread.setDaemon(true);
            scheduled.add(fault);
        }
        scheduled.forEach(fault -> fault.thread.start());
    }

    /** Undoes whatever is still done, and returns each fault as it went, in the order given. */
    public List<FaultRecord> stopAll() {
        List<FaultRecord> records = new ArrayList<>();
        for (Scheduled fault : scheduled) {
            fault.thread.interrupt();
            try {
                fault.thread.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            records.add(fault.finish());
        }
        return records;
    }

    @Override
    public void close() {
        stopAll();
        try {
            csv.close();
        } catch (IOException e) {
            log.warn("cannot close the fault log: {}", e.getMessage());
        }
    }

    private void write(FaultRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("spec", record.spec());
        row.put("startedAtMicros", record.startedAtMicros());
        row.put("endedAtMicros", record.endedAtMicros());
        row.put("note", record.note());
        row.put("error", record.error());
        try {
            csv.append(row);
        } catch (IOException e) {
            log.warn("cannot write {} to the fault log: {}", record.spec(), e.getMessage());
        }
    }

    /** One fault: waits for its time, does it, waits its length, undoes it. */
    private final class Scheduled {
        private final Fault fault;
        private final long phaseStartNanos;
        private Thread thread;
        private long startedAtMicros;
        private boolean started;
        private boolean stopped;
        private String note;
        private String error;
        private FaultRecord record;

        Scheduled(Fault fault, long phaseStartNanos) {
            this.fault = fault;
            this.phaseStartNanos = phaseStartNanos;
        }

        void run() {
            FaultSpec spec = fault.spec();
            if (spec.kind() == FaultSpec.Kind.SIP_LOSS) {
                // The load had it from the start, the warm-up included.
                synchronized (this) {
                    startedAtMicros = phaseStartMicros;
                    started = true;
                }
                return;
            }
            try {
                sleepUntil(phaseStartNanos + spec.at().toNanos());
                synchronized (this) {
                    startedAtMicros = WallClock.nowMicros();
                    started = true;
                }
                log.info("fault {}: start", spec);
                String found = fault.start(targets);
                synchronized (this) {
                    note = found;
                }
                sleepUntil(phaseStartNanos + spec.end().toNanos());
            } catch (InterruptedException e) {
                // The run ended first: close() undoes the fault now.
            } catch (RuntimeException e) {
                synchronized (this) {
                    error = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                }
                log.warn("fault {}: {}", spec, error);
            }
            finish();
        }

        /** Undoes the fault if it was done and records it, once; a fault never started says so. */
        synchronized FaultRecord finish() {
            if (record != null) {
                return record;
            }
            FaultSpec spec = fault.spec();
            if (!started) {
                record = new FaultRecord(spec.toString(), 0, 0, null,
                        "the measured phase ended before it was due", null, null);
                write(record);
                return record;
            }
            if (!stopped) {
                stopped = true;
                try {
                    fault.stop(targets);
                } catch (RuntimeException e) {
                    error = error != null ? error : "undoing it failed: " + e.getMessage();
                }
            }
            long endedAtMicros = WallClock.nowMicros();
            if (spec.kind() != FaultSpec.Kind.SIP_LOSS) {
                log.info("fault {}: end{}", spec, note == null ? "" : " (" + note + ")");
            }
            record = new FaultRecord(spec.toString(), startedAtMicros, endedAtMicros, note, error, null, null);
            write(record);
            return record;
        }

        private void sleepUntil(long deadlineNanos) throws InterruptedException {
            long leftNanos = deadlineNanos - System.nanoTime();
            if (leftNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(leftNanos);
            }
        }
    }
}
