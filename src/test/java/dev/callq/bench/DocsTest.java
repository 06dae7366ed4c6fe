package dev.callq.bench;

import dev.callq.bench.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README and docs/ say what the code does: their links lead somewhere, and the option and layer lists are whole. */
class DocsTest {
    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    /**
     * Pages other branches write (linked from the README before they land). Empty this set when they are
     * merged: from then on a link to a missing page fails like any other.
     */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HELP_OPTION = Pattern.compile("^\\s{2}(?:(-\\w), )?\\s*(--[a-z0-9-]+)");
    private static final Pattern PAGE_OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][a-z0-9-]*)");

    @Test
    void everyRelativeLinkResolvesToAFileAndHeading() throws IOException {
        List<Path> pages = pages();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue;   // http:, https:, mailto: are not this repository's
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no file " + resolved + ")");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(page + ": " + target + " (no heading #" + anchor + " in " + resolved + "; it has "
                            + anchors(resolved) + ")");
                }
            }
        }
        assertThat(pages).as("pages checked").contains(README, DOCS.resolve("development.md"));
        assertThat(links).as("links checked").isGreaterThan(30);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void theReadmeFitsOnAFewScreens() throws IOException {
        assertThat(Files.readAllLines(README)).as("README.md lines").hasSizeLessThanOrEqualTo(200);
    }

    /** Every option {@code callq run --help} prints is in docs/run-options.md's table, and nothing else is. */
    @Test
    void theRunOptionsPageListsExactlyTheOptionsOfRunHelp() throws IOException {
        Set<String> help = new TreeSet<>();
        for (String line : runHelp().split("\n")) {
            Matcher option = HELP_OPTION.matcher(line);
            if (option.find()) {
                if (option.group(1) != null) {
                    help.add(option.group(1));
                }
                help.add(option.group(2));
            }
        }
        Set<String> page = new TreeSet<>();
        for (String line : Files.readAllLines(DOCS.resolve("run-options.md"))) {
            if (line.startsWith("| `-")) {
                Matcher option = PAGE_OPTION.matcher(line.split("(?<!\\\\)\\|")[1]);
                while (option.find()) {
                    page.add(option.group(1));
                }
            }
        }

        assertThat(help).as("options in callq run --help").contains("--workers", "--fault", "--help").hasSizeGreaterThan(40);
        assertThat(page).as("options in docs/run-options.md").isEqualTo(help);
    }

    /** The layer list in docs/development.md and the root package-info name every package LayersTest knows. */
    @Test
    void theLayerListsNameEveryPackage() throws IOException {
        String development = Files.readString(DOCS.resolve("development.md"));
        String packageInfo = Files.readString(Path.of("src/main/java/dev/callq/bench/package-info.java"));
        List<String> missing = new ArrayList<>();
        for (List<String> layer : LayersTest.LAYERS) {
            for (String pkg : layer) {
                if (pkg.isEmpty()) {
                    continue;
                }
                if (!development.contains("← `" + pkg + "`") && !development.contains("`" + pkg + "` ←")
                        && !development.contains(", `" + pkg + "`") && !development.contains("`" + pkg + "`,")) {
                    missing.add(pkg + " (docs/development.md's layer list)");
                }
                if (!packageInfo.contains("{@code " + pkg + "}")) {
                    missing.add(pkg + " (the root package-info.java)");
                }
            }
        }
        assertThat(missing).as("packages the layer lists leave out").isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> walk = Files.walk(DOCS)) {
            walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The link targets of a page, outside fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    /** The anchors GitHub makes of a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inCode || !heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(java.util.Locale.ROOT);
            StringBuilder slug = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    slug.appendCodePoint(c);
                } else if (c == ' ') {
                    slug.append('-');
                }
            });
            String base = slug.toString();
            int repeat = seen.merge(base, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? base : base + "-" + repeat);
        }
        return anchors;
    }

    private static String runHelp() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("run", "--help")).isZero();
        } finally {
            System.setOut(original);
        }
        return stdout.toString(StandardCharsets.UTF_8);
    }
}
