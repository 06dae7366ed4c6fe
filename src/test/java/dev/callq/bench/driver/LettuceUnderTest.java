package dev.callq.bench.driver;

import dev.callq.bench.driver.lettuce.LettuceQueueDriver;

import java.util.Locale;
import java.util.Optional;

/** Lettuce through the driver contract. */
final class LettuceUnderTest implements ClientUnderTest {
    @Override
    public QueueDriver open(ClientSettings settings) {
        return new LettuceQueueDriver(settings);
    }

    /** netty-transport-native-epoll for linux-x86_64 is on the classpath; elsewhere Lettuce falls back to NIO. */
    @Override
    public Optional<String> expectedTransport() {
        boolean linuxX86 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        return Optional.of(linuxX86 ? "epoll" : "nio");
    }
}
