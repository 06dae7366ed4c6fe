package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A user's SIPp scenario, checked before the run: the accounting counts calls from SIPp's statistics and
 * expects one event per INVITE (and per BYE with {@code --events invite,bye}), so a UAC scenario must
 * send those requests and a UAS scenario must receive them.
 */
public final class SippScenario {
    /** Which side of the call the scenario plays. */
    public enum Role {
        UAC("--uac-scenario", "user-uac.xml"),
        UAS("--uas-scenario", "user-uas.xml");

        private final String option;
        private final String copyName;

        Role(String option, String copyName) {
            this.option = option;
            this.copyName = copyName;
        }
    }

    private SippScenario() {
    }

    /**
     * Checks that the scenario can drive the accounting.
     *
     * @throws IllegalArgumentException one line naming the file and what it lacks
     */
    public static void check(Path scenario, Role role, EnqueuedEvents events) {
        if (!Files.isReadable(scenario)) {
            throw new IllegalArgumentException(role.option + " " + scenario + " is not a readable file");
        }
        Set<String> methods = role == Role.UAC ? sentRequests(scenario, role) : receivedRequests(scenario, role);
        String verb = role == Role.UAC ? "send" : "receive";
        if (!methods.contains("INVITE")) {
            throw new IllegalArgumentException(role.option + " " + scenario + " does not " + verb
                    + " an INVITE: callq counts calls and their events by the INVITEs");
        }
        if (events.includesBye() && !methods.contains("BYE")) {
            throw new IllegalArgumentException(role.option + " " + scenario + " does not " + verb
                    + " a BYE, but --events invite,bye expects an event for each: use --events invite");
        }
    }

    /** Copies the user's scenario into the run folder, so the run records what it ran. */
    static Path copyInto(Path runDir, Path scenario, Role role) {
        Path target = runDir.resolve(role.copyName);
        try {
            Files.createDirectories(runDir);
            Files.copy(scenario, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new HarnessException("cannot copy " + scenario + " into " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** The methods of the requests in the scenario's {@code <send>} elements (the first word of each message). */
    private static Set<String> sentRequests(Path scenario, Role role) {
        Set<String> methods = new HashSet<>();
        NodeList sends = parse(scenario, role).getElementsByTagName("send");
        for (int i = 0; i < sends.getLength(); i++) {
            String message = sends.item(i).getTextContent().strip();
            String firstWord = message.split("\\s+", 2)[0];
            if (!firstWord.isEmpty() && !firstWord.startsWith("SIP/")) {
                methods.add(firstWord.toUpperCase(Locale.ROOT));
            }
        }
        return methods;
    }

    private static Set<String> receivedRequests(Path scenario, Role role) {
        Set<String> methods = new HashSet<>();
        NodeList receives = parse(scenario, role).getElementsByTagName("recv");
        for (int i = 0; i < receives.getLength(); i++) {
            String request = ((Element) receives.item(i)).getAttribute("request");
            if (!request.isEmpty()) {
                methods.add(request.toUpperCase(Locale.ROOT));
            }
        }
        return methods;
    }

    private static Element parse(Path scenario, Role role) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Scenarios name sipp.dtd, which is not there to read: never fetch or load external files.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(scenario.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException(role.option + " " + scenario + " is not a SIPp scenario (XML): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
