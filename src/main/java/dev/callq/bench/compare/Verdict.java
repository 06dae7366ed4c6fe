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
    MISSING("missing");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean fails() {
        return this == REGRESSION || this == UNGUARDED_REGRESSION;
    }
}
