package dev.callq.bench.maxrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest rate a {@link Probe} passes, on a machine where a probe near the limit may pass
 * one time and fail the next.
 *
 * <ol>
 *   <li><b>Grow</b> geometrically from the start rate while probes pass (or, when the start rate
 *       already fails, shrink until one passes): this brackets the limit between a pass and a fail.</li>
 *   <li><b>Bisect</b> the bracket (geometric midpoint) until it is narrower than the relative precision.</li>
 *   <li><b>Confirm</b> the highest passing rate by probing it again {@code confirmations} times. A single
 *       failure makes it the new upper bound: step down by the precision and confirm that rate, as
 *       often as needed. A pass that does not repeat is noise, and the answer must not rest on it.</li>
 * </ol>
 * Every probe is recorded, pass or fail, as evidence. The search stops after {@code maxProbes} and then
 * says it did not converge.
 */
public final class MaxRateSearch {
    private final Settings settings;

    /**
     * @param startRatePerSec    first rate probed
     * @param growthFactor       rate multiplier while growing (and divisor while shrinking), &gt; 1
     * @param relativePrecision  bisect until (upper − lower) / lower is at most this, and the step down after a failed confirmation
     * @param confirmations      extra passes the answer needs
     * @param minRatePerSec      below this the search gives up: nothing is sustained
     * @param maxRatePerSec      above this the search stops growing: the limit is out of range
     * @param maxProbes          the most probes the search may run
     */
    public record Settings(long startRatePerSec, double growthFactor, double relativePrecision, int confirmations,
                           long minRatePerSec, long maxRatePerSec, int maxProbes) {
        public Settings {
            if (startRatePerSec < 1 || minRatePerSec < 1 || startRatePerSec < minRatePerSec
                    || startRatePerSec > maxRatePerSec) {
                throw new IllegalArgumentException("rates must satisfy 1 ≤ min ≤ start ≤ max, not " + minRatePerSec
                        + " ≤ " + startRatePerSec + " ≤ " + maxRatePerSec);
            }
            if (!(growthFactor > 1)) {
                throw new IllegalArgumentException("growth factor must be above 1, not " + growthFactor);
            }
            if (!(relativePrecision > 0 && relativePrecision < 1)) {
                throw new IllegalArgumentException("precision must be between 0 and 1, not " + relativePrecision);
            }
            if (confirmations < 0 || maxProbes < 1) {
                throw new IllegalArgumentException("confirmations must be ≥ 0 and max probes ≥ 1");
            }
        }
    }

    /** One probe the search ran: its 1-based number, the stage that asked for it, the rate and the verdict. */
    public record Step(int number, String stage, long ratePerSec, boolean passed, String reason) {
    }

    /**
     * @param maxRatePerSec the highest confirmed rate, or 0 when none was
     * @param converged     true when the answer was confirmed (or nothing down to the minimum passed)
     * @param outcome       one line: what was found, or why the search stopped
     * @param limitedByMaxRate true when every rate up to the search's maximum passed: the answer is that
     *                      bound, not the limit of what was probed
     */
    public record Result(long maxRatePerSec, boolean converged, String outcome, List<Step> steps,
                         boolean limitedByMaxRate) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    public MaxRateSearch(Settings settings) {
        this.settings = settings;
    }

    public Result run(Probe probe) {
        return new Run(probe).search();
    }

    /** The state of one search. */
    private final class Run {
        private final Probe probe;
        private final List<Step> steps = new ArrayList<>();
        private long passing;
        private long failing;

        Run(Probe probe) {
            this.probe = probe;
        }

        Result search() {
            try {
                bracket();
                if (passing == 0) {
                    return new Result(0, true, "no rate down to " + settings.minRatePerSec() + "/s passed", steps, false);
                }
                if (failing == 0) {
                    return confirm("every rate up to " + settings.maxRatePerSec() + "/s passed; ");
                }
                bisect();
                return confirm("");
            } catch (OutOfProbes e) {
                return new Result(0, false, "not converged within " + settings.maxProbes() + " probes; last bracket "
                        + passing + "–" + failing + "/s", steps, false);
            }
        }

        private void bracket() {
            long rate = settings.startRatePerSec();
            if (probe("grow", rate)) {
                passing = rate;
                while (failing == 0 && passing < settings.maxRatePerSec()) {
                    rate = Math.min(settings.maxRatePerSec(), grow(passing));
                    if (probe("grow", rate)) {
                        passing = rate;
                    } else {
                        failing = rate;
                    }
                }
                return;
            }
            failing = rate;
            while (passing == 0 && failing > settings.minRatePerSec()) {
                rate = Math.max(settings.minRatePerSec(), shrink(failing));
                if (probe("shrink", rate)) {
                    passing = rate;
                } else {
                    failing = rate;
                }
            }
        }

        private void bisect() {
            while (!narrowEnough()) {
                long middle = Math.round(Math.sqrt((double) passing * failing));
                if (middle <= passing || middle >= failing) {
                    return;
                }
                if (probe("bisect", middle)) {
                    passing = middle;
                } else {
                    failing = middle;
                }
            }
        }

        private Result confirm(String prefix) {
            long candidate = passing;
            boolean alreadyPassedOnce = true;
            while (candidate >= settings.minRatePerSec()) {
                int passesNeeded = settings.confirmations() + (alreadyPassedOnce ? 0 : 1);
                int passes = 0;
                while (passes < passesNeeded && probe("confirm", candidate)) {
                    passes++;
                }
                if (passes == passesNeeded) {
                    return new Result(candidate, true, prefix + candidate + "/s passed " + (passesNeeded
                            + (alreadyPassedOnce ? 1 : 0)) + " times in a row", steps, failing == 0);
                }
                failing = candidate;
                candidate = Math.min(candidate - 1, Math.round(candidate * (1 - settings.relativePrecision())));
                alreadyPassedOnce = false;
            }
            return new Result(0, true, "no rate down to " + settings.minRatePerSec() + "/s passed its confirmation", steps,
                    false);
        }

        private boolean narrowEnough() {
            return failing - passing <= Math.max(1, settings.relativePrecision() * passing);
        }

        private long grow(long rate) {
            return Math.max(rate + 1, Math.round(rate * settings.growthFactor()));
        }

        private long shrink(long rate) {
            return Math.min(rate - 1, Math.round(rate / settings.growthFactor()));
        }

        private boolean probe(String stage, long rate) {
            if (steps.size() >= settings.maxProbes()) {
                throw new OutOfProbes();
            }
            Probe.Verdict verdict = probe.probe(rate);
            steps.add(new Step(steps.size() + 1, stage, rate, verdict.passed(), verdict.reason()));
            return verdict.passed();
        }
    }

    /** The probe budget is spent. */
    private static final class OutOfProbes extends RuntimeException {
        OutOfProbes() {
            super(null, null, false, false);
        }
    }
}
