package dev.callq.bench.netem;

import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy against a real redis-server: what it adds, holds back and breaks, and that it leaves no thread. */
@Isolated("it asserts elapsed times through the proxy within a few milliseconds")
@Tag("processes")
class NetworkProxyTest {
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String PONG = "+PONG\r\n";

    @TempDir
    static Path tmp;
    static LocalRedis redis;
    NetworkProxy proxy;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start(tmp);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = NetworkProxy.start(redis.endpoint());
    }

    @AfterEach
    void closeProxyAndCheckItsThreadsAreGone() throws InterruptedException {
        proxy.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (proxyThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(proxyThreads()).as("proxy threads alive after close").isZero();
    }

    @Test
    void forwardsAPingAddingNothingByDefault() throws IOException {
        try (Socket socket = connect(proxy.endpoint())) {
            assertThat(ping(socket)).isEqualTo(PONG);
        }

        ProxyCounters counters = proxy.counters();
        assertThat(counters.connectionsAccepted()).isEqualTo(1);
        assertThat(counters.bytesToUpstream()).isEqualTo(PING.length);
        assertThat(counters.bytesFromUpstream()).isEqualTo(PONG.length());
    }

    @Test
    void aPartyThatSpeaksTheMomentItConnectsIsHeard() throws IOException {
        // A TLS client sends its hello before the proxy has reached Redis: those bytes must not be stranded.
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(2_000);
                socket.connect(new java.net.InetSocketAddress(proxy.endpoint().host(), proxy.endpoint().port()));
                socket.getOutputStream().write(PING);
                assertThat(read(socket, PONG.length())).isEqualTo(PONG);
            }
        }
    }

    @Test
    void fiveMillisecondsEachWayMakeARoundTripOfAtLeastTen() throws IOException {
        proxy.setLatency(Duration.ofMillis(5), Duration.ZERO);
        try (Socket socket = connect(proxy.endpoint())) {
            long fastestNanos = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long startNanos = System.nanoTime();
                assertThat(ping(socket)).isEqualTo(PONG);
                fastestNanos = Math.min(fastestNanos, System.nanoTime() - startNanos);
            }
            assertThat(fastestNanos).as("fastest of 5 PINGs, ns").isGreaterThanOrEqualTo(10_000_000L)
                    .isLessThan(30_000_000L);
        }
        assertThat(proxy.describe()).contains("to Redis +5 ms, from Redis +5 ms");
    }

    /**
     * 5 ms ± 4 ms each way: a round trip is drawn between 2 and 18 ms (the proxy's own wake-ups add to it).
     * Without jitter none could be faster than 10 ms; with it, about a fifth of them are under 7 ms, so the
     * fastest of 50 is below 8 ms but for a chance of about 1 in 10^5, and they spread over several ms.
     */
    @Test
    void jitterSpreadsRoundTripsBelowAndAboveTheDelay() throws IOException {
        proxy.setLatency(Duration.ofMillis(5), Duration.ofMillis(4));
        try (Socket socket = connect(proxy.endpoint())) {
            long fastestNanos = Long.MAX_VALUE;
            long slowestNanos = 0;
            for (int i = 0; i < 50; i++) {
                long startNanos = System.nanoTime();
                assertThat(ping(socket)).isEqualTo(PONG);
                long roundTripNanos = System.nanoTime() - startNanos;
                fastestNanos = Math.min(fastestNanos, roundTripNanos);
                slowestNanos = Math.max(slowestNanos, roundTripNanos);
            }
            assertThat(fastestNanos).as("fastest of 50 PINGs, ns").isGreaterThanOrEqualTo(2_000_000L)
                    .isLessThan(8_000_000L);
            assertThat(slowestNanos - fastestNanos).as("slowest − fastest of 50 PINGs, ns")
                    .isGreaterThanOrEqualTo(4_000_000L);
        }
        assertThat(proxy.describe()).contains("to Redis +5 ms ±4 ms, from Redis +5 ms ±4 ms");
    }

    @Test
    void aDelayShiftsAStreamInsteadOfSpacingItOut() throws Exception {
        proxy.setLatency(Duration.ofMillis(5), Duration.ofMillis(2));
        int pings = 100;
        try (Socket socket = connect(proxy.endpoint())) {
            CompletableFuture<String> replies = CompletableFuture.supplyAsync(() -> read(socket, pings * PONG.length()));
            long startNanos = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < pings; i++) {
                out.write(PING);
                out.flush();
                Thread.sleep(0, 500_000);
            }
            String all = replies.get(10, TimeUnit.SECONDS);
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            assertThat(all).isEqualTo(PONG.repeat(pings));
            // Each PING written alone crosses the link on its own: were the delay serialized, 100 round trips
            // of ≥ 10 ms would take ≥ 1 s; shifted, the stream takes its sending time plus one round trip.
            assertThat(elapsedMillis).as("100 PINGs through 5 ms ± 2 ms each way, ms").isLessThan(500);
        }
    }

    @Test
    void aBandwidthCapPacesALargeReply() {
        proxy.setBandwidth(Direction.FROM_UPSTREAM, 200_000);
        try (Jedis jedis = jedis(proxy.endpoint())) {
            jedis.set("big", "x".repeat(100_000));
            long startNanos = System.nanoTime();
            assertThat(jedis.get("big")).hasSize(100_000);
            assertThat((System.nanoTime() - startNanos) / 1_000_000).as("100 kB at 200 kB/s, ms").isGreaterThanOrEqualTo(450);
        }
    }

    @Test
    void aBlackholeStallsAClientWithoutAnErrorAndReleasesIt() throws Exception {
        try (Jedis jedis = jedis(proxy.endpoint())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            proxy.blackhole(true);
            long startNanos = System.nanoTime();
            CompletableFuture<String> stalled = CompletableFuture.supplyAsync(jedis::ping);
            Thread.sleep(1000);
            assertThat(stalled).as("a PING during the partition").isNotDone();
            proxy.blackhole(false);

            assertThat(stalled.get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
            assertThat((System.nanoTime() - startNanos) / 1_000_000).isGreaterThanOrEqualTo(1000);
            assertThat(proxy.counters().connectionsReset()).isZero();
        }
    }

    @Test
    void resetAllBreaksEveryConnectionAndANewOneWorks() {
        RedisClient lettuceClient = RedisClient.create(RedisURI.create(proxy.endpoint().host(), proxy.endpoint().port()));
        Jedis jedis = jedis(proxy.endpoint());
        try (StatefulRedisConnection<String, String> lettuce = lettuceClient.connect()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(lettuce.sync().ping()).isEqualTo("PONG");

            assertThat(proxy.resetAll()).isEqualTo(2);

            assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
            try (Jedis reconnected = jedis(proxy.endpoint())) {
                assertThat(reconnected.ping()).isEqualTo("PONG");
            }
            // Lettuce reconnects by itself; the command waits for it.
            assertThat(lettuce.sync().ping()).isEqualTo("PONG");
            assertThat(proxy.counters().connectionsReset()).isEqualTo(2);
            assertThat(proxy.counters().connectionsAccepted()).isEqualTo(4);
        } finally {
            // A reset Jedis connection fails even to close (its QUIT hits a broken pipe): catch it here.
            try {
                jedis.close();
            } catch (JedisConnectionException brokenPipe) {
                assertThat(jedis.getConnection().isBroken()).isTrue();
            }
            lettuceClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static Jedis jedis(RedisEndpoint endpoint) {
        return new Jedis(endpoint.host(), endpoint.port(), 10_000);
    }

    private static Socket connect(RedisEndpoint endpoint) throws IOException {
        Socket socket = new Socket(endpoint.host(), endpoint.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String ping(Socket socket) throws IOException {
        socket.getOutputStream().write(PING);
        socket.getOutputStream().flush();
        return read(socket, PONG.length());
    }

    private static String read(Socket socket, int bytes) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = in.readNBytes(bytes);
            return new String(buffer, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("callq-proxy") && thread.isAlive()).count();
    }
}
