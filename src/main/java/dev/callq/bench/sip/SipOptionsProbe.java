package dev.callq.bench.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Readiness check of a SIP proxy: an OPTIONS to the proxy itself must come back 200 OK. The Request-URI names
 * the proxy by the address the probe is sent to, not by the host name given: a proxy that keeps no aliases
 * (Kamailio with {@code auto_aliases=no}, as kamailio.cfg runs) knows itself only by the address it listens
 * on, so {@code sip:kamailio:5060} (a compose service name) would not be addressed to it.
 */
public final class SipOptionsProbe {
    private SipOptionsProbe() {
    }

    /** True when {@code host:port} answers an OPTIONS with 200 within {@code timeout}. */
    public static boolean answers200(String host, int port, Duration timeout) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, port));
            socket.setSoTimeout((int) timeout.toMillis());
            // The address the kernel picked towards the proxy: 127.0.0.1 for a local one.
            String local = uriHost(socket.getLocalAddress());
            String proxy = uriHost(socket.getInetAddress());
            byte[] request = options(proxy, port, local, socket.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(request, request.length));
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        } catch (IOException notYet) {
            // Timeout, or ICMP port unreachable while nothing listens yet.
            return false;
        }
    }

    /** An address as a SIP URI's host: an IPv6 one in brackets (RFC 3261, 25.1). */
    private static String uriHost(InetAddress address) {
        String literal = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + literal + "]" : literal;
    }

    private static String options(String proxy, int port, String local, int localPort) {
        String token = UUID.randomUUID().toString();
        return "OPTIONS sip:" + proxy + ":" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ":" + localPort + ";branch=z9hG4bK-" + token + ";rport\r\n"
                + "From: <sip:probe@" + local + ":" + localPort + ">;tag=" + token.substring(0, 8) + "\r\n"
                + "To: <sip:" + proxy + ":" + port + ">\r\n"
                + "Call-ID: probe-" + token + "@" + local + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
