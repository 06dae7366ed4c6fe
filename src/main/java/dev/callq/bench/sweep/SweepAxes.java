package dev.callq.bench.sweep;

import java.util.List;

/**
 * What a sweep varies; every combination is one cell, run {@code repeats} times.
 *
 * @param rates  offered rates as {@code callq run --rate} takes them, or {@code <n>/worker}: n events/s
 *               per worker, so that every worker count is offered the same load per worker
 * @param faults each value the {@code --fault} specs of a cell (none: a cell without faults)
 */
public record SweepAxes(List<String> clients, List<String> patterns, List<Integer> workers, List<String> rates,
                        List<String> serviceTimes, int repeats, List<List<String>> faults) {
    /**
     * Cells a sweep may have, repeats included: at some 20 s a cell, 10,000 cells take two days. A larger
     * sweep is refused before its cells are listed (a million took minutes and gigabytes just to list).
     */
    public static final long MAX_CELLS = 10_000;

    /** Axes without faults. */
    public SweepAxes(List<String> clients, List<String> patterns, List<Integer> workers, List<String> rates,
                     List<String> serviceTimes, int repeats) {
        this(clients, patterns, workers, rates, serviceTimes, repeats, List.of(List.of()));
    }

    public SweepAxes {
        // Sweeps written before the faults axis have none: one value, no faults.
        faults = faults == null ? List.of(List.of()) : faults;
        faults = nonEmpty(faults.stream().map(List::copyOf).toList(), "faults");
        clients = nonEmpty(clients, "clients");
        patterns = nonEmpty(patterns, "patterns");
        workers = nonEmpty(workers, "workers");
        rates = nonEmpty(rates, "rates");
        serviceTimes = nonEmpty(serviceTimes, "serviceTimes");
        if (repeats < 1) {
            throw new IllegalArgumentException("axes.repeats must be at least 1, not " + repeats);
        }
        for (int count : workers) {
            if (count < 1) {
                throw new IllegalArgumentException("axes.workers must be at least 1, not " + count);
            }
        }
        // In double: the product of the axes' sizes can overflow a long, let alone an int.
        double cells = (double) clients.size() * patterns.size() * workers.size() * rates.size()
                * serviceTimes.size() * faults.size() * repeats;
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the sweep has %,.0f cells, above the %,d a sweep allows; split it or shorten its axes",
                    cells, MAX_CELLS));
        }
    }

    /** Cells in the sweep, repeats included (at most {@link #MAX_CELLS}). */
    public int cellCount() {
        return clients.size() * patterns.size() * workers.size() * rates.size() * serviceTimes.size() * faults.size()
                * repeats;
    }

    private static <T> List<T> nonEmpty(List<T> values, String axis) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("axes." + axis + " must list at least one value");
        }
        if (values.size() != values.stream().distinct().count()) {
            throw new IllegalArgumentException("axes." + axis + " lists a value twice: " + values);
        }
        return List.copyOf(values);
    }
}
