package dev.callq.bench.sip;

import dev.callq.bench.env.FreePorts;

/**
 * Where the SIP load goes: the UAC (and the harness's UAS) bind {@code localAddress}; the UAC sends every
 * message to Kamailio at {@code kamailioHost:kamailioPort}, with the UAS ({@code uasHost:uasPort}) as the
 * INVITE's Request-URI, which Kamailio relays to.
 */
public record SipRoute(String localAddress, String kamailioHost, int kamailioPort, String uasHost, int uasPort) {

    /** With the harness's own UAS, beside the UAC on {@code localAddress}. */
    public SipRoute(String localAddress, String kamailioHost, int kamailioPort, int uasPort) {
        this(localAddress, kamailioHost, kamailioPort, localAddress, uasPort);
    }

    /** Everything on 127.0.0.1: the harness's own Kamailio. */
    public static SipRoute loopback(int kamailioPort, int uasPort) {
        return new SipRoute(FreePorts.LOOPBACK, FreePorts.LOOPBACK, kamailioPort, uasPort);
    }
}
