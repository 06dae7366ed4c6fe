/**
 * Suites: a file of several sweeps run one after the other and gated together against a baseline.
 * Only the suite file and its parsing belong here: each sweep runs in {@code sweep}, the gate is
 * {@code compare}, and the command is {@code cli}. Layer: above {@code sweep}.
 */
package dev.callq.bench.suite;
