package dev.callq.bench.shard;

import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.result.ShardPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callq merge} refuses a folder whose parts are not each role's shards 0 to N−1 once, naming the
 * shard, with exit 2 and nothing written: merged, a missing consumer's events would read as lost.
 */
class ShardMergeRefusalTest {
    @TempDir
    Path out;

    @Test
    void aMissingConsumerShardIsNamed() throws Exception {
        part("producer-0", "producer", "0/1");
        part("consumer-0", "consumer", "0/2");

        Refusal refusal = merge();

        assertThat(refusal.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(refusal.stderr()).startsWith("callq: error: ").contains("lacks consumer shard 1/2")
                .doesNotContain("\tat ");
        assertThat(out.resolve("summary.json")).doesNotExist();
    }

    @Test
    void anExtraShardOfAnotherCountIsNamed() throws Exception {
        part("producer-0", "producer", "0/1");
        part("consumer-0", "consumer", "0/2");
        part("consumer-1", "consumer", "1/2");
        part("consumer-2", "consumer", "2/3");

        Refusal refusal = merge();

        assertThat(refusal.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(refusal.stderr()).contains("extra consumer shard: consumer-2/part.json is 2/3");
    }

    private record Refusal(int exit, String stderr) {
    }

    private Refusal merge() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute("merge", out.toString());
            return new Refusal(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    private void part(String folder, String role, String shard) throws Exception {
        Path dir = Files.createDirectories(out.resolve(ShardPart.SHARDS_FOLDER).resolve(folder));
        Files.writeString(dir.resolve(ShardPart.FILE_NAME), "{\"role\":\"" + role + "\",\"shard\":\"" + shard
                + "\",\"client\":\"jedis\",\"startMicros\":1}");
    }
}
