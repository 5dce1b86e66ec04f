package io.fedsim.simulation.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * How a partition splits the data: a heatmap of each client's label mix (the share of its samples in each
 * label) from partition.csv (columns client_id, label, count). Up to {@link #MAX_CLIENTS} clients show one column each; beyond that the heatmap
 * shows the first {@link #MAX_CLIENTS} and a histogram of how many labels each client holds summarises all of
 * them, drawn below it in the same image. The shading runs from white (none) to dark blue, so it reads in
 * greyscale.
 */
public final class PartitionChart {
    static final int MAX_CLIENTS = 100;
    /** White to dark blue, darkening fast at first so that a share of a quarter is already clearly blue. */
    private static final Color[] SHADES = {new Color(0xffffff), new Color(0x9ecae1), new Color(0x4292c6),
            new Color(0x08519c), new Color(0x08306b)};

    private PartitionChart() {
    }

    /** Draws the partition in {@code partitionCsv} (client_id, label, count) as a PNG at {@code png}. */
    public static void write(Path partitionCsv, Path png) throws IOException {
        write(partitionCsv, png, "partition");
    }

    /** The same, with the scenario's name opening the title (as in a run's report). */
    public static void write(Path partitionCsv, Path png, String name) throws IOException {
        Files.write(png, png(Counts.of(CsvTable.read(partitionCsv)), name));
    }

    static Figure figure(CsvTable partition, String name) {
        Counts counts = Counts.of(partition);
        String summary = counts.clients().size() > MAX_CLIENTS ? " The first " + MAX_CLIENTS + " of "
                + counts.clients().size() + " clients are shown one by one; the histogram below counts the labels "
                + "each client holds, over all clients." : "";
        return new Figure("partition.png", "The label mix of each client's training data, as the partition split "
                + "it: the share of the client's samples in each label, from white (none) to dark blue (all)." + summary,
                png(counts, name));
    }

    /** Samples per (client, label), clients and labels in the order they first appear (numbers sorted). */
    record Counts(List<String> clients, List<String> labels, long[][] samples) {
        static Counts of(CsvTable table) {
            double[] count = table.required("count");
            Map<String, Integer> clients = new LinkedHashMap<>();
            Map<String, Integer> labels = new LinkedHashMap<>();
            List<String> clientIds = sortedDistinct(table, "client_id");
            List<String> labelIds = sortedDistinct(table, "label");
            clientIds.forEach(c -> clients.put(c, clients.size()));
            labelIds.forEach(l -> labels.put(l, labels.size()));
            long[][] samples = new long[clients.size()][labels.size()];
            for (int r = 0; r < table.size(); r++) {
                samples[clients.get(table.cell(r, "client_id"))][labels.get(table.cell(r, "label"))] += (long) count[r];
            }
            return new Counts(clientIds, labelIds, samples);
        }

        /** How many labels client c holds at least one sample of. */
        int labelsHeld(int c) {
            int held = 0;
            for (long s : samples[c]) {
                held += s > 0 ? 1 : 0;
            }
            return held;
        }
    }

    private static List<String> sortedDistinct(CsvTable table, String column) {
        List<String> values = new ArrayList<>(new java.util.LinkedHashSet<>(table.strings(column)));
        if (values.stream().allMatch(v -> v.matches("-?[0-9]+"))) {
            values.sort(java.util.Comparator.comparingLong(Long::parseLong));
        }
        return values;
    }

    static byte[] png(Counts counts, String name) {
        System.setProperty("java.awt.headless", "true");
        HeatMapChart heat = heatmap(counts, name);
        boolean summarised = counts.clients().size() > MAX_CLIENTS;
        CategoryChart histogram = summarised ? labelsPerClient(counts) : null;
        int height = heat.getHeight() + (summarised ? histogram.getHeight() : 0);
        BufferedImage image = new BufferedImage(ChartStyle.WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        heat.paint(g, heat.getWidth(), heat.getHeight());
        if (summarised) {
            g.translate(0, heat.getHeight());
            histogram.paint(g, histogram.getWidth(), histogram.getHeight());
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not encode the partition chart", e);
        }
    }

    private static HeatMapChart heatmap(Counts counts, String name) {
        int shown = Math.min(MAX_CLIENTS, counts.clients().size());
        int labels = counts.labels().size();
        int height = Math.min(900, Math.max(380, 22 * labels + 180));
        String title = name + ": label mix per client" + (shown < counts.clients().size()
                ? " (first " + shown + " of " + counts.clients().size() + " clients)" : " (" + shown + " clients)");
        HeatMapChart chart = new HeatMapChartBuilder().width(ChartStyle.WIDTH).height(height).title(title)
                .xAxisTitle("client (id)").yAxisTitle("label").build();
        ChartStyle.axes(chart.getStyler());
        // shares rather than counts: one large client would otherwise wash every other client out to white
        List<Number[]> cells = new ArrayList<>();
        for (int c = 0; c < shown; c++) {
            long total = java.util.Arrays.stream(counts.samples()[c]).sum();
            for (int l = 0; l < labels; l++) {
                cells.add(new Number[] {c, l, total == 0 ? 0.0 : (double) counts.samples()[c][l] / total});
            }
        }
        // tick labels for every client would overlap: name about 20 of them, evenly spaced
        int step = Math.max(1, (int) Math.ceil(shown / 20.0));
        List<String> xNames = new ArrayList<>();
        for (int c = 0; c < shown; c++) {
            xNames.add(c % step == 0 ? counts.clients().get(c) : " ".repeat(c % step));
        }
        chart.addSeries("samples", xNames, counts.labels(), cells);
        chart.getStyler().setRangeColors(SHADES).setMin(0).setMax(1).setDrawBorder(shown <= 40)
                .setShowValue(false).setLegendPosition(Styler.LegendPosition.OutsideE)
                .setHeatMapValueDecimalPattern("0%").setPlotContentSize(1.0);
        chart.getStyler().setAxisTicksLineVisible(false).setPlotGridLinesVisible(false);
        return chart;
    }

    private static CategoryChart labelsPerClient(Counts counts) {
        int labels = counts.labels().size();
        List<Integer> held = new ArrayList<>();
        List<Integer> clients = new ArrayList<>();
        for (int k = 1; k <= labels; k++) {
            held.add(k);
            clients.add(0);
        }
        for (int c = 0; c < counts.clients().size(); c++) {
            int k = counts.labelsHeld(c);
            if (k > 0) {
                clients.set(k - 1, clients.get(k - 1) + 1);
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(360)
                .title("labels held per client (all " + counts.clients().size() + " clients)")
                .xAxisTitle("distinct labels a client holds").yAxisTitle("clients").build();
        ChartStyle.axes(chart.getStyler());
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendVisible(false).setSeriesColors(new Color[] {new Color(0x3182bd)});
        chart.addSeries("clients", held, clients);
        return chart;
    }
}
