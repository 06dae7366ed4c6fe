package dev.callq.bench.run;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs a Docker engine (found as Testcontainers finds one: DOCKER_HOST, the default socket).
 * Where none answers it is skipped, with one line on stderr saying so; where CALLQ_REQUIRE_DOCKER=1 (.ci/run
 * sets it once it has started dockerd) it fails instead, so that CI cannot pass by skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
@interface RequiresDocker {

    final class Condition implements ExecutionCondition {
        private static final String WHY = "no Docker engine answers (DOCKER_HOST, or /var/run/docker.sock)";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("a Docker engine answers");
            }
            if ("1".equals(System.getenv("CALLQ_REQUIRE_DOCKER"))) {
                throw new IllegalStateException(WHY + ", and CALLQ_REQUIRE_DOCKER=1 wants the Docker tests run");
            }
            if (context.getTestMethod().isEmpty()) {
                System.err.println(context.getRequiredTestClass().getSimpleName() + " skipped: " + WHY);
            }
            return ConditionEvaluationResult.disabled(WHY);
        }
    }
}
