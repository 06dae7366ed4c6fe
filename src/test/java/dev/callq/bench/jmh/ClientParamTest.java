package dev.callq.bench.jmh;

import dev.callq.bench.driver.QueueDrivers;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import static org.assertj.core.api.Assertions.assertThat;

/** The JMH benchmarks' client parameter, which JMH needs as constants, lists exactly the registered clients. */
class ClientParamTest {
    @Test
    void theClientParamListsEveryRegisteredClient() throws NoSuchFieldException {
        Param param = QueueClientState.class.getField("client").getAnnotation(Param.class);

        assertThat(param.value()).containsExactlyElementsOf(QueueDrivers.NAMES);
    }
}
