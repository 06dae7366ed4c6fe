package dev.callq.bench.run;

import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.event.MalformedEventException;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.fault.CountersAcrossServers;
import dev.callq.bench.load.LoadOutcome;
import dev.callq.bench.measure.Accounting;
import dev.callq.bench.measure.CappedIds;
import dev.callq.bench.measure.CrossCheck;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.result.ClientResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles one client's measured phase once it has drained: reads back what is left in Redis, accounts for
 * each event by identity ({@link Accounting#reconcile}), names the lost, duplicated and unexpected ones in
 * files, and checks the totals against Redis's command statistics (deltas over the measured phase, so that a
 * Redis the harness did not start, or one shared by the clients of a run, is judged the same way) and the
 * load's own counters.
 */
final class Reconciler {
    private final QueueSpec spec;
    private final int workers;
    private final PayloadFormat payload;
    private final Map<String, Long> callsBefore;
    private final CountersAcrossServers servers;
    private final String runIdBefore;
    private final long takenBefore;

    /** Takes the counters at the start of the measured phase. */
    Reconciler(QueueAdmin admin, QueueSpec spec, int workers, PayloadFormat payload, EventLedger ledger,
               CountersAcrossServers servers) {
        this.servers = servers;
        this.spec = spec;
        this.workers = workers;
        this.payload = payload;
        this.callsBefore = admin.commandCalls();
        this.runIdBefore = admin.serverRunId();
        this.takenBefore = ledger.totalTaken();
    }

    /** The accounting, its details for the summary, and what the checks could not judge. */
    record Outcome(Accounting accounting, ClientResult.Reconciled details, List<String> warnings) {
    }

    /**
     * Once the workers have stopped: what is left, where every event went, and whether Redis agrees.
     *
     * @param acknowledgementsFailed polls whose acknowledgement failed after their events were handed over
     *                               ({@link WorkerPool#acknowledgementsFailed()})
     */
    Outcome reconcile(QueueAdmin admin, LoadOutcome load, EventLedger ledger, long acknowledgementsFailed,
                      Path outDir, String client) {
        long countedLeft = admin.backlog(spec) + admin.pending(spec, workers);
        List<String> left = admin.remaining(spec, workers);
        Set<String> leftKeys = new HashSet<>();
        for (String leftPayload : left) {
            try {
                leftKeys.add(payload.decode(leftPayload).uniqueKey());
            } catch (MalformedEventException e) {
                // counted in leftInQueue; it names no event
            }
        }
        Accounting.Reconciliation reconciliation = Accounting.reconcile(load.expected(), ledger, leftKeys, left.size());
        Map<String, Long> callsAfter = admin.commandCalls();
        List<String> warnings = new ArrayList<>();
        // A server that replaced another (restarted, promoted) counts from its own start: the phase is summed
        // segment by segment, from the counters read at each change.
        CountersAcrossServers.PhaseCalls phaseCalls = servers.overThePhase(callsBefore, callsAfter,
                !runIdBefore.equals(admin.serverRunId()));
        if (phaseCalls.uncheckedWhy() != null) {
            warnings.add(phaseCalls.uncheckedWhy());
        }
        boolean countersCoverThePhase = phaseCalls.calls() != null;

        List<CrossCheck> checks = new ArrayList<>(load.crossChecks());
        checks.add(CrossCheck.equal("events left: LLEN/XPENDING/lag = payloads read back", countedLeft, left.size()));
        if (countersCoverThePhase && load.pushCommands() != null) {
            String push = spec.pattern() == QueuePattern.STREAM ? "xadd" : "rpush";
            checks.add(CrossCheck.atLeast(push + " calls = acknowledged push commands", load.pushCommands(),
                    load.pushCommandsFailed(), phaseCalls.of(push)));
        }
        if (countersCoverThePhase && spec.pattern() == QueuePattern.RELIABLE) {
            // One LREM per payload taken, malformed ones included; an LREM whose reply failed (the connection
            // broke, the server was read-only) may or may not have run.
            checks.add(CrossCheck.atLeast("lrem calls = payloads taken",
                    ledger.totalTaken() - takenBefore - acknowledgementsFailed, acknowledgementsFailed,
                    phaseCalls.of("lrem")));
        }

        return outcome(reconciliation, load, checks, outDir, client, warnings);
    }

    /**
     * When Redis no longer answers after the run: what it held cannot be read back, so it counts as lost, and
     * nothing can be checked against its counters.
     */
    static Outcome withoutRedis(LoadOutcome load, EventLedger ledger, Path outDir, String client) {
        Accounting.Reconciliation reconciliation = Accounting.reconcile(load.expected(), ledger, Set.of(), 0);
        return outcome(reconciliation, load, List.copyOf(load.crossChecks()), outDir, client,
                List.of("Redis did not answer after the run: nothing was read back or checked against its counters"));
    }

    private static Outcome outcome(Accounting.Reconciliation reconciliation, LoadOutcome load, List<CrossCheck> checks,
                            Path outDir, String client, List<String> warnings) {
        Map<String, String> files = new LinkedHashMap<>();
        write(outDir, client, "lost", reconciliation.lostIds(), files);
        write(outDir, client, "duplicates", reconciliation.duplicateIds(), files);
        write(outDir, client, "unexpected", reconciliation.unexpectedIds(), files);
        Accounting accounting = reconciliation.accounting();
        ClientResult.Reconciled details = new ClientResult.Reconciled(
                accounting.byIdentity() ? "identity" : "counts", load.expected().countOnlyReason(),
                accounting.pushedDespiteFailure(), List.copyOf(checks), files);
        return new Outcome(accounting, details, warnings);
    }

    /** {@code <client>-<what>.txt}, one "{@code <Call-ID> <kind>}" a line; only when it names any. */
    private static void write(Path outDir, String client, String what, CappedIds ids, Map<String, String> files) {
        if (ids.total() == 0) {
            return;
        }
        List<String> lines = new ArrayList<>(ids.lines());
        if (ids.truncated()) {
            lines.add("# " + (ids.total() - lines.size()) + " more not listed: at most " + CappedIds.CAP
                    + " lines per file");
        }
        String name = client + "-" + what + ".txt";
        try {
            Files.write(outDir.resolve(name), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put(what, name);
    }
}
