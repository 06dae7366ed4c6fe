package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds loopback ports that are free for both TCP and UDP (SIP listens on both). */
public final class FreePorts {
    public static final String LOOPBACK = "127.0.0.1";
    /**
     * Ports this JVM handed out: once the probing socket closes, the kernel may give the same port to the next
     * caller before the first one's program binds it (runs, shards and test classes ask from several threads).
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port the kernel just handed out for TCP that is also free for UDP, and that this JVM never handed out before. */
    public static int find() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new HarnessException("cannot open a loopback socket: " + e.getMessage(), e);
            }
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new HarnessException("no free loopback port found after 50 attempts");
    }

    /** True when nothing listens on the port, over TCP or UDP, on 127.0.0.1. */
    public static boolean isFree(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            return false;
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a one-line error when a port the user asked for is taken. */
    public static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new HarnessException(what + ": port " + port + " on " + LOOPBACK + " is already in use");
        }
    }
}
