package dev.callq.bench.run;

import java.util.List;

/** What the test JVM has started and not yet reaped: redis-server, kamailio and sipp must never linger. */
final class ChildProcesses {
    private ChildProcesses() {
    }

    static List<String> alive() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().command().orElse("?"))
                .toList();
    }
}
