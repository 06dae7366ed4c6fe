/**
 * What puts events into the queue: SIP calls through Kamailio ({@link dev.callq.bench.load.SipLoad}) or
 * the open-loop synthetic producer ({@link dev.callq.bench.load.SyntheticLoad}), the offered
 * {@link dev.callq.bench.load.RateProfile}, which of the two a run asks for ({@link dev.callq.bench.load.LoadKind}),
 * and what each load reports of itself. Consuming and measuring the events belong to {@code run}. Layer: above {@code sip}.
 */
package dev.callq.bench.load;
