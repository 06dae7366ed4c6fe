package dev.callq.bench.result;

import dev.callq.bench.load.ProducerStats;
import dev.callq.bench.measure.Accounting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether one client's numbers can be trusted, and if not, why. The one definition: {@code callq run}'s
 * exit code (3 when any client is untrustworthy), every report's verdict, and through the exit code the
 * sweep's and the planner's forked runs; the max-rate rule adds its own criteria on top. The conditions:
 * <ul>
 *   <li>the Kamailio script kept its contract: when calls were answered, its {@code callq_pushed_*} counters
 *       show pushes. A script that answers calls and pushes nothing would otherwise pass every check
 *       (0 expected, 0 consumed, 0 ≤ INVITEs sent);</li>
 *   <li>the load was sustained ({@link SustainedLoad}): consumed about as fast as offered during the
 *       measured phase, the backlog not growing, the final backlog small. An open-loop run that falls behind
 *       measures the queue's growing wait, not the pipeline's latency at that rate;</li>
 *   <li>the accounting balances ({@link Accounting#balanced()}): every expected event consumed exactly once,
 *       nothing lost, duplicated, unexpected, malformed or left in the queue. A malformed payload counts: it
 *       is an event the consumer could not account for;</li>
 *   <li>the synthetic producer kept its schedule; otherwise the rate was never really offered (pushes a
 *       fault made fail count as offered);</li>
 *   <li>nothing failed once measuring had begun (Redis stopped answering, SIPp or Kamailio gone);</li>
 *   <li>the accounting's totals agree with Redis's own command statistics and Kamailio's counters
 *       ({@code accounting.crossCheck}); otherwise two records of the same events disagree.</li>
 * </ul>
 *
 * @param client            the client it judges
 * @param accountingProblem what did not balance ({@code lost 7, duplicated 0, …}); null when balanced
 * @param producerProblem   how far the producer fell behind; null when it kept its schedule or there was none
 * @param failure           what broke mid-run ({@link ClientResult#failure()}); null when nothing did
 * @param crossCheckProblem which of the accounting's cross-checks against Redis's and Kamailio's own counters
 *                          failed; null when all agreed or there were none
 * @param contractProblem   how the Kamailio script broke its contract; null when it kept it or there was none
 * @param sustainedProblem  {@link SustainedLoad#line()} when the load was not sustained; null
 *                          when it was, was not judged, or the result predates the rule
 */
public record RunVerdict(String client, String accountingProblem, String producerProblem, String failure,
                         String crossCheckProblem, String contractProblem, String sustainedProblem) {

    /** How a producer problem that is Redis refusing pushes, not the producer falling behind, begins. */
    public static final String PUSHES_REFUSED = "Redis refused pushes:";

    public static RunVerdict of(ClientResult result) {
        ClientResult.Events e = result.events();
        Accounting accounting = new Accounting(e.expected(), e.consumed(), e.unique(), e.lost(), e.duplicates(),
                e.unexpected(), e.malformed(), e.leftInQueue(), 0, false, e.rePushed());
        String accountingProblem = accounting.balanced() ? null
                : String.format(Locale.ROOT, "lost %d, duplicated %d, malformed %d, left %d", e.lost(),
                e.duplicates(), e.malformed(), e.leftInQueue())
                + (e.unexpected() == 0 ? "" : ", unexpected " + e.unexpected());
        List<String> failedChecks = result.accounting() == null ? List.of()
                : result.accounting().failedChecks().stream().map(check -> String.format(Locale.ROOT,
                "%s: expected %d, observed %d", check.name(), check.expected(), check.observed())).toList();
        String crossCheckProblem = failedChecks.isEmpty() ? null : String.join("; ", failedChecks);
        boolean withFaults = result.faults() != null && !result.faults().isEmpty();
        SustainedLoad sustained = result.sustained();
        String sustainedProblem = sustained == null || sustained.sustained() ? null
                : sustained.line();
        return new RunVerdict(result.client(), accountingProblem, producerProblem(result.producer(), withFaults,
                result.measuredSeconds()),
                result.failure(), crossCheckProblem, result.calls() == null ? null : result.calls().contractProblem(),
                sustainedProblem);
    }

    /** This verdict without its sustained condition, for a caller that judges that condition its own way. */
    public RunVerdict withoutSustained() {
        return new RunVerdict(client, accountingProblem, producerProblem, failure, crossCheckProblem, contractProblem,
                null);
    }

    /**
     * How far the producer fell behind, or null. A push that failed while a fault lasted (Redis paused,
     * killed, failing over, cut off) was offered on time and refused: the fault's doing, counted in the
     * accounting as a failed push, not the harness failing to offer its load. So in a run with faults the
     * producer is judged by the pushes it attempted, all of them sent, on pace.
     *
     * @param phaseSeconds the measured phase's length, for {@link ProducerStats#tolerance}; 0 when not known
     */
    public static String producerProblem(ClientResult.Producer producer, boolean withFaults, double phaseSeconds) {
        if (producer == null || producer.keptSchedule()) {
            return null;
        }
        if (withFaults && producer.notSent() == 0 && producer.pushed() > 0) {
            double attemptedRate = producer.achievedRate() * (producer.pushed() + producer.pushFailures()) / producer.pushed();
            if (ProducerStats.onPace(attemptedRate, producer.scheduledRate(), phaseSeconds)) {
                return null;
            }
        }
        // results written before the scheduled rate was recorded hold 0 there
        double scheduled = producer.scheduledRate() > 0 ? producer.scheduledRate() : producer.targetRate();
        // Every push sent, and those Redis acknowledged on pace for all sent: Redis refused some (all, when none
        // was acknowledged), the producer did not fall behind.
        boolean refusedNotLate = producer.notSent() == 0 && producer.pushFailures() > 0 && (producer.pushed() == 0
                || ProducerStats.onPace(producer.achievedRate() * (producer.pushed() + producer.pushFailures())
                / producer.pushed(), scheduled, phaseSeconds));
        if (refusedNotLate) {
            String causes = producer.describeFailureCauses();
            return String.format(Locale.ROOT, "%s %d of %d pushes failed%s", PUSHES_REFUSED, producer.pushFailures(),
                    producer.pushed() + producer.pushFailures(), causes.isEmpty() ? "" : " (" + causes + ")");
        }
        return String.format(Locale.ROOT, "achieved %.0f of %.0f/s", producer.achievedRate(), scheduled);
    }

    /** One verdict per client, in the summary's order. */
    public static List<RunVerdict> of(RunSummary summary) {
        return summary.clients().stream().map(RunVerdict::of).toList();
    }

    /** True when every client of the run is trustworthy. */
    public static boolean trustworthy(RunSummary summary) {
        return of(summary).stream().allMatch(RunVerdict::trustworthy);
    }

    public boolean accountingBalanced() {
        return accountingProblem == null;
    }

    public boolean producerKeptSchedule() {
        return producerProblem == null;
    }

    public boolean crossChecksAgree() {
        return crossCheckProblem == null;
    }

    public boolean sustained() {
        return sustainedProblem == null;
    }

    public boolean trustworthy() {
        return contractProblem == null && accountingBalanced() && producerKeptSchedule() && failure == null
                && crossChecksAgree() && sustained();
    }

    /** Why the numbers are not trustworthy, one reason a line; empty when they are. */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (contractProblem != null) {
            reasons.add("contract broken: " + contractProblem);
        }
        if (failure != null) {
            reasons.add("failed mid-run: " + failure);
        }
        if (accountingProblem != null) {
            reasons.add("accounting: " + accountingProblem);
        }
        if (producerProblem != null) {
            reasons.add(producerProblem.startsWith(PUSHES_REFUSED) ? "producer: " + producerProblem
                    : "producer behind schedule: " + producerProblem);
        }
        if (crossCheckProblem != null) {
            reasons.add("cross-check against Redis/Kamailio counters failed: " + crossCheckProblem);
        }
        if (sustainedProblem != null) {
            reasons.add(sustainedProblem);
        }
        return reasons;
    }
}
