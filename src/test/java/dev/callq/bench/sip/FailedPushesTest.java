package dev.callq.bench.sip;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailedPushesTest {
    @Test
    void theScriptsLogLinesNameEachFailedPushByMethodAndCallId() {
        FailedPushes failures = FailedPushes.parse(List.of(
                " 3(41) ERROR: <script>: CALLQ_PUSH_FAILED method=INVITE callId=call-1-7@127.0.0.1 key=callq:events",
                " 3(41) ERROR: <script>: CALLQ_PUSH_FAILED method=BYE callId=call-2-9@127.0.0.1 key=callq:events",
                " 3(41) INFO: <core> something else entirely",
                " 3(41) ERROR: <script>: CALLQ_PUSH_FAILED from a script that names nothing"));

        assertThat(failures.invites()).containsExactly("call-1-7@127.0.0.1");
        assertThat(failures.byes()).containsExactly("call-2-9@127.0.0.1");
        assertThat(failures.unnamed()).isEqualTo(1);
        assertThat(failures.total()).isEqualTo(3);
    }
}
