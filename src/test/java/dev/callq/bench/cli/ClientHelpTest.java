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
}
