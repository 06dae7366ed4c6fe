package dev.callq.bench.cli;

import dev.callq.bench.compare.Tolerance;
import picocli.CommandLine.Option;

/** {@code --max-regression}, declared once for {@code compare}, {@code suite} and {@code ab}. */
final class MaxRegressionOption {
    @Option(names = "--max-regression", paramLabel = "<maxRegression>", defaultValue = Tolerance.DEFAULT_TEXT,
            description = "how much worse a cell may get (default: ${DEFAULT-VALUE})")
    String text;

    Tolerance tolerance() {
        return Tolerance.parse(text);
    }
}
