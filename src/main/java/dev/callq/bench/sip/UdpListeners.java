package dev.callq.bench.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether a UDP port is bound on 127.0.0.1, read from /proc/net/udp. Binding the port to test
 * it would race with the process that is about to bind it; reading the kernel's table does not.
 */
final class UdpListeners {
    private static final Path PROC_NET_UDP = Path.of("/proc/net/udp");

    private UdpListeners() {
    }

    static boolean isBound(int port) {
        String loopback = String.format(Locale.ROOT, "0100007F:%04X", port);
        String any = String.format(Locale.ROOT, "00000000:%04X", port);
        try {
            List<String> lines = Files.readAllLines(PROC_NET_UDP);
            // Columns: sl local_address rem_address st ...
            return lines.stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .anyMatch(fields -> fields.length > 1 && (fields[1].equals(loopback) || fields[1].equals(any)));
        } catch (IOException e) {
            return false;
        }
    }
}
