package dev.callq.bench.cli;

import dev.callq.bench.driver.QueueDrivers;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The registered clients and their descriptions, at the foot of the help of every command that takes {@code --client}. */
final class ClientHelp {
    private ClientHelp() {
    }

    static void addTo(CommandLine commandLine) {
        for (CommandLine command : commandLine.getSubcommands().values()) {
            if (command.getCommandSpec().findOption("--client") != null) {
                command.getCommandSpec().usageMessage().footer(footer().toArray(String[]::new));
            }
        }
    }

    static List<String> footer() {
        List<String> lines = new ArrayList<>(List.of("", "Clients (--client):"));
        int width = QueueDrivers.NAMES.stream().mapToInt(String::length).max().orElse(0);
        for (QueueDrivers.Registration client : QueueDrivers.registered()) {
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s", client.name(), client.description()));
        }
        lines.add("A client settings file (benchmarks/clients/*.yaml) measures one configuration of a client;");
        lines.add("several clients are comma-separated.");
        return lines;
    }
}
