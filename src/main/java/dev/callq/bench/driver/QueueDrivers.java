package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.jedis.JedisQueueDriver;
import dev.callq.bench.driver.lettuce.LettuceQueueDriver;
import dev.callq.bench.driver.redisson.RedissonQueueDriver;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The registry of the clients the harness can compare, by their command-line names. Everything that
 * names clients reads it: {@code --client} help and validation, the JMH benchmarks, the JMH report. A
 * new client is one line in {@link #REGISTERED}.
 */
public final class QueueDrivers {
    /**
     * A registered client: its command-line name, one line for help, how to open it, the library settings
     * a client settings file may give it (by the library's own names), and what queues it refuses (in one
     * line, before a run starts anything).
     */
    public record Registration(String name, String description, Function<ClientSettings, QueueDriver> factory,
                               List<String> settings, Consumer<QueueSpec> checkQueue) {
    }

    private static final Consumer<QueueSpec> ANY_QUEUE = spec -> { };

    private static final List<Registration> REGISTERED = List.of(
            new Registration("jedis", "Jedis, one plain blocking connection per worker", JedisQueueDriver::new,
                    JedisQueueDriver.SETTINGS, ANY_QUEUE),
            new Registration("lettuce", "Lettuce, one dedicated Netty connection per worker", LettuceQueueDriver::new,
                    LettuceQueueDriver.SETTINGS, ANY_QUEUE),
            new Registration("redisson", "Redisson, RBlockingDeque and RStream over one pooled client",
                    RedissonQueueDriver::new, RedissonQueueDriver.SETTINGS, RedissonQueueDriver::checkQueue));

    /** Every registered client's name, in registration order. */
    public static final List<String> NAMES = REGISTERED.stream().map(Registration::name).toList();

    /** The word for every registered client. */
    public static final String ALL = "all";

    /** An older word for {@link #ALL}, from when there were two clients. */
    public static final String BOTH = "both";

    private QueueDrivers() {
    }

    public static List<Registration> registered() {
        return REGISTERED;
    }

    public static QueueDriver open(String name, ClientSettings settings) {
        return registration(name).factory().apply(settings);
    }

    /** Opens a client as {@code --client} chose it, with its settings file's settings applied. */
    public static QueueDriver open(ClientChoice choice, ClientSettings settings) {
        return open(choice.library(), settings.with(choice.settings()));
    }

    /** Refuses, in one line, a queue the client {@code --client} chose cannot serve. */
    public static void checkQueue(String clientChoice, QueueSpec spec) {
        registration(ClientChoice.parse(clientChoice).library()).checkQueue().accept(spec);
    }

    /** The registration of {@code name}; an unknown name fails in one line that lists the known ones. */
    public static Registration registration(String name) {
        return REGISTERED.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new HarnessException(unknown(name)));
    }

    /**
     * Reads a {@code --client} value: {@code all} (or {@code both}) for every registered client, or a
     * comma-separated list of clients, each a registered name or a client settings file
     * ({@link ClientChoice}). Each settings file is read now, so that a bad one stops the run before
     * anything starts.
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public static List<String> select(String text) {
        if (ALL.equals(text) || BOTH.equals(text)) {
            return NAMES;
        }
        List<String> specs = ClientChoice.split(text);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(unknown(text) + " or " + ALL);
        }
        for (String spec : specs) {
            try {
                ClientChoice.parse(spec);
            } catch (HarnessException unknownName) {
                throw new IllegalArgumentException(unknownName.getMessage() + ", a client settings file, or " + ALL);
            }
        }
        return specs;
    }

    /** Reads a {@code --client} value that must name exactly one client (a registered name or a settings file). */
    public static String requireOne(String text, String option) {
        List<String> specs = ClientChoice.split(text);
        if (specs.size() != 1 || ALL.equals(text) || BOTH.equals(text)) {
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", NAMES)
                    + " or a client settings file: one client per search, not '" + text + "'");
        }
        try {
            ClientChoice.parse(specs.get(0));
        } catch (HarnessException unknownName) {
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", NAMES)
                    + " or a client settings file: one client per search, not '" + text + "'");
        }
        return specs.get(0);
    }

    private static String unknown(String name) {
        return "unknown client '" + name + "'; expected one of " + String.join(", ", NAMES);
    }

    /** The registered names, for picocli's {@code ${COMPLETION-CANDIDATES}} in option help. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }
}
