package dev.callq.bench.cli;

import dev.callq.bench.driver.QueueDrivers;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Help for --client comes from the driver registry, never from a hand-written list of names. */
class ClientHelpTest {
    @Test
    void everyCommandTakingAClientListsEachRegisteredClientWithItsDescription() {
        CommandLine callq = new CommandLine(new Main());
        ClientHelp.addTo(callq);

        for (String command : new String[] {"run", "plan", "max-rate"}) {
            String help = callq.getSubcommands().get(command).getUsageMessage();
            for (QueueDrivers.Registration client : QueueDrivers.registered()) {
                assertThat(help).as(command + " --help")
                        .containsPattern("  " + client.name() + " +" + Pattern.quote(client.description()));
            }
        }
        assertThat(callq.getSubcommands().get("report").getUsageMessage()).doesNotContain("Clients (--client)");
    }

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        CommandLine callq = new CommandLine(new Main());
        ClientHelp.addTo(callq);
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            callq.getUsageMessage();
            callq.getSubcommands().values().forEach(CommandLine::getUsageMessage);
        } finally {
            System.setErr(original);
        }

        // picocli formats descriptions with String.format: a bare "99.9 % confidence" is a broken "% c".
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
    }
}
