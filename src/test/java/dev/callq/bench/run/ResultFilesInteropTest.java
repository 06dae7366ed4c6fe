package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.testkit.CallqProcess;
import dev.callq.bench.testkit.RunExit;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static dev.callq.bench.testkit.Json.required;

/**
 * One short synthetic run, read the way other tools and a later reader would: HdrHistogram's own
 * HistogramLogProcessor with the command results/README.md documents, the .hgrm distributions, and
 * the provenance in summary.json.
 */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class ResultFilesInteropTest {
    @TempDir
    Path outDir;
    @TempDir
    Path logDir;

    @Test
    void histogramLogProcessorPrintsTheSummaryP99AndTheSummaryRecordsWhatProducedIt() throws Exception {
        // A JVM of its own: the command line a summary records is the JVM's, and other classes run callq beside this one.
        Path log = logDir.resolve("callq.log");
        Process callq = CallqProcess.start(log, List.of(), "run", "--load", "synthetic", "--client", "jedis",
                "--workers", "2", "--rate", "1000", "--duration", "3", "--warmup", "0.5", "--warmup-max", "1", "--service-time", "exp:200us",
                "--out", outDir.toString());
        try {
            assertThat(callq.waitFor(120, TimeUnit.SECONDS)).as("callq run finished").isTrue();
        } finally {
            CallqProcess.killWithChildren(callq);
        }
        assertThat(outDir.resolve("summary.json")).as(() -> readLog(log)).exists();
        SummaryTree tree = new SummaryTree(outDir);
        JsonNode jedis = tree.client("jedis");
        // What this pins is the files, not the machine: beside other classes' builds and forked runs a starved
        // run may fall behind (exit 3), and only for that cause.
        RunExit.assertTrustworthyOrStarved(callq.exitValue(), List.of(jedis));
        long p99Micros = required(jedis, "/latencyMicros/enqueueToDequeue/p99").asLong();
        long count = required(jedis, "/latencyMicros/enqueueToDequeue/count").asLong();
        assertThat(count).isGreaterThan(2900);

        // results/README.md: HistogramLogProcessor -i jedis.hlog -tag enqueueToDequeue -outputValueUnitRatio 1
        Path hlog = outDir.resolve(jedis.get("hlog").asText());
        Path processed = outDir.resolve("processed");
        new HistogramLogProcessor(new String[] {"-i", hlog.toString(), "-tag", "enqueueToDequeue",
                "-outputValueUnitRatio", "1", "-csv", "-o", processed.toString()}).run();
        List<String> lines = Files.readAllLines(processed);
        String[] last = lines.get(lines.size() - 1).split(",");
        // Timestamp, Int_Count, Int_50%, Int_90%, Int_Max, Total_Count, Total_50%, Total_90%, Total_99%, ...
        assertThat(Long.parseLong(last[5])).isEqualTo(count);
        double processorP99Micros = Double.parseDouble(last[8]);
        assertThat(processorP99Micros).isCloseTo(p99Micros, within(Math.max(1.0, p99Micros * 0.001)));

        for (String tag : List.of("enqueueToDequeue", "serviceTime", "enqueueToDone", "producerLag")) {
            Path hgrm = outDir.resolve("jedis." + tag + ".hgrm");
            assertThat(hgrm).exists();
            assertThat(Files.readString(hgrm)).contains("Value     Percentile TotalCount 1/(1-Percentile)")
                    .containsPattern("Total count\\s+=\\s+" + (tag.equals("producerLag")
                            ? required(jedis, "/producer/lagMicros/count").asLong()
                            : required(jedis, "/latencyMicros/" + tag + "/count").asLong()) + "]");
        }

        JsonNode provenance = tree.summary().get("provenance");
        assertThat(provenance.get("version").asText()).isNotBlank();
        assertThat(provenance.get("commit").asText()).isNotBlank();
        assertThat(provenance.get("commandLine").asText()).isEqualTo("callq run --load synthetic --client jedis "
                + "--workers 2 --rate 1000 --duration 3 --warmup 0.5 --warmup-max 1 --service-time exp:200us --out " + outDir);
        assertThat(required(provenance, "/machine/cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(required(provenance, "/machine/cpuModel").asText()).isNotBlank();
        assertThat(required(provenance, "/machine/kernel").asText()).startsWith("Linux ");
        assertThat(required(provenance, "/machine/java").asText()).contains(System.getProperty("java.runtime.version"));
    }

    @Test
    void aCommandLineShowsNoUrlPassword() {
        Provenance.recordCommandLine("callq", "run", "--redis", "redis://app:s3cret@db.example:6380/2",
                "--note", "two words");
        assertThat(Provenance.current().commandLine())
                .isEqualTo("callq run --redis redis://app:***@db.example:6380/2 --note 'two words'");
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
