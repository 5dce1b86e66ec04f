package io.fedsim.simulation.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code tradeoff.png}: final test accuracy (y) against epsilon (x), one labelled point per private run;
 * runs without noise (epsilon infinite) or without privacy are dashed horizontal "no DP" reference lines.
 * When no run has a finite epsilon, accuracy is plotted against the first varied key instead. The curve
 * runs along the noise multiplier (or target epsilon) when that is varied, else along the first key; runs
 * that differ in the other varied keys form separate series, each with its own marker and line style, so
 * the chart reads in greyscale.
 */
public final class TradeoffChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};
    /** Dark, distinct hues that stay distinct greys too. */
    private static final Color[] COLORS = {new Color(0x1f4e9c), new Color(0xc0392b), new Color(0x1e8449),
            new Color(0x7d3c98), new Color(0xb9770e), new Color(0x000000), new Color(0x566573)};

    /** Keys that set epsilon: when varied, the chart draws one curve along them per value of the other keys. */
    private static final List<String> EPSILON_KEYS = List.of("privacy.noise-multiplier", "privacy.target-epsilon");

    private TradeoffChart() {
    }

    public static void write(Path png, String scenario, List<String> keys, List<SweepRow> rows) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = build(scenario, keys, rows);
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    static XYChart build(String scenario, List<String> keys, List<SweepRow> rows) {
        List<SweepRow> points = rows.stream().filter(SweepRow::hasFiniteEpsilon).toList();
        boolean tradeoff = !points.isEmpty();
        String driver = tradeoff ? EPSILON_KEYS.stream().filter(keys::contains).findFirst().orElse(keys.get(0))
                : keys.get(0);
        ToDoubleFunction<SweepRow> x = tradeoff ? SweepRow::epsilon : position(driver, rows);
        List<SweepRow> plotted = tradeoff ? points : rows;
        boolean log = tradeoff && logScale(plotted, x);

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(tradeoff ? scenario + ": privacy / accuracy trade-off (" + rows.size() + " runs)"
                        : scenario + ": test accuracy by " + driver + " (" + rows.size() + " runs)")
                .xAxisTitle(tradeoff ? "epsilon (delta = " + delta(points) + "); smaller is more private" : driver)
                .yAxisTitle("test accuracy (final round)").build();
        style(chart.getStyler());
        double[] xRange = range(plotted.stream().mapToDouble(x).toArray(), log);
        double[] yRange = range(rows.stream().mapToDouble(SweepRow::finalTestAccuracy).toArray(), false);
        chart.getStyler().setXAxisLogarithmic(log)
                .setXAxisMin(xRange[0]).setXAxisMax(xRange[1]).setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        if (!tradeoff && !numeric(driver, rows)) {
            List<String> values = rows.stream().map(r -> r.point().values().get(driver)).distinct().toList();
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> label(values, v));
        }
        List<String> others = keys.stream().filter(k -> !k.equals(driver)).toList();
        Map<String, List<SweepRow>> groups = rows.stream().collect(Collectors.groupingBy(
                r -> groupName(others, r), LinkedHashMap::new, Collectors.toList()));
        double[] lines = rows.stream().filter(r -> tradeoff && !r.hasFiniteEpsilon())
                .mapToDouble(SweepRow::finalTestAccuracy).toArray();
        int i = 0;
        for (var group : groups.entrySet()) {
            List<SweepRow> onChart = group.getValue().stream().filter(r -> !tradeoff || r.hasFiniteEpsilon()).toList();
            List<SweepRow> references = group.getValue().stream().filter(r -> tradeoff && !r.hasFiniteEpsilon()).toList();
            String name = !group.getKey().isEmpty() ? group.getKey() : tradeoff ? "private runs" : "runs";
            addSeries(chart, i, name, driver, onChart, x, yRange, lines);
            addReferences(chart, i, group.getKey(), driver, references, xRange, yRange);
            i++;
        }
        return chart;
    }

    private static void style(XYStyler styler) {
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(true);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18))
                .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14))
                .setLegendPosition(Styler.LegendPosition.InsideSE)
                .setLegendLayout(Styler.LegendLayout.Vertical)
                .setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13))
                .setAnnotationTextFontColor(Color.BLACK)
                .setMarkerSize(11);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15))
                .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setYAxisDecimalPattern("0.00").setXAxisDecimalPattern("0.###");
        styler.setSeriesColors(COLORS).setSeriesMarkers(MARKERS).setSeriesLines(LINES);
    }

    /**
     * One group's runs as markers joined in x order, each labelled with its value of the driving key: above
     * the marker, or below it when a "no DP" line runs where the label would be.
     */
    private static void addSeries(XYChart chart, int i, String group, String driver, List<SweepRow> rows,
                                  ToDoubleFunction<SweepRow> x, double[] yRange, double[] lines) {
        if (rows.isEmpty()) {
            return;
        }
        List<SweepRow> sorted = rows.stream().sorted(Comparator.comparingDouble(x)).toList();
        XYSeries series = chart.addSeries(group, sorted.stream().mapToDouble(x).toArray(),
                sorted.stream().mapToDouble(SweepRow::finalTestAccuracy).toArray());
        series.setMarker(MARKERS[i % MARKERS.length]).setMarkerColor(COLORS[i % COLORS.length]);
        series.setLineStyle(LINES[i % LINES.length]).setLineColor(COLORS[i % COLORS.length]);
        double lift = (yRange[1] - yRange[0]) * 0.035;
        for (SweepRow r : sorted) {
            double y = r.finalTestAccuracy();
            boolean blocked = Arrays.stream(lines).anyMatch(line -> line > y && line < y + 2.2 * lift)
                    || y + 2 * lift > yRange[1];
            chart.addAnnotation(new AnnotationText(shortKey(driver) + "=" + r.point().values().get(driver),
                    x.applyAsDouble(r), blocked ? y - lift * 1.2 : y + lift, false));
        }
    }

    /** A dashed horizontal line across the plot at the accuracy of each run without noise, labelled "no DP". */
    private static void addReferences(XYChart chart, int i, String group, String driver, List<SweepRow> rows,
                                      double[] xRange, double[] yRange) {
        for (SweepRow r : rows) {
            String what = shortKey(driver) + "=" + r.point().values().get(driver) + (group.isEmpty() ? "" : ", " + group);
            String name = String.format(Locale.ROOT, "no DP (%s): %.3f", what, r.finalTestAccuracy());
            XYSeries line = chart.addSeries(name, new double[] {xRange[0], xRange[1]},
                    new double[] {r.finalTestAccuracy(), r.finalTestAccuracy()});
            line.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH)
                    .setLineColor(group.isEmpty() ? Color.BLACK : COLORS[i % COLORS.length]).setLineWidth(2f);
            double lift = (yRange[1] - yRange[0]) * 0.03;
            chart.addAnnotation(new AnnotationText(group.isEmpty() ? "no DP" : "no DP, " + group,
                    labelX(xRange, chart.getStyler().isXAxisLogarithmic()), r.finalTestAccuracy() + lift, false));
        }
    }

    /** Where the "no DP" labels go: near the left edge, clear of the axis. */
    private static double labelX(double[] xRange, boolean log) {
        return log ? xRange[0] * Math.pow(xRange[1] / xRange[0], 0.1) : xRange[0] + (xRange[1] - xRange[0]) * 0.1;
    }

    private static String groupName(List<String> keys, SweepRow row) {
        return keys.stream().map(k -> shortKey(k) + "=" + row.point().values().get(k)).collect(Collectors.joining(", "));
    }

    private static String shortKey(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** The key's value as a number, or its position among the values when they are not numbers. */
    private static ToDoubleFunction<SweepRow> position(String key, List<SweepRow> rows) {
        if (numeric(key, rows)) {
            return r -> Double.parseDouble(r.point().values().get(key));
        }
        List<String> values = rows.stream().map(r -> r.point().values().get(key)).distinct().toList();
        return r -> values.indexOf(r.point().values().get(key));
    }

    private static boolean numeric(String key, List<SweepRow> rows) {
        return rows.stream().allMatch(r -> r.point().values().get(key).matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?"));
    }

    private static String label(List<String> values, double position) {
        long i = Math.round(position);
        return Math.abs(position - i) < 1e-9 && i >= 0 && i < values.size() ? values.get((int) i) : "";
    }

    private static boolean logScale(List<SweepRow> rows, ToDoubleFunction<SweepRow> x) {
        double min = rows.stream().mapToDouble(x).min().orElse(1);
        double max = rows.stream().mapToDouble(x).max().orElse(1);
        return min > 0 && max / min > 10;
    }

    /** The data's range with room for labels: a factor on a log axis, a fraction of the span otherwise. */
    private static double[] range(double[] values, boolean log) {
        double min = Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
        double max = Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
        if (log) {
            return new double[] {min / 1.6, max * 1.6};
        }
        double pad = Math.max((max - min) * 0.12, 0.02);
        return new double[] {min - pad, max + pad};
    }

    private static String delta(List<SweepRow> rows) {
        List<Double> deltas = rows.stream().map(SweepRow::delta).distinct().toList();
        return deltas.size() == 1 ? String.format(Locale.ROOT, "%.0e", deltas.get(0)).replace("e-0", "e-") : "varies";
    }
}
