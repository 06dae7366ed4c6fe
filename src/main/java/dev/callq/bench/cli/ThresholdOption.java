package dev.callq.bench.cli;

import dev.callq.bench.result.Thresholds;
import picocli.CommandLine.Option;

/** {@code --threshold}, declared once for {@code run}, {@code sweep} and {@code suite}. */
final class ThresholdOption {
    @Option(names = "--threshold", paramLabel = "LIMITS",
            description = "absolute limits judged per client (in a sweep or a suite, per cell, added to the file's "
                    + "thresholds), e.g. 'p99<20ms,lost==0,throughput>=1400' (metrics: " + Thresholds.METRICS
                    + "); exit 5 when one fails")
    String limits;

    /** The limits given, none when the option was not. */
    Thresholds thresholds() {
        return Thresholds.parse(limits);
    }
}
