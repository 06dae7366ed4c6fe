package dev.callq.bench.run;

import dev.callq.bench.options.RunConfig;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.result.Shard;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.ShardPart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/, read with the Kubernetes object model (fabric8) without a cluster, and held to what
 * the sharded run relies on: Indexed Jobs whose completion index is the shard, N the same everywhere,
 * shard arguments that {@code callq run} accepts, one shared results volume, and a merge that waits for
 * every part.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theShardJobsTheRedisAndTheMergeFitTogether() throws IOException {
        Map<String, JsonNode> byName = resources();
        Job producers = YAML.convertValue(byName.get("Job/callq-producers"), Job.class);
        Job consumers = YAML.convertValue(byName.get("Job/callq-consumers"), Job.class);
        Job merge = YAML.convertValue(byName.get("Job/callq-merge"), Job.class);
        Service redisService = YAML.convertValue(byName.get("Service/callq-redis"), Service.class);
        StatefulSet redis = YAML.convertValue(byName.get("StatefulSet/callq-redis"), StatefulSet.class);
        PersistentVolumeClaim results = YAML.convertValue(byName.get("PersistentVolumeClaim/callq-results"),
                PersistentVolumeClaim.class);

        int shards = producers.getSpec().getCompletions();
        String redisAddress = redisService.getMetadata().getName() + ":" + redisService.getSpec().getPorts().get(0).getPort();
        List<List<String>> shardArgs = new ArrayList<>();
        for (Job job : List.of(producers, consumers)) {
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
            assertThat(job.getSpec().getCompletions()).isEqualTo(shards);
            assertThat(job.getSpec().getParallelism()).isEqualTo(shards);
            Container callq = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(callq.getImage()).isEqualTo("callq-bench");
            assertThat(callq.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("JOB_COMPLETION_INDEX");
                assertThat(env.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
            });
            List<String> args = callq.getArgs();
            assertThat(args.get(0)).isEqualTo("run");
            assertThat(args).containsSubsequence("--shard", "$(JOB_COMPLETION_INDEX)/" + shards);
            assertThat(args).containsSubsequence("--redis", redisAddress);
            assertMountsResults(job.getSpec().getTemplate().getSpec(), results);
            // What the pod with completion index 0 runs must be a valid callq run.
            RunConfig config = RunOptions.parse(optionsOfIndexZero(args)).toConfig(Path.of(valueOf(args, "--out")));
            assertThat(config.shard()).isEqualTo(new Shard(0, shards));
            shardArgs.add(args);
        }
        assertThat(RunOptions.parse(optionsOfIndexZero(shardArgs.get(0))).role).isEqualTo(Role.PRODUCER);
        assertThat(RunOptions.parse(optionsOfIndexZero(shardArgs.get(1))).role).isEqualTo(Role.CONSUMER);
        // The shards meet at one barrier: same Redis, results folder, client, load and length.
        for (String option : List.of("--redis", "--out", "--client", "--load", "--rate", "--duration")) {
            assertThat(valueOf(shardArgs.get(1), option)).as(option).isEqualTo(valueOf(shardArgs.get(0), option));
        }

        String out = valueOf(shardArgs.get(0), "--out");
        Container merger = merge.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(merger.getArgs()).containsExactly("merge", out);
        assertThat(merge.getSpec().getTemplate().getSpec().getInitContainers().get(0).getArgs().get(0))
                .contains(out + "/shards/*/" + ShardPart.FILE_NAME).contains("-ge " + 2 * shards);
        assertMountsResults(merge.getSpec().getTemplate().getSpec(), results);

        assertThat(results.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(redisService.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(redis.getSpec().getServiceName()).isEqualTo(redisService.getMetadata().getName());
        assertThat(redis.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(redisService.getSpec().getSelector());
    }

    @Test
    void theKustomizationAppliesEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
        }
    }

    private static void assertMountsResults(PodSpec pod, PersistentVolumeClaim results) {
        assertThat(pod.getVolumes()).anySatisfy(v ->
                assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(results.getMetadata().getName()));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/results"));
    }

    /** The options of {@code callq run} as the pod with completion index 0 gets them, less {@code --out}. */
    private static List<String> optionsOfIndexZero(List<String> args) {
        List<String> options = new ArrayList<>(args.subList(1, args.size()).stream()
                .map(a -> a.replace("$(JOB_COMPLETION_INDEX)", "0")).toList());
        int out = options.indexOf("--out");
        options.subList(out, out + 2).clear();
        return options;
    }

    private static String valueOf(List<String> args, String option) {
        int at = args.indexOf(option);
        assertThat(at).as(option + " in " + args).isNotNegative();
        return args.get(at + 1);
    }

    /** Every resource of every manifest, by kind/name. */
    private static Map<String, JsonNode> resources() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc.has("metadata")) {
                            byName.put(doc.get("kind").asText() + "/" + doc.get("metadata").get("name").asText(), doc);
                        }
                    }
                }
            }
        }
        return byName;
    }
}
