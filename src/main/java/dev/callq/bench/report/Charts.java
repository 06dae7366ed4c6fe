package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.report.RunFolder.ClientData;
import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.result.Timeseries;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The report's charts, drawn by XChart and returned as inline SVG markup; empty when there is nothing to draw. */
final class Charts {
    static final String SPECTRUM_TAG = "enqueueToDequeue";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 380;
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** Distinct for readers with the common colour-vision deficiencies (Okabe–Ito). */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), Color.BLACK};

    static {
        // XChart measures text with AWT; a results folder is often rebuilt on a machine without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Latency by percentile as HdrHistogram's plotter draws it: x is 1/(1−percentile) on a log axis, so
     * 90%, 99%, 99.9% … sit one decade apart and the tail gets as much room as the median. The axis plots
     * log10 of it on a linear scale: XChart's log axis cannot take custom tick labels.
     */
    static Optional<String> percentileSpectrum(List<ClientData> clients) {
        XYChart chart = chart("enqueue → dequeue latency by percentile", "percentile", "latency (µs)");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::ninesLabel);
        double maxDecades = 1;
        for (ClientData client : clients) {
            Histogram histogram = client.cumulativeByTag().get(SPECTRUM_TAG);
            if (histogram == null || histogram.getTotalCount() == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
                double fraction = value.getPercentileLevelIteratedTo() / 100.0;
                if (fraction >= 1.0) {
                    break; // 1/(1−1) is infinite; the max is the last finite step's value anyway
                }
                x.add(Math.log10(1.0 / (1.0 - fraction)));
                y.add((double) value.getValueIteratedTo());
            }
            series(chart, client.result().client(), x, y);
            maxDecades = Math.max(maxDecades, Math.ceil(x.get(x.size() - 1)));
        }
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        chart.getStyler().setXAxisMax(maxDecades);
        return Optional.of(svg(chart, "spectrum"));
    }

    /** One per-second figure of the time series, x in seconds from each client's first sample. */
    static Optional<String> perSecond(String id, String title, String yAxisTitle, List<ClientData> clients,
                                      ToDoubleFunction<Timeseries.Second> figure) {
        XYChart chart = chart(title, "seconds since the client's first sample", yAxisTitle);
        boolean any = false;
        double top = 0;
        for (ClientData client : clients) {
            List<Timeseries.Second> seconds = client.seconds();
            if (seconds.isEmpty()) {
                continue;
            }
            long first = seconds.get(0).epochSecond();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Timeseries.Second sample : seconds) {
                x.add((double) (sample.epochSecond() - first));
                y.add(figure.applyAsDouble(sample));
                top = Math.max(top, y.get(y.size() - 1));
            }
            series(chart, client.result().client(), x, y);
            any = true;
        }
        if (any) {
            faultBands(chart, clients, Math.max(1, top));
        }
        return any ? Optional.of(svg(chart, id)) : Optional.empty();
    }

    /**
     * Each fault of each client as a shaded band from its start to its end, on the client's time axis; a
     * fault that is over at once (a crash, a restart) gets a band half a second wide so that it shows.
     */
    private static void faultBands(XYChart chart, List<ClientData> clients, double top) {
        Color shade = new Color(0x99, 0x99, 0x99, 0x66);
        for (ClientData client : clients) {
            if (client.result().faults() == null || client.seconds().isEmpty()) {
                continue;
            }
            long first = client.seconds().get(0).epochSecond();
            for (FaultRecord fault : client.result().faults()) {
                if (fault.startedAtMicros() == 0) {
                    continue;
                }
                double start = fault.startedAtMicros() / 1e6 - first;
                double end = Math.max(fault.endedAtMicros() / 1e6 - first, start + 0.5);
                String name = (clients.size() > 1 ? client.result().client() + " " : "") + "fault " + fault.spec();
                if (chart.getSeriesMap().containsKey(name)) {
                    continue;
                }
                XYSeries band = chart.addSeries(name, List.of(start, end), List.of(top, top));
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                band.setFillColor(shade);
                band.setLineColor(shade);
                band.setMarker(SeriesMarkers.NONE);
            }
        }
    }

    /**
     * One line of an x–y chart: {@code measured} points are markers without a line (a measurement at a
     * few settings); otherwise a line without markers (a fitted curve, a marked value). Lines with the
     * same {@code colour} belong together, such as one client's points and its fitted curve.
     */
    record Line(String name, List<Double> x, List<Double> y, boolean measured, int colour) {
    }

    /**
     * A shaded region between {@code low} and {@code high} over {@code x}, such as a confidence band
     * around a fitted curve; drawn in {@code colour}, translucent, behind the lines.
     */
    record Band(String name, List<Double> x, List<Double> low, List<Double> high, int colour) {
    }

    /** An x–y chart of the given lines; empty when there is none. */
    static Optional<String> xy(String id, String title, String xAxisTitle, String yAxisTitle, List<Line> lines) {
        return xy(id, title, xAxisTitle, yAxisTitle, lines, List.of());
    }

    /** An x–y chart of the given bands and lines; empty when there is no line. */
    static Optional<String> xy(String id, String title, String xAxisTitle, String yAxisTitle, List<Line> lines,
                               List<Band> bands) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = chart(title, xAxisTitle, yAxisTitle);
        for (Band band : bands) {
            polygon(chart, band);
        }
        for (Line line : lines) {
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setLineColor(colour(line.colour()));
            series.setMarkerColor(colour(line.colour()));
            if (line.measured()) {
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarker(SeriesMarkers.CIRCLE);
            } else {
                series.setMarker(SeriesMarkers.NONE);
            }
        }
        chart.getStyler().setMarkerSize(8);
        return Optional.of(svg(chart, id));
    }

    /** The band as one closed polygon: along the low edge, then back along the high edge. */
    private static void polygon(XYChart chart, Band band) {
        List<Double> x = new ArrayList<>(band.x());
        List<Double> y = new ArrayList<>(band.low());
        for (int i = band.x().size() - 1; i >= 0; i--) {
            x.add(band.x().get(i));
            y.add(band.high().get(i));
        }
        Color solid = colour(band.colour());
        Color shade = new Color(solid.getRed(), solid.getGreen(), solid.getBlue(), 0x40);
        XYSeries series = chart.addSeries(band.name(), x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setFillColor(shade);
        series.setLineColor(shade);
        series.setMarker(SeriesMarkers.NONE);
    }

    /** Grouped bars: one group per category, one bar per series in it; empty when there is no category. */
    static Optional<String> bars(String id, String title, String yAxisTitle, List<String> categories,
                                 Map<String, List<Double>> valuesBySeries) {
        return bars(id, title, yAxisTitle, categories, valuesBySeries, false);
    }

    /** Stacked bars: one bar per category, its series stacked in order from the axis up. */
    static Optional<String> stackedBars(String id, String title, String yAxisTitle, List<String> categories,
                                        Map<String, List<Double>> valuesBySeries) {
        return bars(id, title, yAxisTitle, categories, valuesBySeries, true);
    }

    private static Optional<String> bars(String id, String title, String yAxisTitle, List<String> categories,
                                         Map<String, List<Double>> valuesBySeries, boolean stacked) {
        if (categories.isEmpty() || valuesBySeries.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT + 40 + 6 * longest(categories))
                .title(title).yAxisTitle(yAxisTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setStacked(stacked);
        int index = 0;
        for (Map.Entry<String, List<Double>> series : valuesBySeries.entrySet()) {
            chart.addSeries(series.getKey(), categories, series.getValue()).setFillColor(colour(index++));
        }
        return Optional.of(svg(chart, id));
    }

    private static int longest(List<String> labels) {
        return labels.stream().mapToInt(String::length).max().orElse(0);
    }

    private static Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** 1 → "90%", 3 → "99.9%": the percentile whose 1/(1−p) is 10^decades; blank between whole decades. */
    static String ninesLabel(Double decades) {
        long whole = Math.round(decades);
        if (Math.abs(decades - whole) > 1e-9 || whole < 0) {
            return "";
        }
        if (whole == 0) {
            return "0%";
        }
        if (whole <= 2) {
            return whole == 1 ? "90%" : "99%";
        }
        return "99." + "9".repeat((int) whole - 2) + "%";
    }

    private static XYChart chart(String title, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(false)
                .setMarkerSize(4);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static void series(XYChart chart, String name, List<Double> x, List<Double> y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    /**
     * The chart as SVG markup for inlining: without the XML prolog and doctype, and with its element ids
     * prefixed, because several SVGs in one page share one id space and clip paths would cross over.
     */
    private static String svg(Chart<?, ?> chart, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new HarnessException("cannot draw chart " + id + ": " + e.getMessage(), e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        svg = svg.substring(svg.indexOf("<svg"));
        return svg.replace("id=\"", "id=\"" + id + "-")
                .replace("url(#", "url(#" + id + "-")
                .replace("href=\"#", "href=\"#" + id + "-");
    }
}
