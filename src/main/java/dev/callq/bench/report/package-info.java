/**
 * Reports rebuilt from a results folder's raw files alone: {@code report.html} (self-contained, charts
 * inlined as SVG) for a run, sweep, suite, plan, max-rate search or JMH run, or a folder of another
 * tool's HdrHistogram interval logs, plus {@code summary.md}, {@code summary.csv} and the console tables. Nothing here runs a load or decides a verdict the
 * result model ({@code result}) does not hold. Layer: above {@code compare}, reading every package below; only
 * {@code cli} is above it.
 */
package dev.callq.bench.report;
