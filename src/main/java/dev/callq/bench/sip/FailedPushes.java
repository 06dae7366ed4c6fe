package dev.callq.bench.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pushes Kamailio's script reported failed, from its log lines containing {@code CALLQ_PUSH_FAILED}.
 * The bundled script names each one ({@code method=INVITE callId=...}); a script that does not leaves them
 * counted but unnamed.
 *
 * @param invites      Call-IDs of failed INVITE pushes (and of named failures of an unknown method)
 * @param byes         Call-IDs of failed BYE pushes
 * @param unnamed      failures whose line names no Call-ID
 */
public record FailedPushes(List<String> invites, List<String> byes, long unnamed) {
    private static final Pattern METHOD = Pattern.compile("\\bmethod=(\\S+)");
    private static final Pattern CALL_ID = Pattern.compile("\\bcallId=(\\S+)");

    static FailedPushes parse(List<String> logLines) {
        List<String> invites = new ArrayList<>();
        List<String> byes = new ArrayList<>();
        long unnamed = 0;
        for (String line : logLines) {
            if (!line.contains(LocalKamailio.PUSH_FAILED_MARKER)) {
                continue;
            }
            Matcher callId = CALL_ID.matcher(line);
            if (!callId.find()) {
                unnamed++;
                continue;
            }
            Matcher method = METHOD.matcher(line);
            (method.find() && method.group(1).equals("BYE") ? byes : invites).add(callId.group(1));
        }
        return new FailedPushes(List.copyOf(invites), List.copyOf(byes), unnamed);
    }

    public long total() {
        return invites.size() + byes.size() + unnamed;
    }
}
