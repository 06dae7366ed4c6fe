package dev.callq.bench.maxrate;

import dev.callq.bench.HarnessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * max-rate.json reads back into {@link MaxRateJson}: {@code saved/max-rate-sip-schema1-b9a0563/} as a three-probe
 * SIP search wrote it at that commit, and golden/max-rate's from before SIP searches.
 */
class MaxRateJsonTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/max-rate");

    @TempDir
    Path dir;

    @Test
    void aSearchFromBeforeSipSearchesReadsWithoutWhatItDidNotRecord() {
        MaxRateJson search = MaxRateJson.read(GOLDEN);

        assertThat(search.schema()).isEqualTo(MaxRateJson.SCHEMA);
        assertThat(search.client()).isEqualTo("jedis");
        assertThat(search.converged()).isFalse();
        assertThat(search.outcome()).startsWith("not converged within 8 probes");
        assertThat(search.probes()).isNotEmpty().allSatisfy(probe -> assertThat(probe.ratePerSec()).isPositive());
        assertThat(search.probes().get(0).sloMeasuredMicros()).isEqualTo(40_543L);
        assertThat(search.rateUnit()).isNull();
        assertThat(search.sessionEstablishmentRate()).isNull();
        assertThat(search.provenance()).isNull();
    }

    @Test
    void aSavedSipSearchHoldsWhatTheReportReads() {
        MaxRateJson search = MaxRateJson.read(Path.of("src/test/resources/saved/max-rate-sip-schema1-b9a0563"));

        assertThat(search.load()).isEqualTo("sip");
        assertThat(search.rateUnit()).isEqualTo("calls/s");
        assertThat(search.eventsPerRateUnit()).isEqualTo(2);
        assertThat(search.answer()).startsWith("NOT CONVERGED (not converged within 3 probes");
        assertThat(search.provenance()).isNotNull();
        assertThat(search.probes()).hasSize(3).allSatisfy(probe -> {
            assertThat(probe.sessionsAttempted()).isPositive();
            assertThat(probe.sloMeasuredMicros()).isPositive();
        });
        SessionEstablishmentRate rfc = search.sessionEstablishmentRate();
        assertThat(rfc.sessionsPerSec()).isEqualTo(200L);
        assertThat(rfc.attemptRates()).isNotEmpty();
        assertThat(rfc.method()).startsWith("RFC 7502 steps the Session Attempt Rate");
    }

    @Test
    void anotherSchemaIsRefusedInOneLine() throws IOException {
        Files.writeString(dir.resolve(MaxRateJson.FILE_NAME), Files.readString(GOLDEN.resolve(MaxRateJson.FILE_NAME))
                .replaceFirst("\"schema\" : 1", "\"schema\" : 2"));

        assertThatThrownBy(() -> MaxRateJson.read(dir)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("has schema 2; this callq reads schema 1");
    }

    @Test
    void aFolderWithoutASearchSaysSo() {
        assertThatThrownBy(() -> MaxRateJson.read(dir)).isInstanceOf(HarnessException.class)
                .hasMessage("no max-rate.json in " + dir);
    }
}
