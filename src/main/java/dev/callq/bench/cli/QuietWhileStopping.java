package dev.callq.bench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.callq.bench.env.ManagedProcess;
import org.slf4j.Marker;

import java.util.List;

/**
 * Once callq is stopping (Ctrl-C, SIGTERM), drops what the client libraries log: the stop takes Redis away
 * and shuts their event loops down under reconnects in flight, which Netty and Lettuce report with stack
 * traces ("event executor terminated", "executor not accepting a task") that say nothing about the run.
 * Callq's own lines, the failure that names the stop among them, still print. Named in logback.xml.
 */
public final class QuietWhileStopping extends TurboFilter {
    private static final List<String> CLIENT_LIBRARIES = List.of("io.netty.", "io.lettuce.", "reactor.",
            "redis.clients.", "org.redisson.");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !ManagedProcess.shuttingDown()) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        return CLIENT_LIBRARIES.stream().anyMatch(name::startsWith) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
