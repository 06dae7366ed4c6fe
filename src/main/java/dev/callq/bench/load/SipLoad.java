package dev.callq.bench.load;

import dev.callq.bench.env.FreePorts;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.WallClock;
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

/**
 * SIP calls from a SIPp UAC through Kamailio to a SIPp UAS; Kamailio pushes the events. Kamailio's
 * RPUSH is synchronous and happens before it relays the request, so once SIPp has finished its
 * calls every event of the phase is in Redis.
 */
public final class SipLoad implements Load {
    private static final String MEASURED_PREFIX = "call-";

    private final Path runDir;
    private final PayloadFormat payload;
    private final double rateCps;
    private final long calls;
    private final Duration holdTime;
    private final LocalKamailio kamailio;
    private final SippUas uas;

    public SipLoad(Path runDir, KamailioSettings kamailioSettings, double rateCps, long calls, Duration holdTime) {
        this.runDir = runDir;
        this.payload = kamailioSettings.payloadFormat();
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
                    callIdPrefix);
        }
    }

    @Override
    public LoadOutcome measure() {
        long pushFailuresBefore = kamailio.pushFailures();
        long startMicros = WallClock.nowMicros();
        SippStats stats = SippUac.run(runDir, kamailio.sipPort(), uas.port(), rateCps, Math.toIntExact(calls),
                holdTime.toMillis(), MEASURED_PREFIX);
        long endMicros = WallClock.nowMicros();
        long pushFailures = kamailio.pushFailures() - pushFailuresBefore;
        // Each attempted call pushes its INVITE; each completed call also pushes its BYE (JSON only).
        long pushesTried = payload == PayloadFormat.JSON ? stats.attempted() + stats.succeeded() : stats.attempted();
        CallStats callStats = new CallStats(stats.attempted(), stats.succeeded(), stats.failed(), pushFailures);
        Map<String, Long> sentMicros = payload == PayloadFormat.CALLID
                ? SippSendLog.read(SippUac.sendLogFile(runDir, MEASURED_PREFIX)) : Map.of();
        return new LoadOutcome(Math.max(0, pushesTried - pushFailures), startMicros, endMicros, callStats, null,
                sentMicros);
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
