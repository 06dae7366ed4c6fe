package dev.callq.bench.run;

import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.env.BlockedPops;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RespConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool's close ends its workers' blocked pops at once rather than after their timeout, takes no event while
 * doing so, and leaves other clients' pops alone; where Redis refuses to wake them, the pool still stops, at
 * the pop timeout.
 */
@Tag("processes")
class WorkerPoolTest {
    /** Long enough that a close which waited for it could not pass for one that woke the pops. */
    private static final Duration LONG_POP = Duration.ofSeconds(30);
    private static final int WORKERS = 4;

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis(@TempDir Path dir) {
        redis = LocalRedis.start(dir, new LocalRedis.Security(true, false, false));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void closeWakesItsWorkersBlockedPopsAndNoOneElses() throws Exception {
        QueueSpec spec = QueueSpec.blpop("test:pool-wakes", LONG_POP);
        ExecutorService operator = Executors.newSingleThreadExecutor();
        try (QueueDriver driver = QueueDrivers.open("jedis", ClientSettings.forQueue(redis.endpoint(), 3, spec));
             QueueAdmin admin = driver.createAdmin();
             RespConnection other = RespConnection.login(redis.endpoint(), LONG_POP.plusSeconds(5))) {
            admin.reset(spec, WORKERS);
            other.send("CLIENT", "SETNAME", "callq-operator");
            Future<Object> otherPop = operator.submit(() -> other.send("BLPOP", "test:someone-elses", "20"));
            List<String> consumed = new CopyOnWriteArrayList<>();
            WorkerPool pool = new WorkerPool(driver, spec, WORKERS, consumed::addAll, redis.endpoint());
            awaitBlocked(driver.clientNamePrefix(), WORKERS);

            long startNanos = System.nanoTime();
            pool.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(closing).as("the close, against pops of %s", LONG_POP).isLessThan(LONG_POP.dividedBy(3));
            assertThat(pool.threads()).noneMatch(Thread::isAlive);
            assertThat(pool.pollErrors()).isZero();
            assertThat(otherPop.isDone()).as("another client's pop").isFalse();
            assertThat(blockedNamed("callq-operator")).isEqualTo(1);
            try (QueueProducer producer = driver.createProducer(spec)) {
                producer.push(List.of("{\"ci\":\"after-close\"}"));
            }
            assertThat(admin.backlog(spec)).as("no pop of a stopped worker took the event").isEqualTo(1);
            assertThat(consumed).isEmpty();
        } finally {
            operator.shutdownNow();
        }
    }

    @Test
    void aUserWhoMayNotUnblockClientsStillStopsThePoolAtThePopTimeout() throws Exception {
        try (RespConnection root = RespConnection.login(redis.endpoint(), Duration.ofSeconds(2))) {
            root.send("ACL", "SETUSER", "no-client", "on", ">secret-no-client", "~*", "&*", "+@all", "-client|unblock");
        }
        RedisEndpoint limited = RedisEndpoint.parse("redis://no-client:secret-no-client@" + redis.endpoint().nodes().get(0));
        QueueSpec spec = QueueSpec.blpop("test:pool-times-out", Duration.ofMillis(500));
        try (QueueDriver driver = QueueDrivers.open("jedis", ClientSettings.forQueue(limited, 3, spec));
             QueueAdmin admin = driver.createAdmin();
             BlockedPops refused = new BlockedPops(limited, driver.clientNamePrefix())) {
            admin.reset(spec, WORKERS);
            WorkerPool pool = new WorkerPool(driver, spec, WORKERS, payloads -> { }, limited);
            awaitBlocked(driver.clientNamePrefix(), WORKERS);
            assertThat(refused.wake()).isEqualTo(-1);

            pool.close();

            assertThat(pool.threads()).noneMatch(Thread::isAlive);
            assertThat(blockedNamed(driver.clientNamePrefix())).isZero();
        }
    }

    private static void awaitBlocked(String namePrefix, int count) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blockedNamed(namePrefix) < count) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError(count + " clients named " + namePrefix + "* never blocked");
            }
            Thread.sleep(5);
        }
    }

    /** Clients whose name starts with {@code namePrefix} that CLIENT LIST shows blocked. */
    private static long blockedNamed(String namePrefix) {
        try (RespConnection root = RespConnection.login(redis.endpoint(), Duration.ofSeconds(2))) {
            String list = (String) root.send("CLIENT", "LIST");
            return list.lines().filter(line -> line.contains(" name=" + namePrefix))
                    .filter(line -> line.matches(".* flags=[A-Za-z]*b[A-Za-z]* .*")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
