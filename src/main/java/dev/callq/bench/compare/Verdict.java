package dev.callq.bench.compare;

/** What a comparison says of one metric of one cell. */
public enum Verdict {
    OK("ok"),
    IMPROVED("improved"),
    /**
     * The median got worse by more than the tolerance, but not clearly beyond the noise: either by no
     * more than twice the repeats' relative spread, or with some current repeat not worse than every
     * baseline repeat by more than the tolerance. Not gated on; see {@code Comparison.compare}.
     */
    WITHIN_NOISE("within noise"),
    REGRESSION("REGRESSION"),
    /** Worse beyond the tolerance with no repeats to tell noise from change: reported, and gated on. */
    UNGUARDED_REGRESSION("REGRESSION (unguarded: no repeats)"),
    /** In the baseline, not in the current run: a cell that stopped being measured fails the gate. */
    MISSING("MISSING from the current run"),
    /** In the current run only: nothing to compare it with yet; reported, not gated on. */
    NEW("new: not in the baseline"),
    /** Too few latencies on either side for a p99 (see {@code CellMeasurement.MIN_SAMPLES}): fails. */
    TOO_FEW_SAMPLES("TOO FEW SAMPLES"),
    /** Some repeat on either side has untrustworthy numbers (events lost, producer behind): fails. */
    UNTRUSTWORTHY("UNTRUSTWORTHY");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when the gate fails on this verdict: a regression, or no evidence where evidence was due. */
    public boolean fails() {
        return this == REGRESSION || this == UNGUARDED_REGRESSION || this == MISSING || this == TOO_FEW_SAMPLES
                || this == UNTRUSTWORTHY;
    }
}
