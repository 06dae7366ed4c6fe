package dev.callq.bench.suite;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteSpecParserTest {
    private static final String SWEEP = """
              - name: %s
                load: synthetic
                axes: {clients: [jedis], workers: [2]}
            """;

    @Test
    void theCiSuiteHasSipAndSyntheticSweepsWithRepeats() {
        SuiteSpec suite = SuiteSpecParser.read(Path.of("benchmarks", "ci.yaml"));

        assertThat(suite.sweeps()).extracting(s -> s.load()).containsExactly("sip", "synthetic");
        assertThat(suite.sweeps()).allSatisfy(s -> assertThat(s.axes().repeats()).isGreaterThanOrEqualTo(2));
        assertThat(suite.sweeps()).allSatisfy(s -> assertThat(s.axes().clients()).contains("jedis", "lettuce"));
    }

    @Test
    void aSweepEntryIsReadAsASweepFile() {
        SuiteSpec suite = SuiteSpecParser.parse("name: s\nsweeps:\n" + SWEEP.formatted("a") + SWEEP.formatted("b"));

        assertThat(suite.sweeps()).extracting(s -> s.name()).containsExactly("a", "b");
        assertThat(suite.sweeps().get(0).axes().workers()).containsExactly(2);
    }

    @Test
    void thresholdsAreReadForTheSuiteAndEachSweep() {
        SuiteSpec suite = SuiteSpecParser.parse("name: s\nthresholds: [lost==0, p99<20ms]\nsweeps:\n"
                + SWEEP.formatted("a") + "    thresholds: 'throughput>=1400'\n");

        assertThat(suite.thresholds().all()).extracting(t -> t.metric()).containsExactly("lost", "p99");
        assertThat(suite.thresholds().all().get(1).limit()).isEqualTo(20_000);
        assertThat(suite.sweeps().get(0).thresholds().all()).extracting(t -> t.text()).containsExactly("throughput>=1400");
        assertThatThrownBy(() -> SuiteSpecParser.parse("name: s\nsweeps:\n" + SWEEP.formatted("a")
                + "    thresholds: [p99<fast]\n"))
                .hasMessage("sweep 1: threshold 'p99<fast' is not like p99<20ms, lost==0 or throughput>=1400");
    }

    @Test
    void mistakesAreOneLineErrorsNamingWhere() {
        assertThatThrownBy(() -> SuiteSpecParser.parse("name: s\nsweep: []\n"))
                .hasMessageContaining("a list 'sweeps'");
        assertThatThrownBy(() -> SuiteSpecParser.parse("name: s\nsweeps: []\n"))
                .hasMessage("a suite needs at least one sweep under 'sweeps'");
        assertThatThrownBy(() -> SuiteSpecParser.parse("name: s\ncolour: red\nsweeps:\n" + SWEEP.formatted("a")))
                .hasMessageStartingWith("unknown key 'colour'");
        assertThatThrownBy(() -> SuiteSpecParser.parse("name: s\nsweeps:\n" + SWEEP.formatted("a") + SWEEP.formatted("a")))
                .hasMessageContaining("distinct names");
        assertThatThrownBy(() -> SuiteSpecParser.parse("name: s\nsweeps:\n  - name: a\n    load: synthetic\n    axes: {workers: []}\n"))
                .hasMessageStartingWith("sweep 1: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
