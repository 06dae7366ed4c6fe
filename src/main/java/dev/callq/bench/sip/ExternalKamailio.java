package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * A Kamailio the user started ({@code --kamailio HOST:PORT}): the harness sends the SIP load to it and starts
 * only SIPp and the workers. Its script must relay each INVITE to its Request-URI, which is the harness's UAS.
 */
public record ExternalKamailio(String host, int port) {

    /** {@code HOST:PORT}, as {@code --kamailio} takes it. */
    public static ExternalKamailio parse(String text) {
        return parse(text, "--kamailio");
    }

    /** {@code HOST:PORT}, as {@code option} takes it (it names the option in the one-line error). */
    static ExternalKamailio parse(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, not '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, not '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " port must be 1 to 65535, not " + port);
        }
        return new ExternalKamailio(text.substring(0, colon), port);
    }

    /**
     * The address of this machine that Kamailio reaches it on: the source address the kernel picks for
     * {@code host}, where the UAC and UAS listen so that Kamailio can relay to the UAS and answer the UAC.
     * Connecting a UDP socket sends nothing.
     */
    public String localAddressTowards() {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(host, port));
            if (probe.getLocalAddress() == null || probe.getLocalAddress().isAnyLocalAddress()) {
                throw new HarnessException("no route to Kamailio at " + this);
            }
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException | IllegalArgumentException e) {
            throw new HarnessException("no route to Kamailio at " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
