package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Kamailio config and SIPp scenarios packaged with the harness. Each run copies the ones it
 * uses into its folder, so the run records exactly what it ran and works from a shaded jar.
 */
final class BundledFiles {
    static final String KAMAILIO_CFG = "callq/kamailio/kamailio.cfg";
    static final String UAC_SCENARIO = "callq/sipp-scenarios/uac.xml";
    static final String UAS_SCENARIO = "callq/sipp-scenarios/uas.xml";
    /** The scripts that spell SIPp's command lines; the harness runs SIPp through them, as a user would by hand. */
    static final String UAC_SCRIPT = "callq/sipp-scenarios/uac.sh";
    static final String UAS_SCRIPT = "callq/sipp-scenarios/uas.sh";

    private BundledFiles() {
    }

    /**
     * Copies the resource into {@code runDir} under its file name, unless it is already there; a script
     * ({@code .sh}) is made executable, as it is in the source tree.
     */
    static Path copyInto(Path runDir, String resource) {
        Path target = runDir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.exists(target)) {
            return target;
        }
        try (InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new HarnessException("bundled file " + resource + " is missing from the classpath");
            }
            Files.createDirectories(runDir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (resource.endsWith(".sh") && !target.toFile().setExecutable(true)) {
                throw new HarnessException("cannot make " + target + " executable");
            }
            return target;
        } catch (IOException e) {
            throw new HarnessException("cannot copy " + resource + " into " + runDir + ": " + e.getMessage(), e);
        }
    }
}
