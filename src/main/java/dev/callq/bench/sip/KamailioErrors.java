package dev.callq.bench.sip;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * Kamailio's own failures during the measured phase: the named causes of failed calls.
 *
 * @param outOfSharedMemory log lines saying the shared memory pool is exhausted (raise --kamailio-shm-mb)
 * @param redisFailures     Redis commands ndb_redis could not complete (refused, timed out, error reply)
 * @param relayTimeouts     relayed requests with no final reply before tm's timer fired (a counter of the
 *                          bundled script; null when the script keeps no such counter)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KamailioErrors(long outOfSharedMemory, long redisFailures, Long relayTimeouts) {
    // Kamailio 5.6 says "could not allocate shared memory from shm pool"; older releases "no more shm memory".
    static final List<String> OUT_OF_SHARED_MEMORY = List.of("could not allocate shared memory", "no more shm memory");
    // One line per failed redis_cmd(), whatever the reason; the connect errors before it are not counted twice.
    static final String REDIS_FAILURE = "ERROR: ndb_redis";
    static final String REDIS_FAILURE_FUNCTION = "redisc_exec()";

    /** Counts the errors in Kamailio's log lines. */
    static KamailioErrors count(List<String> logLines, Long relayTimeouts) {
        long outOfMemory = 0;
        long redis = 0;
        for (String line : logLines) {
            if (OUT_OF_SHARED_MEMORY.stream().anyMatch(line::contains)) {
                outOfMemory++;
            }
            if (line.contains(REDIS_FAILURE) && line.contains(REDIS_FAILURE_FUNCTION)) {
                redis++;
            }
        }
        return new KamailioErrors(outOfMemory, redis, relayTimeouts);
    }

    /** The causes as one phrase, e.g. "Kamailio out of shared memory 12 times", or empty when none. */
    public String describe() {
        List<String> causes = new ArrayList<>();
        if (outOfSharedMemory > 0) {
            causes.add("Kamailio out of shared memory " + outOfSharedMemory + " times (raise --kamailio-shm-mb)");
        }
        if (redisFailures > 0) {
            causes.add(redisFailures + " Redis commands failed in ndb_redis (see kamailio.log)");
        }
        if (relayTimeouts != null && relayTimeouts > 0) {
            causes.add(relayTimeouts + " relayed requests timed out in tm");
        }
        return String.join("; ", causes);
    }
}
