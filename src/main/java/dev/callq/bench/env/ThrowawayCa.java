package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A CA and a server certificate for 127.0.0.1 and localhost, made with the openssl command for one
 * local Redis and deleted with it. The keys live in a private temporary folder, never in the results.
 */
final class ThrowawayCa implements AutoCloseable {
    private static final long OPENSSL_TIMEOUT_SECONDS = 20;

    private final Path dir;

    private ThrowawayCa(Path dir) {
        this.dir = dir;
    }

    static ThrowawayCa create() {
        Path openssl = Binaries.require("openssl", "openssl");
        Path dir;
        try {
            dir = Files.createTempDirectory("callq-redis-tls-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new HarnessException("cannot create a folder for the throwaway CA: " + e.getMessage(), e);
        }
        ThrowawayCa ca = new ThrowawayCa(dir);
        try {
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
                    StandardCharsets.US_ASCII);
            String key = "ec";
            String curve = "ec_paramgen_curve:prime256v1";
            run(dir, openssl.toString(), "req", "-x509", "-newkey", key, "-pkeyopt", curve, "-nodes",
                    "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=callq throwaway CA");
            run(dir, openssl.toString(), "req", "-newkey", key, "-pkeyopt", curve, "-nodes",
                    "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
            run(dir, openssl.toString(), "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
            return ca;
        } catch (IOException | RuntimeException e) {
            ca.close();
            throw e instanceof HarnessException harness ? harness
                    : new HarnessException("cannot make the throwaway CA: " + e.getMessage(), e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new HarnessException("openssl " + command[1] + " did not finish within "
                        + OPENSSL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while making the throwaway CA", e);
        }
        if (process.exitValue() != 0) {
            List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new HarnessException("openssl " + command[1] + " failed: "
                    + (output.isEmpty() ? "exit " + process.exitValue() : output.get(output.size() - 1)));
        }
    }

    /** The CA certificate (PEM) clients trust. */
    Path certificate() {
        return dir.resolve("ca.crt");
    }

    Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    Path serverKey() {
        return dir.resolve("server.key");
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary folder holds nothing the next run needs.
        }
    }
}
