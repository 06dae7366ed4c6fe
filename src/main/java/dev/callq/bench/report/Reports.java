package dev.callq.bench.report;

import java.nio.file.Path;

/** Rebuilds the report of any results folder from its raw files, whatever command wrote it. */
public final class Reports {
    private Reports() {
    }

    /** Writes {@code dir}/report.html (and, for a run, summary.md and summary.csv); returns report.html. */
    public static Path write(Path dir) {
        return switch (FolderKind.of(dir)) {
            case RUN -> RunHtml.write(dir);
            case SWEEP -> SweepHtml.write(dir);
            case SUITE -> SuiteHtml.write(dir);
            case PLAN -> PlanHtml.write(dir);
            case JMH -> JmhHtml.write(dir);
            case MAX_RATE -> MaxRateHtml.write(dir);
            case HLOG -> HlogHtml.write(dir);
            case AB -> AbHtml.write(dir);
        };
    }
}
