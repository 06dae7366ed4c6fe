package dev.callq.bench.testkit;

import java.util.List;

/** What the test JVM has started and not yet reaped: redis-server, kamailio and sipp must never linger. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    public static List<String> alive() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().command().orElse("?"))
                .toList();
    }
}
