package io.fedsim.simulation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look every report chart shares (the sweep's trade-off chart set it): white background, light grid,
 * large fonts, and series told apart by lightness, line style and marker as well as hue, so that a chart
 * printed in greyscale still reads.
 */
final class ChartStyle {
    static final int WIDTH = 900;
    static final int HEIGHT = 480;
    /** Dark to mid tones, alternating, so neighbouring series differ in grey as well as in hue. */
    static final Color[] COLORS = {new Color(0x1f3a93), new Color(0xd35400), new Color(0x000000),
            new Color(0x27ae60), new Color(0x8e44ad), new Color(0x7f8c8d), new Color(0xc0392b)};
    static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
            SeriesLines.DASH_DOT};
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};
    /** Above this many points a series draws no markers: they would merge into a thick line. */
    static final int MAX_MARKED_POINTS = 40;

    private ChartStyle() {
    }

    /** A line chart with the report's look; the legend sits outside the plot so it never hides a curve. */
    static XYChart xy(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        axes(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setMarkerSize(7);
        styler.setXAxisDecimalPattern("#,##0.###").setYAxisDecimalPattern("#,##0.###");
        return chart;
    }

    static void axes(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(true);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17))
                .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13))
                .setLegendBorderColor(Color.WHITE);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14))
                .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    /** Adds the i-th series of a chart with the i-th colour, line style and (for short series) marker. */
    static XYSeries line(XYChart chart, int i, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        Color color = COLORS[i % COLORS.length];
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(LINES[i % LINES.length]);
        s.setLineWidth(2f);
        s.setMarker(x.length <= MAX_MARKED_POINTS ? MARKERS[i % MARKERS.length] : SeriesMarkers.NONE);
        return s;
    }

    /** The points where both x and y are finite numbers, as {x[], y[]}. */
    static double[][] finite(double[] x, double[] y) {
        int[] keep = java.util.stream.IntStream.range(0, Math.min(x.length, y.length))
                .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i])).toArray();
        return new double[][] {Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
                Arrays.stream(keep).mapToDouble(i -> y[i]).toArray()};
    }

    /** Sets the y range to the data's, padded, and never below {@code floor} nor above {@code ceiling}. */
    static void yRange(XYChart chart, double floor, double ceiling, double[]... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] ys : series) {
            for (double y : ys) {
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        if (min > max) {
            return;
        }
        double pad = Math.max((max - min) * 0.08, Math.abs(max) * 0.01 + 1e-9);
        chart.getStyler().setYAxisMin(Math.max(floor, min - pad)).setYAxisMax(Math.min(ceiling, max + pad));
    }

    /** For quantities (bytes, loss, epsilon): the y axis starts at zero, so differences are not magnified. */
    static void yFromZero(XYChart chart, double[]... series) {
        double max = Arrays.stream(series).flatMapToDouble(Arrays::stream).filter(Double::isFinite).max().orElse(1);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(max > 0 ? max * 1.08 : 1.0);
    }

    /**
     * A horizontal legend below the plot does not wrap: when the entries would not fit across the chart, they go
     * in a column to the right of the plot instead.
     */
    static void fitLegend(XYChart chart) {
        int width = chart.getSeriesMap().keySet().stream().mapToInt(name -> 7 * name.length() + 45).sum();
        if (width > WIDTH - 60) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE)
                    .setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    static byte[] png(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            fitLegend(xy);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a chart as PNG", e);
        }
    }
}
