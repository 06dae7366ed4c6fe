package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RedisEndpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Redis password for Kamailio, in a file its script imports ({@code import_file "REDIS_LOGIN_FILE"})
 * rather than on its command line, where every user of the machine sees it. The file lives in a
 * private temporary folder, never in the results, and is deleted on close: Kamailio reads its script
 * once, at start. Without a password the file is not written and the import finds nothing.
 */
final class KamailioLogin implements AutoCloseable {
    private final Path dir;

    private KamailioLogin(Path dir) {
        this.dir = dir;
    }

    static KamailioLogin write(RedisEndpoint redis) {
        return write(redis, redis.password());
    }

    /** A login with {@code password} in place of the endpoint's, for {@code kamailio -c}, which must not see the real one. */
    static KamailioLogin write(RedisEndpoint redis, String password) {
        Path dir;
        try {
            dir = Files.createTempDirectory("callq-kamailio-login-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new HarnessException("cannot create a folder for Kamailio's Redis login: " + e.getMessage(), e);
        }
        KamailioLogin login = new KamailioLogin(dir);
        if (redis.hasPassword()) {
            try {
                Files.createFile(login.file(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(login.file(), "#!substdef \"!REDIS_PASS!" + password + "!g\"\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                login.close();
                throw new HarnessException("cannot write Kamailio's Redis login: " + e.getMessage(), e);
            }
        }
        return login;
    }

    /** The file to import; it exists only when Redis has a password. */
    Path file() {
        return dir.resolve("redis-login.cfg");
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new HarnessException("cannot delete " + file() + ", which holds the Redis password: "
                    + e.getMessage(), e);
        }
    }
}
