package dev.callq.bench.load;

/**
 * SIP calls of the measured phase, as SIPp counted them, plus Kamailio's failed pushes.
 *
 * @param pushFailures RPUSHes Kamailio could not do (the caller got a 5xx)
 */
public record CallStats(long attempted, long succeeded, long failed, long pushFailures) {
}
