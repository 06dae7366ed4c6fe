package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the external programs the harness runs, and says how to install the missing ones. */
public final class Binaries {
    private Binaries() {
    }

    /** The executable's path, or a one-line error naming the Debian package that provides it. */
    public static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new HarnessException(
                name + " not found on PATH; install it with: sudo apt-get install -y " + debianPackage
                        + " (or run ./callq setup)"));
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
