package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds loopback ports that are free for both TCP and UDP (SIP listens on both). */
public final class FreePorts {
    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** A port the kernel just handed out for TCP that is also free for UDP. */
    public static int find() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new HarnessException("cannot open a loopback socket: " + e.getMessage(), e);
            }
            if (isFree(port)) {
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
