package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UDP retransmissions must not enqueue twice (a stateless route did: 612 extra events in 30,000
 * calls). Raw datagrams let the test retransmit on purpose, which SIPp only does under loss.
 */
@Tag("processes")
class KamailioRetransmissionTest {
    private static final String KEY = "callq:events";
    // RFC 3261 allows '"' and '\' in a Call-ID; the JSON payload must escape them.
    private static final String CALL_ID = "retrans\"quote\\back@test";
    private static final int SENDS = 3;

    @TempDir
    Path runDir;

    @Test
    void retransmittedInviteAndByeAreEnqueuedOnce() throws Exception {
        try (LocalRedis redis = LocalRedis.start(runDir);
             LocalKamailio kamailio = LocalKamailio.start(runDir,
                     new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.JSON));
             DatagramSocket caller = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0));
             DatagramSocket silentCallee = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
            InetSocketAddress proxy = new InetSocketAddress(FreePorts.LOOPBACK, kamailio.sipPort());
            String invite = request("INVITE", 1, "z9hG4bK-retrans-invite", caller.getLocalPort(),
                    silentCallee.getLocalPort(), "", "");
            String bye = request("BYE", 2, "z9hG4bK-retrans-bye", caller.getLocalPort(), silentCallee.getLocalPort(),
                    ";tag=callee", "Route: <sip:" + FreePorts.LOOPBACK + ":" + kamailio.sipPort() + ";lr>\r\n");

            sendRepeatedly(caller, proxy, invite);
            sendRepeatedly(caller, proxy, bye);
            Thread.sleep(300); // let any extra push land before reading

            List<String> payloads = RedisList.readAll(redis.endpoint(), KEY);
            assertThat(payloads).hasSize(2);
            ObjectMapper json = new ObjectMapper();
            JsonNode first = json.readTree(payloads.get(0));
            JsonNode second = json.readTree(payloads.get(1));
            assertThat(first.get("callId").asText()).isEqualTo(CALL_ID);
            assertThat(first.get("kind").asText()).isEqualTo("INVITE");
            assertThat(second.get("callId").asText()).isEqualTo(CALL_ID);
            assertThat(second.get("kind").asText()).isEqualTo("BYE");
            assertThat(kamailio.pushFailures()).isZero();
        }
    }

    private static void sendRepeatedly(DatagramSocket socket, InetSocketAddress target, String message)
            throws IOException, InterruptedException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < SENDS; i++) {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
            Thread.sleep(50);
        }
    }

    private static String request(String method, int cseq, String branch, int callerPort, int calleePort,
                                  String toTag, String route) {
        String host = FreePorts.LOOPBACK;
        return method + " sip:callee@" + host + ":" + calleePort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + callerPort + ";branch=" + branch + "\r\n"
                + route
                + "From: <sip:caller@" + host + ":" + callerPort + ">;tag=caller\r\n"
                + "To: <sip:callee@" + host + ":" + calleePort + ">" + toTag + "\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:caller@" + host + ":" + callerPort + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
