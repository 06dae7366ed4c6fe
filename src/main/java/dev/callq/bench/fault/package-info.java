/**
 * The {@code --fault} kinds, done to a run's measured phase: each spelled once in
 * {@link dev.callq.bench.fault.FaultSpec}, made by {@link dev.callq.bench.fault.Faults} (which also says which
 * a setup supports), timed and undone by {@link dev.callq.bench.fault.FaultInjector}, and judged afterwards by
 * how long the run took to get over it ({@link dev.callq.bench.fault.Recovery}). A fault acts on what
 * {@link dev.callq.bench.fault.Fault.Targets} hands it: the Redis and Sentinels callq started, the network
 * proxies between the run and Redis ({@link dev.callq.bench.fault.RedisLinks}), the workers it may kill
 * ({@link dev.callq.bench.fault.CrashableWorkers}), and the command counters bridged across the servers a fault
 * swaps ({@link dev.callq.bench.fault.CountersAcrossServers}). Layer: above {@code result}, whose
 * {@code FaultRecord} and time series it writes and reads; below {@code run}, which owns the pool and the phases.
 */
package dev.callq.bench.fault;
