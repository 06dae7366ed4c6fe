/**
 * The max-rate search behind {@code callq max-rate}: the highest rate one client, pattern and pool
 * sustain, in events/s of synthetic load or calls/s through SIPp, Kamailio and Redis. {@link dev.callq.bench.maxrate.MaxRateSearch} brackets, bisects and confirms;
 * each {@link dev.callq.bench.maxrate.Probe} is a forked run judged by
 * {@link dev.callq.bench.maxrate.SustainedRateRule}; every probe is kept as evidence in
 * {@code max-rate.json}.
 *
 * <p>Option parsing belongs to {@code cli}, the HTML page to {@code report}, the SLO type to
 * {@code measure}. Layer: above {@code run}, a peer of {@code plan} and {@code sweep}.
 */
package dev.callq.bench.maxrate;
