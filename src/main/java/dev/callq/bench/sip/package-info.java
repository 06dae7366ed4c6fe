/**
 * The SIP side of a run: Kamailio with ndb_redis started from the command line, the SIPp UAC and UAS,
 * their bundled config and scenarios, and reading back what SIPp counted and when it sent each INVITE.
 * Deciding how much load to offer belongs to {@code load}; Redis clients belong to {@code driver}.
 * Layer: above {@code driver} and {@code env}.
 */
package dev.callq.bench.sip;
