/**
 * The SIP side of a run: Kamailio with ndb_redis started from the command line (or one the user started),
 * the SIPp UAC and UAS, their bundled config and scenarios (or the user's, checked up front), and reading
 * back what SIPp counted, when it sent each INVITE, its post-dial delays and how calls were answered.
 * Deciding how much load to offer belongs to {@code load}; Redis clients belong to {@code driver}.
 * Layer: above {@code driver} and {@code env}.
 */
package dev.callq.bench.sip;
