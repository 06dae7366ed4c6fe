package dev.callq.bench.report;

import dev.callq.bench.HarnessException;

import java.nio.file.Files;
import java.nio.file.Path;

/** What wrote a results folder, told by the raw file it holds. */
public enum FolderKind {
    RUN("summary.json"),
    SWEEP("sweep.json"),
    PLAN("plan.json"),
    JMH("jmh.json"),
    MAX_RATE("max-rate.json"),
    /** Subfolders each holding a sweep.json, beside the suite's summary.md. */
    SUITE("*/sweep.json"),
    /** A same-runner A/B ({@code callq ab}): base/ and current/ results beside its compare.md. */
    AB("base/ and current/"),
    /** Only HdrHistogram interval logs, as another tool (jHiccup, a user's HistogramLogWriter) writes them. */
    HLOG("*.hlog");

    private final String marker;

    FolderKind(String marker) {
        this.marker = marker;
    }

    public static FolderKind of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new HarnessException("no results folder at " + dir);
        }
        for (FolderKind kind : values()) {
            if (kind != SUITE && kind != HLOG && kind != AB && Files.isRegularFile(dir.resolve(kind.marker))) {
                return kind;
            }
        }
        if (AbHtml.isAbFolder(dir)) {
            return AB;
        }
        if (!SuiteFolder.sweepDirs(dir).isEmpty()) {
            return SUITE;
        }
        if (!HlogHtml.logs(dir).isEmpty()) {
            return HLOG;
        }
        throw new HarnessException(dir + " is not a results folder: it holds none of summary.json, sweep.json, "
                + "plan.json, jmh.json, max-rate.json, */sweep.json, base/ and current/, *.hlog");
    }
}
