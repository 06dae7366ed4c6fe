package dev.callq.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.load.CallStats;
import dev.callq.bench.measure.Accounting;
import dev.callq.bench.measure.LatencySummary;

import java.util.List;
import java.util.Map;

/**
 * One client's measured run, as written to {@code summary.json}. Documented in results/README.md.
 *
 * @param hlog           the interval log, relative to the results folder
 * @param timeseries     the per-second CSV (consumed/s, backlog, interval p99), relative to the results folder
 * @param throughputPerSec measured events consumed / (last dequeue − start of the measured phase)
 * @param warmupSeconds  how long the warm-up ran (it goes on while the JIT compiles; 0 in older results)
 * @param warnings       anything that makes these numbers less than they seem; empty when clean
 * @param failure        what broke once measuring had begun (Redis, Kamailio or SIPp gone); absent when
 *                       nothing did. A result with a failure is untrustworthy, whatever its counts say
 * @param faults         the faults injected into the run ({@code --fault}), each with its start, end and
 *                       recovery; absent when none was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResult(String client, int workers, String pattern, String payload, String load,
                           String serviceTime, CallStats calls, Events events,
                           Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                           double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                           String hlog, String timeseries, Map<String, String> clientEnvironment,
                           List<String> warnings, String failure, List<FaultRecord> faults) {

    /** A result without faults. */
    public ClientResult(String client, int workers, String pattern, String payload, String load,
                        String serviceTime, CallStats calls, Events events,
                        Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                        double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                        String hlog, String timeseries, Map<String, String> clientEnvironment,
                        List<String> warnings, String failure) {
        this(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros, throughputPerSec,
                measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries, clientEnvironment,
                warnings, failure, null);
    }

    /** This result with the faults injected into it; none leaves the field out of summary.json. */
    ClientResult withFaults(List<FaultRecord> faults) {
        return new ClientResult(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros,
                throughputPerSec, measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries,
                clientEnvironment, warnings, failure, faults == null || faults.isEmpty() ? null : List.copyOf(faults));
    }

    /** A result in which nothing failed. */
    public ClientResult(String client, int workers, String pattern, String payload, String load,
                        String serviceTime, CallStats calls, Events events,
                        Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                        double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                        String hlog, String timeseries, Map<String, String> clientEnvironment,
                        List<String> warnings) {
        this(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros, throughputPerSec,
                measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries, clientEnvironment,
                warnings, null);
    }

    /** The accounting, plus the warm-up events that were consumed and not measured. */
    public record Events(long expected, long consumed, long unique, long lost, long duplicates, long unexpected,
                         long malformed, long leftInQueue, long warmupConsumed, String malformedSample) {
        static Events of(Accounting accounting, long warmupConsumed, String malformedSample) {
            return new Events(accounting.expected(), accounting.consumed(), accounting.unique(), accounting.lost(),
                    accounting.duplicates(), accounting.unexpected(), accounting.malformed(),
                    accounting.leftInQueue(), warmupConsumed, malformedSample);
        }
    }

    /**
     * The synthetic producer: how well it kept its open-loop schedule. The scheduled rate is 0 in results
     * written before it was recorded.
     */
    public record Producer(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                           long notSent, boolean keptSchedule, LatencySummary lagMicros) {
        /** A producer that sent its whole schedule (as every producer did before it could stop short). */
        public Producer(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                        boolean keptSchedule, LatencySummary lagMicros) {
            this(targetRate, scheduledRate, achievedRate, pushed, pushFailures, 0, keptSchedule, lagMicros);
        }
    }
}
