package dev.callq.bench.sweep;

import dev.callq.bench.suite.SuiteSpec;
import dev.callq.bench.suite.SuiteSpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sweep files become immutable records; every mistake is a one-line error naming the key. */
class SweepSpecParserTest {
    private static final String FULL = """
            name: worker-sweep
            description: capacity vs workers
            load: synthetic
            phases: {warmupSeconds: 1, durationSeconds: 4, drainTimeoutSeconds: 60}
            options: {work: sleep, producer-connections: 3}
            axes:
              clients: [jedis, lettuce]
              patterns: [blpop, batch]
              workers: [1, 2, 4]
              rates: [800/worker, 4000]
              serviceTimes: [exp:2ms]
              repeats: 2
            """;

    @Test
    void aFaultsAxisTakesOneSpecOrAListPerValueAndRefusesAMisspeltOne() {
        String yaml = "name: f\nload: synthetic\naxes:\n  faults: [consumer-crash:1@2s, [redis-pause:1s@1s, "
                + "redis-restart@3s], []]\n";

        SweepSpec spec = SweepSpecParser.parse(yaml);

        assertThat(spec.axes().faults()).containsExactly(List.of("consumer-crash:1@2s"),
                List.of("redis-pause:1s@1s", "redis-restart@3s"), List.of());
        assertThat(spec.axes().cellCount()).isEqualTo(3);
        assertThatThrownBy(() -> SweepSpecParser.parse(yaml.replace("consumer-crash", "consumer-krash")))
                .hasMessageStartingWith("--fault 'consumer-krash:1@2s': unknown fault 'consumer-krash'");
    }

    @Test
    void readsEverySection() {
        SweepSpec spec = SweepSpecParser.parse(FULL);

        assertThat(spec.name()).isEqualTo("worker-sweep");
        assertThat(spec.load()).isEqualTo("synthetic");
        assertThat(spec.phases()).isEqualTo(new SweepPhases(1, 4, 60));
        assertThat(spec.options()).isEqualTo(Map.of("work", "sleep", "producer-connections", "3"));
        assertThat(spec.axes()).isEqualTo(new SweepAxes(List.of("jedis", "lettuce"), List.of("blpop", "batch"),
                List.of(1, 2, 4), List.of("800/worker", "4000"), List.of("exp:2ms"), 2));
        assertThat(spec.axes().cellCount()).isEqualTo(2 * 2 * 3 * 2 * 2);
    }

    @Test
    void missingAxesTakeOneDefaultValueEach() {
        SweepSpec spec = SweepSpecParser.parse("name: tiny\nload: sip\n");

        assertThat(spec.axes()).isEqualTo(new SweepAxes(List.of("jedis"), List.of("blpop"), List.of(4),
                List.of("100"), List.of("none"), 1));
        assertThat(spec.phases()).isEqualTo(SweepPhases.DEFAULT);
        assertThat(spec.options()).isEmpty();
    }

    @Test
    void theRecordsCannotBeChangedAfterParsing() {
        SweepSpec spec = SweepSpecParser.parse(FULL);

        assertThatThrownBy(() -> spec.axes().workers().add(8)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.options().put("payload", "json")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top key      | name: a\\nload: sip\\nrepeat: 2                       | unknown key 'repeat'",
            "unknown phase key    | name: a\\nload: sip\\nphases: {warmup: 1}             | unknown key 'phases.warmup'",
            "unknown axis         | name: a\\nload: sip\\naxes: {rate: [1]}               | unknown key 'axes.rate'",
            "empty axis           | name: a\\nload: sip\\naxes: {workers: []}             | axes.workers must list at least one value",
            "axis not a list      | name: a\\nload: sip\\naxes: {workers: 4}              | axes.workers must be a list",
            "workers not a number | name: a\\nload: sip\\naxes: {workers: [four]}         | axes.workers must be a whole number",
            "workers below one    | name: a\\nload: sip\\naxes: {workers: [0]}            | axes.workers must be at least 1",
            "duplicate value      | name: a\\nload: sip\\naxes: {clients: [jedis, jedis]} | axes.clients lists a value twice",
            "repeats below one    | name: a\\nload: sip\\naxes: {repeats: 0}              | axes.repeats must be at least 1",
            "bad load             | name: a\\nload: kafka                                 | load must be sip or synthetic",
            "missing name         | load: sip                                            | missing key 'name'",
            "name with a slash    | name: a/b\\nload: sip                                 | name must be letters",
            "zero duration        | name: a\\nload: sip\\nphases: {durationSeconds: 0}    | phases.durationSeconds must be positive",
            "text duration        | name: a\\nload: sip\\nphases: {durationSeconds: ten}  | phases.durationSeconds must be a number",
            "reserved option      | name: a\\nload: sip\\noptions: {workers: 8}           | options.workers is set by the sweep",
            "dashed option        | name: a\\nload: sip\\noptions: {--payload: json}      | without dashes",
            "list as option       | name: a\\nload: sip\\noptions: {payload: [json]}      | options.payload must be a single value",
            "not a mapping        | - just a list                                        | must be a mapping",
            "not YAML             | name: [unclosed                                      | not valid YAML"})
    void rejectsWithAOneLineError(String what, String yaml, String message) {
        assertThatThrownBy(() -> SweepSpecParser.parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theShippedBenchmarksParse() throws Exception {
        try (var files = Files.list(Path.of("benchmarks"))) {
            List<Path> yamlFiles = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(yamlFiles).isNotEmpty();
            for (Path file : yamlFiles) {
                assertThat(Files.readString(file)).startsWith("#");
                if (Files.readString(file).contains("\nsweeps:")) {
                    // A suite: a list of sweeps, each of which must parse as a sweep file does.
                    SuiteSpec suite = SuiteSpecParser.read(file);
                    assertThat(file.getFileName().toString()).startsWith(suite.name());
                    assertThat(suite.sweeps()).isNotEmpty();
                    continue;
                }
                SweepSpec spec = SweepSpecParser.read(file);
                assertThat(file.getFileName().toString()).startsWith(spec.name());
            }
        }
    }
}
