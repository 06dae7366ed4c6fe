package dev.callq.bench.driver.jedis;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.util.List;

/**
 * A Jedis connection written by one thread and read by another, so that a writer need not wait for the replies
 * of what it sent: {@link #write} writes and flushes, {@link #readReply} reads the next reply. Jedis reads a
 * reply only where it also flushes ({@code getOne()}), and its output buffer is not thread-safe; the two halves
 * here share nothing but the socket. Once either half fails the connection is lost for both: the reader closes
 * the socket, so that a writer blocked on a full socket buffer wakes up, and nothing reconnects it (Jedis
 * would reconnect a closed socket on the next write without logging in, and the replies of what was in flight
 * would be read from the new socket); {@link JedisLink} opens a new one.
 */
final class SplitConnection extends Connection {
    /** Set once either half failed; read by the other. */
    private volatile boolean lost;
    /** False while the superclass constructor connects and logs in. */
    private final boolean opened;

    SplitConnection(JedisSocketFactory sockets, JedisClientConfig config) {
        super(sockets, config);
        opened = true;
    }

    /** Writes {@code commands} and flushes them. The writing thread only. */
    void write(List<CommandArguments> commands) {
        try {
            for (CommandArguments command : commands) {
                sendCommand(command);
            }
            flush();
        } catch (RuntimeException e) {
            lost = true;
            throw e;
        }
    }

    /**
     * The next reply. An error reply (a refusal: OOM, LOADING, ...) throws {@link JedisDataException} and leaves
     * the connection in step; any other failure (a timeout, a closed socket) loses it. The reading thread only.
     */
    Object readReply() {
        if (lost) {
            throw new JedisConnectionException("connection lost before the reply came");
        }
        try {
            return readProtocolWithCheckingBroken();
        } catch (JedisDataException refused) {
            throw refused;
        } catch (RuntimeException e) {
            lost = true;
            closeSocket();
            throw e;
        }
    }

    @Override
    public boolean isBroken() {
        return lost || super.isBroken();
    }

    @Override
    public void connect() {
        if (!opened) {
            super.connect();
        } else if (lost || !isConnected()) {
            throw new JedisConnectionException("connection lost");
        }
    }

    private void closeSocket() {
        try {
            forceDisconnect();
        } catch (IOException | RuntimeException e) {
            // the socket is released either way
        }
    }
}
