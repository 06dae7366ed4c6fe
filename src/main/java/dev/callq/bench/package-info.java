/**
 * The harness callq-bench: Redis-queue worker pools measured end to end. This root package holds only
 * what every layer may use, such as {@link dev.callq.bench.HarnessException}, the failure a user can
 * act on. Nothing that runs, parses or reports belongs here. The layers, bottom to top:
 * root, then {@code event}, {@code work}, {@code measure}, {@code queueing}; {@code env}, {@code netem};
 * {@code driver}; {@code sip}; {@code load}; {@code result}; {@code fault}; {@code options}; {@code run}; {@code plan}, {@code maxrate}, {@code sweep}, {@code shard};
 * {@code suite}; {@code compare}, {@code history}; {@code report}; {@code cli} (and the JMH benchmarks, {@code jmh}, which
 * nothing imports). A package imports only from its own layer or below ({@code LayersTest}).
 */
package dev.callq.bench;
