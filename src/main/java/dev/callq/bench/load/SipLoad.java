package dev.callq.bench.load;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.CrossCheck;
import dev.callq.bench.measure.EventIds;
import dev.callq.bench.measure.ExpectedEvents;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.sip.FailedPushes;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.sip.KamailioCounters;
import dev.callq.bench.sip.KamailioSettings;
import dev.callq.bench.sip.LocalKamailio;
import dev.callq.bench.sip.PostDialDelay;
import dev.callq.bench.sip.SipOptionsProbe;
import dev.callq.bench.sip.SipRoute;
import dev.callq.bench.sip.Sipp;
import dev.callq.bench.sip.SippSendLog;
import dev.callq.bench.sip.SippStats;
import dev.callq.bench.sip.SippUac;
import dev.callq.bench.sip.SippUas;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * SIP calls from a SIPp UAC through Kamailio to a SIPp UAS; Kamailio pushes the events. Kamailio's
 * RPUSH is synchronous and happens before it relays the request, so once SIPp has finished its
 * calls every event of the phase is in Redis.
 */
public final class SipLoad implements Load {
    private static final Logger LOG = LoggerFactory.getLogger(SipLoad.class);
    private static final String MEASURED_PREFIX = "call-";
    private static final Duration EXTERNAL_KAMAILIO_PROBE = Duration.ofSeconds(2);
    /** Kamailio's counters before and after the measured phase, as kamcmd printed them. */
    public static final String STATS_START_FILE = "kamailio-stats-start.txt";
    public static final String STATS_END_FILE = "kamailio-stats-end.txt";
    static final String STATS_WARMUP_START_FILE = "kamailio-stats-warmup-start.txt";
    static final String STATS_WARMUP_END_FILE = "kamailio-stats-warmup-end.txt";

    private final Path runDir;
    /** Starts every measured Call-ID; {@link #numberedCallIds}: followed by SIPp's call number alone. */
    private final String measuredPrefix;
    private final boolean numberedCallIds;
    private final PayloadFormat payload;
    private final boolean byeEnqueued;
    private final double rateCps;
    private final long calls;
    private final Duration holdTime;
    private final Path uacScenario;
    /** The harness's own Kamailio; null when the user's ({@link #externalKamailio}) takes the load. */
    private final LocalKamailio kamailio;
    private final ExternalKamailio externalKamailio;
    /** The harness's own UAS; null when the user's ({@link #externalUas}) answers the calls. */
    private final SippUas uas;
    private final ExternalUas externalUas;
    private final SipRoute route;
    private final KamailioSettings kamailioSettings;
    private final double lostPercent;
    /** Kamailio's counters of the measured phase up to each restart: a restarted Kamailio counts from 0. */
    private KamailioCounters countedBeforeRestarts;
    private Optional<KamailioCounters> countersBefore = Optional.empty();
    private int restarts;
    /** True once a restart's Kamailio could not be asked what it had counted: the counters after it are partial. */
    private boolean countsLostInRestart;
    /** Ends the measured phase's UAC early ({@link #stop}). */
    /** Watched: among {@link #processes()}, so that a UAC killed mid-run is named and its counts so far kept. */
    private final SippUac.Stopper measuredUac = new SippUac.Stopper(true);

    /** The harness's own Kamailio and the bundled scenarios, on loopback. */
    public SipLoad(Path runDir, KamailioSettings kamailioSettings, double rateCps, long calls, Duration holdTime) {
        this(runDir, kamailioSettings, null, null, null, rateCps, calls, holdTime, 0, null, null);
    }

    /**
     * @param externalKamailio the user's Kamailio to send the calls to, or null to start one from {@code kamailioSettings}
     *                         (whose payload and events then say what the user's script pushes)
     * @param uacScenario      the user's UAC scenario, or null for the bundled one; likewise {@code uasScenario}
     * @param lostPercent      the share of received messages SIPp's UAC drops (a sip-loss fault), 0 for none
     * @param externalUas      the user's SIPp UAS, which the user's Kamailio relays to, or null to start one
     */
    public SipLoad(Path runDir, KamailioSettings kamailioSettings, ExternalKamailio externalKamailio,
                   Path uacScenario, Path uasScenario, double rateCps, long calls, Duration holdTime,
                   double lostPercent, ExternalUas externalUas) {
        this(runDir, kamailioSettings, externalKamailio, uacScenario, uasScenario, rateCps, calls, holdTime,
                lostPercent, externalUas, null);
    }

    /**
     * As above, one shard of a SIP load: with a {@code shardCallIdPrefix} ({@code sip-3-}) each measured
     * Call-ID is that prefix and SIPp's call number ({@code sip-3-17}), so that the shard's calls are
     * numbered apart from every other shard's; null for the Call-IDs of a whole run ({@code call-…}).
     */
    public SipLoad(Path runDir, KamailioSettings kamailioSettings, ExternalKamailio externalKamailio,
                   Path uacScenario, Path uasScenario, double rateCps, long calls, Duration holdTime,
                   double lostPercent, ExternalUas externalUas, String shardCallIdPrefix) {
        this.measuredPrefix = shardCallIdPrefix != null ? shardCallIdPrefix : MEASURED_PREFIX;
        this.numberedCallIds = shardCallIdPrefix != null;
        this.kamailioSettings = kamailioSettings;
        this.lostPercent = lostPercent;
        this.runDir = runDir;
        this.payload = kamailioSettings.payloadFormat();
        this.byeEnqueued = kamailioSettings.events().includesBye();
        this.rateCps = rateCps;
        this.calls = calls;
        this.holdTime = holdTime;
        this.uacScenario = uacScenario;
        this.externalKamailio = externalKamailio;
        this.externalUas = externalUas;
        if (externalKamailio != null && !SipOptionsProbe.answers200(externalKamailio.host(), externalKamailio.port(),
                EXTERNAL_KAMAILIO_PROBE)) {
            throw new HarnessException("Kamailio at " + externalKamailio + " does not answer SIP OPTIONS with 200 within "
                    + EXTERNAL_KAMAILIO_PROBE.toSeconds() + " s (is it running, listening on that address, and "
                    + "answering OPTIONS to itself?)");
        }
        this.kamailio = externalKamailio == null ? LocalKamailio.start(runDir, kamailioSettings) : null;
        try {
            String localAddress = externalKamailio == null ? FreePorts.LOOPBACK : externalKamailio.localAddressTowards();
            this.uas = externalUas == null ? SippUas.start(runDir, localAddress, FreePorts.find(), uasScenario) : null;
            this.route = externalUas != null ? new SipRoute(localAddress, externalKamailio.host(),
                    externalKamailio.port(), externalUas.host(), externalUas.port())
                    : externalKamailio == null ? SipRoute.loopback(kamailio.sipPort(), uas.port())
                    : new SipRoute(localAddress, externalKamailio.host(), externalKamailio.port(), uas.port());
        } catch (RuntimeException e) {
            if (kamailio != null) {
                kamailio.close();
            }
            throw e;
        }
    }

    @Override
    public void warmUp(Duration length, String callIdPrefix) {
        int warmupCalls = (int) Math.round(rateCps * length.toNanos() / 1e9);
        if (warmupCalls > 0) {
            Optional<KamailioCounters> before = kamailio == null ? Optional.empty()
                    : kamailio.counters(runDir.resolve(STATS_WARMUP_START_FILE));
            SippUac.Outcome uac = SippUac.run(runDir, route, uacScenario, rateCps, warmupCalls, holdTime.toMillis(),
                    callIdPrefix, lostPercent);
            if (before.isPresent() && before.get().countsPushes()) {
                requireContract(before.get(), uac.stats());
            }
        }
    }

    /** A script that answered the warm-up's calls and pushed nothing is refused before anything is measured. */
    private void requireContract(KamailioCounters before, SippStats warmup) {
        kamailio.counters(runDir.resolve(STATS_WARMUP_END_FILE)).ifPresent(after -> {
            KamailioCounters delta = after.since(before);
            String problem = new CallStats(warmup.attempted(), warmup.succeeded(), warmup.failed(), 0,
                    delta.get(KamailioCounters.PUSHED_INVITE) + delta.get(KamailioCounters.PUSHED_BYE), null)
                    .contractProblem();
            if (problem != null) {
                throw new HarnessException("during the warm-up, " + problem + " (see " + runDir.resolve(
                        STATS_WARMUP_END_FILE) + ")");
            }
        });
    }

    @Override
    public LoadOutcome measure() {
        synchronized (this) {
            countersBefore = kamailio == null ? Optional.empty() : kamailio.counters(runDir.resolve(STATS_START_FILE));
        }
        long pushFailuresBefore = kamailio == null ? 0 : kamailio.pushFailures();
        int logLinesBefore = kamailio == null ? 0 : kamailio.logLineCount();
        long startMicros = WallClock.nowMicros();
        SippUac.Outcome uac = SippUac.run(runDir, route, uacScenario, rateCps, Math.toIntExact(calls),
                holdTime.toMillis(), measuredPrefix, lostPercent, numberedCallIds, measuredUac);
        long endMicros = WallClock.nowMicros();
        SippStats stats = uac.stats();
        LatencySummary postDialDelay = LatencySummary.of(uac.postDialDelayMicros(), 0);
        PostDialDelay.writeHlog(uac.postDialDelayMicros(), runDir.resolve(PostDialDelay.HLOG_FILE),
                startMicros / 1000, endMicros / 1000);
        Optional<KamailioCounters> counters = Optional.empty();
        // A Kamailio that died mid-run has no counters to read, nor do a restart's whose old ones could not be
        // read: the accounting falls back on SIPp's records.
        if (kamailio != null && kamailio.isAlive() && !countsLostInRestart) {
            synchronized (this) {
                // After a restart the new Kamailio counted from 0: what the old one counted is added on.
                counters = kamailio.counters(runDir.resolve(STATS_END_FILE))
                        .flatMap(after -> countersBefore.map(before -> countedBeforeRestarts == null ? after.since(before)
                                : after.plus(countedBeforeRestarts)));
            }
        }
        // Only the harness's own Kamailio's log names the pushes that failed; a Kamailio the user started tells nothing.
        FailedPushes failures = kamailio == null ? new FailedPushes(List.of(), List.of(), 0)
                : kamailio.pushFailuresSince(logLinesBefore);
        Map<String, Long> sentInvites = SippSendLog.read(SippUac.sendLogFile(runDir, measuredPrefix));
        // A call whose BYE push failed got a 500 to its BYE, so SIPp counts it failed, not succeeded: the BYEs
        // sent are the completed calls plus those, never less those a second time.
        long byesSent = byeEnqueued ? stats.succeeded() + failures.byes().size() : 0;
        CallStats callStats;
        ExpectedEvents expected;
        List<CrossCheck> crossChecks = new ArrayList<>();
        Long pushCommands;
        if (counters.isPresent() && counters.get().countsPushes()) {
            // The script's own count: exact whatever happened to the calls (a call Kamailio failed before
            // its push, for lack of memory say, pushed nothing and is not expected).
            KamailioCounters delta = counters.get();
            long pushedInvites = delta.get(KamailioCounters.PUSHED_INVITE);
            long pushedByes = delta.get(KamailioCounters.PUSHED_BYE);
            long pushed = pushedInvites + pushedByes;
            callStats = new CallStats(stats.attempted(), stats.succeeded(), stats.failed(),
                    delta.get(KamailioCounters.PUSH_FAILED), pushed,
                    kamailio.errorsSince(logLinesBefore, delta.valueIfKept(KamailioCounters.RELAY_TIMEOUTS)),
                    postDialDelay, uac.answers(), stats.retransmissions(), uac.sessionMetrics());
            expected = expectedEvents(sentInvites.keySet(), failures, pushedInvites, pushedByes);
            // at most: a call Kamailio failed before its push (out of memory, say) pushed nothing and reported nothing;
            // a retransmission that reaches Kamailio after its transaction ended (or across a restart) is pushed again
            crossChecks.add(CrossCheck.atMost("Kamailio pushed INVITEs <= SIPp INVITEs sent + retransmissions "
                    + "- reported push failures", sentInvites.size() + stats.retransmissions()
                    - failures.invites().size() - failures.unnamed(), pushedInvites));
            crossChecks.add(CrossCheck.equal("Kamailio push failures = CALLQ_PUSH_FAILED log lines",
                    failures.total(), delta.get(KamailioCounters.PUSH_FAILED)));
            pushCommands = pushed;
        } else {
            // A script without counters, or a Kamailio the user started: each INVITE sent and each BYE sent
            // pushed one event, less the pushes the script logged as failed (which only the harness's own
            // Kamailio's log tells).
            long pushFailures = kamailio == null ? 0 : kamailio.pushFailures() - pushFailuresBefore;
            callStats = new CallStats(stats.attempted(), stats.succeeded(), stats.failed(), pushFailures, null,
                    kamailio == null ? null : kamailio.errorsSince(logLinesBefore, null), postDialDelay, uac.answers(),
                    stats.retransmissions(), uac.sessionMetrics());
            long pushedInvites = Math.max(0, sentInvites.size() - failures.invites().size() - failures.unnamed());
            long pushedByes = Math.max(0, byesSent - failures.byes().size());
            expected = expectedEvents(sentInvites.keySet(), failures, pushedInvites, pushedByes);
            pushCommands = null;
        }
        Map<String, Long> sentMicros = payload == PayloadFormat.CALLID ? sentInvites : Map.of();
        // A SIP process killed at a restart may have sent a push it never counted: a push whose reply failed.
        long pushesUnacknowledged = failures.total() + (kamailio == null ? 0 : kamailio.sipProcessesKilled());
        return new LoadOutcome(expected, startMicros, endMicros, callStats, null, sentMicros, pushCommands,
                pushesUnacknowledged, crossChecks);
    }

    /**
     * The events expected by identity where SIPp's and Kamailio's records name them: the INVITEs SIPp sent
     * less those whose push failed, and, when BYEs are pushed, a BYE for each of those calls less the failed
     * BYE pushes, provided every such call sent its BYE (SIPp does not name the calls that did). Otherwise
     * the count alone.
     */
    private ExpectedEvents expectedEvents(Set<String> sentInvites, FailedPushes failures, long pushedInvites,
                                          long pushedByes) {
        long count = pushedInvites + pushedByes;
        if (failures.unnamed() > 0) {
            return ExpectedEvents.countOnly(count, "Kamailio's log does not name the Call-IDs of "
                    + failures.unnamed() + " failed pushes");
        }
        EventKind inviteKind = payload == PayloadFormat.CALLID ? EventKind.UNKNOWN : EventKind.INVITE;
        Set<String> failedInvites = Set.copyOf(failures.invites());
        Set<String> failedByes = Set.copyOf(failures.byes());
        Set<String> keys = new HashSet<>();
        Set<String> reportedFailed = new HashSet<>();
        long invites = 0;
        for (String callId : sentInvites) {
            if (failedInvites.contains(callId)) {
                reportedFailed.add(key(callId, inviteKind));
                continue;
            }
            keys.add(key(callId, inviteKind));
            invites++;
            if (byeEnqueued) {
                (failedByes.contains(callId) ? reportedFailed : keys).add(key(callId, EventKind.BYE));
            }
        }
        if (invites != pushedInvites || (byeEnqueued && invites - failedByes.size() != pushedByes)) {
            return ExpectedEvents.countOnly(count, String.format(Locale.ROOT, "SIPp's and Kamailio's records "
                    + "name %d INVITE pushes%s where %d INVITEs and %d BYEs were pushed", invites,
                    byeEnqueued ? " and a BYE for each" : "", pushedInvites, pushedByes));
        }
        return ExpectedEvents.byIdentity(EventIds.of(keys), EventIds.of(reportedFailed));
    }

    private static String key(String callId, EventKind kind) {
        return new CallEvent(callId, kind, CallEvent.NO_STAMP).uniqueKey();
    }

    /** Stops Kamailio and starts it again on the same port, keeping what it had counted so far. */
    @Override
    public synchronized boolean restartKamailio() {
        if (kamailio == null) {
            return false; // a Kamailio the user started is theirs to restart
        }
        Path before = runDir.resolve("kamailio-stats-restart-" + (++restarts) + ".txt");
        Optional<KamailioCounters> counted;
        try {
            counted = kamailio.countersBeforeStop(before)
                    .flatMap(at -> countersBefore.map(start -> countedBeforeRestarts == null ? at.since(start)
                            : at.plus(countedBeforeRestarts)));
        } catch (HarnessException e) {
            // The restart asked for still happens; what the old Kamailio counted is unknown, so the accounting
            // takes SIPp's records instead of Kamailio's counters.
            LOG.warn("Kamailio's counters could not be read before its restart, so the events are accounted "
                    + "from SIPp's records: {}", e.getMessage());
            counted = Optional.empty();
        }
        countsLostInRestart |= counted.isEmpty();
        countedBeforeRestarts = counted.orElse(null);
        kamailio.restart(kamailioSettings);
        return true;
    }

    @Override
    public void stop() {
        measuredUac.stop();
    }

    @Override
    public Map<String, BooleanSupplier> processes() {
        Map<String, BooleanSupplier> processes = new LinkedHashMap<>();
        // The measured UAC ends by itself when its calls are done: only an end of another kind is a death.
        processes.put("sipp-uac", measuredUac::endedWell);
        if (kamailio != null) {
            processes.put("kamailio", kamailio::isAlive);
        }
        if (uas != null) {
            processes.put("sipp-uas", uas::isAlive);
        }
        return processes;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("load", "sip");
        if (externalKamailio == null) {
            environment.put("kamailio", LocalKamailio.version());
        } else {
            environment.put("kamailio", "started by the user, at " + externalKamailio);
            environment.put("expectedEvents", "from SIPp's statistics (attempted calls"
                    + (byeEnqueued ? " and completed calls' BYEs" : "") + "): the harness reads no counters of a "
                    + "Kamailio it did not start");
        }
        if (externalUas != null) {
            environment.put("uas", "started by the user, at " + externalUas);
        }
        environment.put("sipp", Sipp.version());
        return environment;
    }

    @Override
    public void close() {
        try {
            if (uas != null) {
                uas.close();
            }
        } finally {
            if (kamailio != null) {
                kamailio.close();
            }
        }
    }
}
