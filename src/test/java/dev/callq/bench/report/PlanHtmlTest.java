package dev.callq.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.callq.bench.report.ReportPages.countOf;
import static dev.callq.bench.report.ReportPages.readSelfContained;
import static org.assertj.core.api.Assertions.assertThat;

/** The plan report rebuilt from a saved plan.json: 1,000 events/s, p99=20ms, exp:4ms, both clients validated. */
class PlanHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void eachClientGetsItsCapacityChartErlangCFiguresAndValidation() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.PLAN, tmp);

        String html = readSelfContained(PlanHtml.write(folder));

        assertThat(html).contains("<h1>callq-bench plan: 1000 events/s, p99=20ms, work exp:4ms</h1>")
                .contains("<p class=\"verdict ok\">jedis: 7 workers · lettuce: 8 workers</p>")
                .contains("<p class=\"headline\">jedis 7 workers: p99 wait predicted 9.36 ms, measured 102.91 ms; "
                        + "lettuce 8 workers: p99 wait predicted 17.61 ms, measured 8.08 ms (objective p99=20ms)</p>")
                .contains("<h2>jedis: 7 workers recommended</h2>").contains("<h2>lettuce: 8 workers recommended</h2>");
        assertThat(countOf(html, "<svg")).isEqualTo(2);
        // plan.json usl: jedis σ 6.67e-4, κ 0, λ 204.14, R² 0.99995; lettuce σ 0, κ 8.2155e-4, N* 34.89, peak 3545.1;
        // the bracketed 90 % intervals come from the bootstrap of its five points with the fixed seed
        assertThat(html).contains("<tr><td>jedis</td><td>5</td><td>0.0007 (0.0000–0.0026)</td>"
                        + "<td>0.000000 (0.000000–0.000627)</td><td>204.1 (195.3–209.2)</td><td>none (κ = 0) (39.8–∞)</td>"
                        + "<td>- (4209–∞)</td><td>306061 (72958–∞)</td><td>0.9999</td>"
                        + "<td>90 %, 1,000 resamples of the residuals</td></tr>")
                .contains("<tr><td>lettuce</td><td>5</td><td>0.0000 (0.0000–0.0534)</td>"
                        + "<td>0.000822 (0.000000–0.003551)</td><td>200.3 (157.8–228.7)</td><td>34.9 (16.8–∞)</td>"
                        + "<td>3545 (1837–∞)</td><td>none (σ = 0) (3969–∞)</td><td>0.9949</td>"
                        + "<td>90 %, 1,000 resamples of the residuals</td></tr>")
                .contains("Bracketed: 90 % bootstrap percentile intervals, 1,000 resamples with seed 42");
        // the band: a polygon filled a quarter opaque in each client's chart (XChart draws legend text as paths)
        assertThat(countOf(html, "fill-opacity:0.25")).isGreaterThanOrEqualTo(2);
        // plan.json erlangC for jedis at 7 workers: A 5.2398, ρ 0.7485, P(wait) 0.3844, mean 986 µs, p99 9359 µs
        assertThat(html).contains("<tr><td>7</td><td>5.24</td><td>0.749</td><td>0.384</td><td>0.99</td><td>9.36</td>"
                        + "<td>yes</td><td>recommended</td></tr>")
                .contains("<tr><td>6</td><td>5.24</td><td>0.873</td><td>0.677</td><td>4.02</td><td>25.03</td>"
                        + "<td>no</td><td></td></tr>")
                .contains("<tr><td>5</td><td>5.24</td><td>≥ 1</td><td>1</td><td>unbounded</td><td>unbounded</td>"
                        + "<td>no</td><td></td></tr>");
        // validation: jedis 7 workers predicted 9.36 ms, measured 102.911 ms; lettuce 8 workers 17.61 against 8.08
        assertThat(html).contains("<tr><td class=\"bad\">7</td><td class=\"bad\">9.36</td><td class=\"bad\">102.91</td>"
                        + "<td class=\"bad\">met</td><td class=\"bad\">MISSED</td>")
                .contains("<tr><td>8</td><td>17.61</td><td>8.08</td><td>met</td><td>met</td>");
        assertThat(html).contains("the machine was busier than its cores");
    }
}
