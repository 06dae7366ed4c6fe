package dev.callq.bench.env;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RespConnection.Error;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the blocking pops of a run's workers at once, as if their timeout had passed: {@code CLIENT UNBLOCK id
 * TIMEOUT} makes a BLPOP, BLMOVE or XREADGROUP BLOCK return nothing, so the pop takes no event and none is
 * lost. Without it a stopping pool waits for each worker's pop to time out (up to {@code --pop-timeout-ms}),
 * at the end of every run and sweep cell. Only clients blocked in a command (flag {@code b} in CLIENT LIST)
 * whose name starts with the given prefix are woken, so that other clients of a shared Redis keep theirs.
 * Another callq's workers of the same client on the same Redis (the other shards of a sharded run) carry the
 * same names: one pop of each returns early, as at its timeout, and the worker pops again.
 * A server that cannot do it (an ACL without CLIENT, a Redis before 5, one that does not answer) leaves the
 * workers to their timeouts. Opens its connection at the first {@link #wake}; not thread-safe.
 */
public final class BlockedPops implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final RedisEndpoint server;
    private final String clientNamePrefix;
    private RespConnection session;
    private boolean unavailable;

    public BlockedPops(RedisEndpoint server, String clientNamePrefix) {
        this.server = server;
        this.clientNamePrefix = clientNamePrefix;
    }

    /**
     * Wakes every pop of ours blocked now; a pop sent after this waits out its timeout, so a caller waiting for
     * its workers wakes them again.
     *
     * @return how many were woken, or −1 when the server cannot do it (then every later call returns −1 at once)
     */
    public int wake() {
        if (unavailable) {
            return -1;
        }
        try {
            if (session == null) {
                session = RespConnection.open(server, TIMEOUT);
            }
            int woken = 0;
            for (long id : blocked(session.send("CLIENT", "LIST", "TYPE", "normal"))) {
                // 0 when the client is no longer blocked: its pop ended on its own meanwhile.
                Object reply = session.send("CLIENT", "UNBLOCK", Long.toString(id), "TIMEOUT");
                if (!(reply instanceof Long one)) {
                    throw new CannotUnblock();
                }
                woken += one.intValue();
            }
            return woken;
        } catch (IOException | HarnessException | CannotUnblock e) {
            unavailable = true;
            close();
            return -1;
        }
    }

    /** The ids of the clients of ours that CLIENT LIST shows blocked. */
    private List<Long> blocked(Object clientList) {
        if (!(clientList instanceof String lines)) {
            throw new CannotUnblock();
        }
        List<Long> ids = new ArrayList<>();
        for (String line : lines.split("\\r?\\n")) {
            // id=7 addr=127.0.0.1:40122 laddr=… fd=9 name=callq-jedis-worker-0 age=3 idle=0 flags=b db=0 … cmd=blpop …
            long id = -1;
            String name = "";
            String flags = "";
            for (String field : line.split(" ")) {
                if (field.startsWith("id=")) {
                    id = Long.parseLong(field.substring("id=".length()));
                } else if (field.startsWith("name=")) {
                    name = field.substring("name=".length());
                } else if (field.startsWith("flags=")) {
                    flags = field.substring("flags=".length());
                }
            }
            if (id >= 0 && flags.contains("b") && name.startsWith(clientNamePrefix)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /** The server refused CLIENT LIST or CLIENT UNBLOCK (an {@link Error} reply): it will refuse them again. */
    private static final class CannotUnblock extends RuntimeException {
        CannotUnblock() {
            super("CLIENT LIST refused", null, false, false);
        }
    }
}
