/**
 * The environment a run needs: finding binaries, free ports, starting and stopping child processes
 * ({@link dev.callq.bench.env.ManagedProcess}), a local redis-server and its readiness checks in plain
 * RESP, and the {@link dev.callq.bench.env.Provenance} every results file records (build, command line,
 * machine). No client library and no SIP belong here: those are {@code driver} and {@code sip}.
 * Layer: above {@code event}, {@code work}, {@code measure} and {@code queueing}; below everything else.
 */
package dev.callq.bench.env;
