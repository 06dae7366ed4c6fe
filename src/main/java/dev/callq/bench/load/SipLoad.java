package dev.callq.bench.load;

import dev.callq.bench.env.FreePorts;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.sip.KamailioCounters;
import dev.callq.bench.sip.KamailioSettings;
import dev.callq.bench.sip.LocalKamailio;
import dev.callq.bench.sip.Sipp;
import dev.callq.bench.sip.SippSendLog;
import dev.callq.bench.sip.SippStats;
import dev.callq.bench.sip.SippUac;
import dev.callq.bench.sip.SippUas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SIP calls from a SIPp UAC through Kamailio to a SIPp UAS; Kamailio pushes the events. Kamailio's
 * RPUSH is synchronous and happens before it relays the request, so once SIPp has finished its
 * calls every event of the phase is in Redis.
 */
public final class SipLoad implements Load {
    private static final String MEASURED_PREFIX = "call-";
    /** Kamailio's counters before and after the measured phase, as kamcmd printed them. */
    public static final String STATS_START_FILE = "kamailio-stats-start.txt";
    public static final String STATS_END_FILE = "kamailio-stats-end.txt";

    private final Path runDir;
    private final PayloadFormat payload;
    private final boolean byeEnqueued;
    private final double rateCps;
    private final long calls;
    private final Duration holdTime;
    private final LocalKamailio kamailio;
    private final SippUas uas;
    private final KamailioSettings kamailioSettings;
    private final double lostPercent;
    /** Kamailio's counters of the measured phase up to each restart: a restarted Kamailio counts from 0. */
    private KamailioCounters countedBeforeRestarts;
    private Optional<KamailioCounters> countersBefore = Optional.empty();
    private int restarts;

    public SipLoad(Path runDir, KamailioSettings kamailioSettings, double rateCps, long calls, Duration holdTime) {
        this(runDir, kamailioSettings, rateCps, calls, holdTime, 0);
    }

    /** @param lostPercent the share of received messages SIPp's UAC drops (a sip-loss fault), 0 for none */
    public SipLoad(Path runDir, KamailioSettings kamailioSettings, double rateCps, long calls, Duration holdTime,
                   double lostPercent) {
        this.kamailioSettings = kamailioSettings;
        this.lostPercent = lostPercent;
        this.runDir = runDir;
        this.payload = kamailioSettings.payloadFormat();
        this.byeEnqueued = kamailioSettings.events().includesBye();
        this.rateCps = rateCps;
        this.calls = calls;
        this.holdTime = holdTime;
        this.kamailio = LocalKamailio.start(runDir, kamailioSettings);
        try {
            this.uas = SippUas.start(runDir, FreePorts.find());
        } catch (RuntimeException e) {
            kamailio.close();
            throw e;
        }
    }

    @Override
    public void warmUp(Duration length, String callIdPrefix) {
        int warmupCalls = (int) Math.round(rateCps * length.toNanos() / 1e9);
        if (warmupCalls > 0) {
            SippUac.run(runDir, kamailio.sipPort(), uas.port(), rateCps, warmupCalls, holdTime.toMillis(),
                    callIdPrefix, lostPercent);
        }
    }

    @Override
    public LoadOutcome measure() {
        synchronized (this) {
            countersBefore = kamailio.counters(runDir.resolve(STATS_START_FILE));
        }
        long pushFailuresBefore = kamailio.pushFailures();
        int logLinesBefore = kamailio.logLineCount();
        long startMicros = WallClock.nowMicros();
        SippStats stats = SippUac.run(runDir, kamailio.sipPort(), uas.port(), rateCps, Math.toIntExact(calls),
                holdTime.toMillis(), MEASURED_PREFIX, lostPercent);
        long endMicros = WallClock.nowMicros();
        Optional<KamailioCounters> counters;
        synchronized (this) {
            // After a restart the new Kamailio counted from 0: what the old one counted is added on.
            counters = kamailio.counters(runDir.resolve(STATS_END_FILE))
                    .flatMap(after -> countersBefore.map(before -> countedBeforeRestarts == null ? after.since(before)
                            : after.plus(countedBeforeRestarts)));
        }
        CallStats callStats;
        long expected;
        if (counters.isPresent() && counters.get().countsPushes()) {
            // The script's own count: exact whatever happened to the calls (a call Kamailio failed before
            // its push, for lack of memory say, pushed nothing and is not expected).
            KamailioCounters delta = counters.get();
            long pushed = delta.get(KamailioCounters.PUSHED_INVITE) + delta.get(KamailioCounters.PUSHED_BYE);
            callStats = new CallStats(stats.attempted(), stats.succeeded(), stats.failed(),
                    delta.get(KamailioCounters.PUSH_FAILED), pushed,
                    kamailio.errorsSince(logLinesBefore, delta.valueIfKept(KamailioCounters.RELAY_TIMEOUTS)),
                    stats.retransmissions());
            expected = pushed;
        } else {
            // A script without counters: each attempted call pushed its INVITE, each completed one its BYE
            // when BYEs enqueue, less the pushes the script logged as failed.
            long pushFailures = kamailio.pushFailures() - pushFailuresBefore;
            long pushesTried = stats.attempted() + (byeEnqueued ? stats.succeeded() : 0);
            callStats = new CallStats(stats.attempted(), stats.succeeded(), stats.failed(), pushFailures, null,
                    kamailio.errorsSince(logLinesBefore, null), stats.retransmissions());
            expected = Math.max(0, pushesTried - pushFailures);
        }
        Map<String, Long> sentMicros = payload == PayloadFormat.CALLID
                ? SippSendLog.read(SippUac.sendLogFile(runDir, MEASURED_PREFIX)) : Map.of();
        return new LoadOutcome(expected, startMicros, endMicros, callStats, null, sentMicros);
    }

    /** Stops Kamailio and starts it again on the same port, keeping what it had counted so far. */
    @Override
    public synchronized boolean restartKamailio() {
        Path before = runDir.resolve("kamailio-stats-restart-" + (++restarts) + ".txt");
        Optional<KamailioCounters> counted = kamailio.counters(before)
                .flatMap(at -> countersBefore.map(start -> countedBeforeRestarts == null ? at.since(start)
                        : at.plus(countedBeforeRestarts)));
        countedBeforeRestarts = counted.orElse(null);
        kamailio.restart(kamailioSettings);
        return true;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("load", "sip");
        environment.put("kamailio", LocalKamailio.version());
        environment.put("sipp", Sipp.version());
        return environment;
    }

    @Override
    public void close() {
        try {
            uas.close();
        } finally {
            kamailio.close();
        }
    }
}
