package dev.callq.bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * A library's version from the Maven metadata inside its jar. Manifests are not to be trusted here:
 * the shaded jar keeps only its own, so the client's Implementation-Version is gone.
 */
public final class LibraryVersion {
    private LibraryVersion() {
    }

    public static String of(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = LibraryVersion.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
