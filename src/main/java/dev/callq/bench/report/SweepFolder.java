package dev.callq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.result.SummaryJson;
import dev.callq.bench.sweep.CellResult;
import dev.callq.bench.sweep.SweepFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A sweep folder read back from its {@code sweep.json}: what the sweep was, and one entry per cell.
 *
 * @param load       "sip" or "synthetic"
 * @param provenance null in sweeps written before it was recorded
 */
record SweepFolder(Path dir, String name, String description, String load, String startedAt, double elapsedSeconds,
                   List<CellResult> cells, Provenance provenance) {

    static SweepFolder read(Path dir) {
        Path file = dir.resolve(SweepFiles.JSON);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + SweepFiles.JSON + " in " + dir);
        }
        try {
            JsonNode root = SummaryJson.mapper().readTree(file.toFile());
            JsonNode spec = root.path("spec");
            List<CellResult> cells = new ArrayList<>();
            for (JsonNode cell : root.path("cells")) {
                cells.add(SummaryJson.mapper().treeToValue(cell, CellResult.class));
            }
            return new SweepFolder(dir, spec.path("name").asText(dir.getFileName().toString()),
                    spec.path("description").asText(""), spec.path("load").asText(""),
                    root.path("startedAt").asText(""), root.path("elapsedSeconds").asDouble(), List.copyOf(cells),
                    root.hasNonNull("provenance") ? SummaryJson.mapper().treeToValue(root.get("provenance"), Provenance.class)
                            : null);
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Cells that ran and whose numbers can be trusted: the ones the charts and fits use. */
    List<CellResult> trustworthyCells() {
        return cells.stream().filter(c -> c.trustworthy() && c.throughputPerSec() != null).toList();
    }

    boolean varies(Function<CellResult, Object> axis) {
        return cells.stream().map(axis).distinct().count() > 1;
    }
}
