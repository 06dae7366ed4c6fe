package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.SentPush;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;

import java.util.ArrayList;
import java.util.List;

/**
 * Pushes on its own connection: one multi-value RPUSH, or one XADD per payload for streams, written at once.
 * {@link #send} returns once the commands are written; their replies are read by whichever thread awaits the
 * sent push, in the order they were sent. Sent from one thread at a time.
 */
final class JedisProducer implements QueueProducer {
    /** The one field of a stream entry; the payload is its value. */
    static final String STREAM_FIELD = "e";

    private final JedisLink<SplitConnection> link;
    private final QueueSpec spec;

    JedisProducer(JedisLink<SplitConnection> link, QueueSpec spec) {
        this.link = link;
        this.spec = spec;
    }

    /** Sends and reads every reply; the first failure among them fails the whole push. */
    @Override
    public void push(List<String> payloads) {
        RuntimeException[] first = new RuntimeException[1];
        send(payloads).awaitReplies((from, count, failure) -> {
            if (first[0] == null) {
                first[0] = failure;
            }
        });
        if (first[0] != null) {
            throw first[0];
        }
    }

    @Override
    public SentPush send(List<String> payloads) {
        if (payloads.isEmpty()) {
            return SentPush.settled(0, null);
        }
        List<CommandArguments> commands = commands(payloads);
        SplitConnection connection;
        try {
            connection = link.call(written -> {
                written.write(commands);
                return written;
            });
        } catch (RuntimeException e) {
            return SentPush.settled(payloads.size(), e);
        }
        // What the sent push keeps is small: the payloads are in the socket now, not referenced from here.
        int replies = commands.size();
        int eventsPerReply = payloads.size() / replies;
        return outcome -> readReplies(connection, replies, eventsPerReply, outcome);
    }

    /**
     * Reads every reply of a push. A reply Redis refused fails its own payloads only (an XADD among several);
     * once the connection is lost, the payloads whose replies had not come fail with it.
     */
    private static void readReplies(SplitConnection connection, int replies, int eventsPerReply,
                                    SentPush.Outcome outcome) {
        for (int reply = 0; reply < replies; reply++) {
            RuntimeException failure = null;
            try {
                connection.readReply();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (failure != null && connection.isBroken()) {
                outcome.of(reply * eventsPerReply, (replies - reply) * eventsPerReply, failure);
                return;
            }
            outcome.of(reply * eventsPerReply, eventsPerReply, failure);
        }
    }

    private List<CommandArguments> commands(List<String> payloads) {
        if (spec.pattern() != QueuePattern.STREAM) {
            CommandArguments rpush = new CommandArguments(Protocol.Command.RPUSH).key(spec.key());
            payloads.forEach(rpush::add);
            return List.of(rpush);
        }
        List<CommandArguments> xadds = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            xadds.add(new CommandArguments(Protocol.Command.XADD).key(spec.key()).add(StreamEntryID.NEW_ENTRY)
                    .add(STREAM_FIELD).add(payload));
        }
        return xadds;
    }

    @Override
    public void close() {
        link.close();
    }
}
