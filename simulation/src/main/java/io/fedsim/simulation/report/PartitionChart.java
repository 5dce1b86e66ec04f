package io.fedsim.simulation.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import io.fedsim.core.FedSimException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        Files.write(png, png(Counts.read(partitionCsv), name));
    }

    /** The chart of partition.csv, read a line at a time (a million clients write ten million rows). */
    static Figure figure(Path partitionCsv, String name) throws IOException {
        return figure(Counts.read(partitionCsv), name);
    }

    static Figure figure(CsvTable partition, String name) {
        return figure(Counts.of(partition), name);
    }

    private static Figure figure(Counts counts, String name) {
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
            List<String> clientIds = table.strings("client_id");
            List<String> labelIds = table.strings("label");
            Tally tally = new Tally();
            for (int r = 0; r < table.size(); r++) {
                tally.add(clientIds.get(r), labelIds.get(r), (long) count[r]);
            }
            return tally.counts();
        }

        /** The same from the file, one line at a time, without holding its rows. */
        static Counts read(Path csv) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                String first = in.readLine();
                if (first == null) {
                    throw new FedSimException(csv + ": empty; expected a header line of column names");
                }
                List<String> header = CsvTable.split(first);
                int client = column(csv, header, "client_id");
                int label = column(csv, header, "label");
                int count = column(csv, header, "count");
                Tally tally = new Tally();
                int lineNo = 1;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> cells = CsvTable.split(line);
                    if (cells.size() != header.size()) {
                        throw new FedSimException(csv + ":" + lineNo + ": " + cells.size() + " cells; the header names "
                                + header.size() + " columns");
                    }
                    try {
                        tally.add(cells.get(client), cells.get(label), (long) Double.parseDouble(cells.get(count)));
                    } catch (NumberFormatException e) {
                        throw new FedSimException(csv + ":" + lineNo + ": count: '" + cells.get(count) + "' is not a number");
                    }
                }
                return tally.counts();
            }
        }

        private static int column(Path csv, List<String> header, String name) {
            int c = header.indexOf(name);
            if (c < 0) {
                throw new FedSimException(csv + ": no column '" + name + "'; the header is " + String.join(",", header));
            }
            return c;
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

    /** Samples per (client, label) as rows arrive, in any order; a label is held once, by its first-seen index. */
    private static final class Tally {
        private final Map<String, long[]> byClient = new LinkedHashMap<>();
        private final Map<String, Integer> labels = new LinkedHashMap<>();

        void add(String client, String label, long count) {
            int l = labels.computeIfAbsent(label, x -> labels.size());
            long[] row = byClient.computeIfAbsent(client, c -> new long[Math.max(labels.size(), 1)]);
            if (l >= row.length) {
                row = java.util.Arrays.copyOf(row, labels.size());
                byClient.put(client, row);
            }
            row[l] += count;
        }

        Counts counts() {
            List<String> clientIds = sortedDistinct(byClient.keySet());
            List<String> labelIds = sortedDistinct(labels.keySet());
            int[] column = new int[labels.size()]; // first-seen index -> sorted index
            for (int j = 0; j < labelIds.size(); j++) {
                column[labels.get(labelIds.get(j))] = j;
            }
            long[][] samples = new long[clientIds.size()][labelIds.size()];
            for (int c = 0; c < clientIds.size(); c++) {
                long[] row = byClient.get(clientIds.get(c));
                for (int l = 0; l < row.length; l++) {
                    samples[c][column[l]] += row[l];
                }
            }
            return new Counts(clientIds, labelIds, samples);
        }
    }

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** The values in first-seen order, or in numeric order when they are all integers. */
    private static List<String> sortedDistinct(Collection<String> distinct) {
        List<String> values = new ArrayList<>(distinct);
        if (values.stream().allMatch(v -> INTEGER.matcher(v).matches())) {
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
