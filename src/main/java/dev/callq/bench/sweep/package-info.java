/**
 * Sweeps: every combination of a sweep file's axes, each cell a forked run, with {@code sweep.json} and
 * {@code sweep.csv} kept current and a console table per sweep. Running one cell belongs to {@code run};
 * several sweeps gated together belong to {@code suite}; pages to {@code report}.
 * Layer: above {@code run}, a peer of {@code plan} and {@code maxrate}.
 */
package dev.callq.bench.sweep;
