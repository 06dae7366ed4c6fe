package dev.callq.bench.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a given process has bound a UDP port (on any address), read from /proc. Binding the port
 * to test it would race with the process about to bind it, and a port that is merely bound
 * may belong to someone else (then the process we started is about to fail).
 */
final class UdpListeners {
    private static final Path PROC_NET_UDP = Path.of("/proc/net/udp");

    private UdpListeners() {
    }

    static boolean isBoundBy(long pid, int port) {
        Set<String> socketInodes = socketInodes(port);
        if (socketInodes.isEmpty()) {
            return false;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(UdpListeners::linkTarget).anyMatch(socketInodes::contains);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** "socket:[inode]" of every UDP socket bound to the port, on whichever address (the owner is checked after). */
    private static Set<String> socketInodes(int port) {
        String anyAddress = String.format(Locale.ROOT, ":%04X", port);
        try {
            List<String> lines = Files.readAllLines(PROC_NET_UDP);
            // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            return lines.stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields.length > 9 && fields[1].endsWith(anyAddress))
                    .map(fields -> "socket:[" + fields[9] + "]")
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
