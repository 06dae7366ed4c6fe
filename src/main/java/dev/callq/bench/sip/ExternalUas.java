package dev.callq.bench.sip;

/**
 * A SIPp UAS the user started ({@code --uas HOST:PORT}), as docker-compose.yml's own-system profile runs one
 * in its own container: the harness starts no UAS and addresses each INVITE to this one, which the user's
 * Kamailio relays it to. It must answer the calls as {@code sipp-scenarios/uas.xml} does (180, 200, and 200 to
 * the BYE); the accounting reads the UAC's statistics only.
 */
public record ExternalUas(String host, int port) {

    /** {@code HOST:PORT}, as {@code --uas} takes it. */
    public static ExternalUas parse(String text) {
        ExternalKamailio hostPort = ExternalKamailio.parse(text, "--uas");
        return new ExternalUas(hostPort.host(), hostPort.port());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
