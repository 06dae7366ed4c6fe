package dev.callq.bench.sweep;

import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.work.ServiceTime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One cell of a sweep: one client, one combination of the axes, one repeat. It runs as one
 * {@code callq run} in a JVM of its own, into the folder {@code cells/<name>}.
 *
 * @param index   1-based position in the sweep
 * @param rate    the rate as the sweep file gives it ({@code 4000}, {@code 600/worker}, {@code ramp:…})
 * @param repeat  1-based repeat number
 * @param faults  the cell's {@code --fault} specs, none for a cell without faults
 */
public record SweepCell(int index, String client, String pattern, int workers, String rate, String serviceTime,
                        int repeat, List<String> faults) {
    private static final String PER_WORKER = "/worker";

    /** A cell without faults. */
    public SweepCell(int index, String client, String pattern, int workers, String rate, String serviceTime,
                     int repeat) {
        this(index, client, pattern, workers, rate, serviceTime, repeat, List.of());
    }

    public SweepCell {
        faults = List.copyOf(faults);
    }

    /** A folder name that says the cell's parameters, ordered by index: {@code 03-jedis-blpop-w4-r4000-exp2ms-1}. */
    public String name() {
        return String.format(Locale.ROOT, "%02d-%s-%s-w%d-r%s-%s-%d", index, slug(ClientChoice.labelOf(client)), pattern, workers,
                slug(rate.replace(PER_WORKER, "pw")), slug(serviceTime), repeat)
                + faults.stream().map(fault -> "-" + fault.replaceAll("[^A-Za-z0-9.%]+", "_").replace("%", "pc"))
                .collect(java.util.stream.Collectors.joining());
    }

    /** The rate this cell offers, as {@code callq run --rate} takes it: per-worker rates multiplied out. */
    public String offeredRate() {
        if (!rate.endsWith(PER_WORKER)) {
            return rate;
        }
        String perWorker = rate.substring(0, rate.length() - PER_WORKER.length()).strip();
        try {
            double total = Double.parseDouble(perWorker) * workers;
            return total == Math.rint(total) ? Long.toString((long) total) : Double.toString(total);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("axes.rates: '" + rate + "' must be <events/s>/worker, e.g. 600/worker");
        }
    }

    /**
     * The options of this cell's run: the sweep file's other options, read as {@code callq run} reads
     * them, with the axes and the phases on top.
     *
     * @throws IllegalArgumentException with a one-line message for an option or value {@code callq run} would refuse
     */
    public RunOptions runOptions(SweepSpec spec) {
        RunOptions run = sweepOptions(spec);
        run.client = client;
        run.load = LoadKind.parse(spec.load(), "load");
        run.pattern = RunOptions.parseEnum(QueuePattern.class, pattern, "--pattern");
        run.workers = workers;
        run.rate = offeredRate();
        run.serviceTime = ServiceTime.parse(serviceTime);
        run.warmupSeconds = spec.phases().warmupSeconds();
        run.durationSeconds = spec.phases().durationSeconds();
        run.drainTimeoutSeconds = spec.phases().drainTimeoutSeconds();
        run.faults = faults.isEmpty() ? null : faults.stream().map(FaultSpec::parse).toList();
        return run;
    }

    /** The sweep file's options, read as {@code callq run} reads them; what they leave out at its default. */
    static RunOptions sweepOptions(SweepSpec spec) {
        List<String> options = new ArrayList<>();
        spec.options().forEach((option, value) -> options.addAll(List.of("--" + option, value)));
        return RunOptions.parse(options);
    }

    /** The {@code callq run} arguments of this cell, without {@code --out}. */
    public List<String> runArgs(SweepSpec spec) {
        return runOptions(spec).toArgs();
    }

    /**
     * Every cell of a sweep, in run order. Clients alternate fastest and repeats come slowest, so a
     * machine whose load drifts during a long sweep colours both clients and every repeat alike
     * instead of one client or one repeat.
     */
    public static List<SweepCell> expand(SweepAxes axes) {
        List<SweepCell> cells = new ArrayList<>();
        for (int repeat = 1; repeat <= axes.repeats(); repeat++) {
            for (String pattern : axes.patterns()) {
                for (int workers : axes.workers()) {
                    for (String rate : axes.rates()) {
                        for (String serviceTime : axes.serviceTimes()) {
                            for (List<String> faults : axes.faults()) {
                                for (String client : axes.clients()) {
                                    cells.add(new SweepCell(cells.size() + 1, client, pattern, workers, rate,
                                            serviceTime, repeat, faults));
                                }
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static String slug(String text) {
        return text.replaceAll("[^A-Za-z0-9.]+", "");
    }
}
