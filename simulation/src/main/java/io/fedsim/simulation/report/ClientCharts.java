package io.fedsim.simulation.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-client accuracy over rounds from clients.csv (federated evaluation: each client's accuracy on its
 * own test data): the spread as quantile bands around the median, and the fairness figures per round.
 */
final class ClientCharts {
    private static final Color OUTER_BAND = new Color(0xd6dce4);
    private static final Color INNER_BAND = new Color(0x9aa9bd);

    private ClientCharts() {
    }

    /** One evaluated round's client accuracies, summarised. */
    record RoundSpread(int round, double[] sortedAccuracies, Fairness fairness) {
        double quantile(double p) {
            return Fairness.quantile(sortedAccuracies, p);
        }
    }

    /** The rounds in which clients were evaluated, in order, with their accuracies sorted (clients with test samples). */
    static List<RoundSpread> spreads(CsvTable clients) {
        double[] rounds = clients.required("round");
        double[] accuracy = clients.required("test_accuracy");
        // a client without local test samples has no accuracy to speak of
        double[] samples = clients.numbers("samples").orElse(null);
        Map<Integer, List<Double>> byRound = new TreeMap<>();
        for (int i = 0; i < rounds.length; i++) {
            if (Double.isFinite(accuracy[i]) && (samples == null || samples[i] > 0)) {
                byRound.computeIfAbsent((int) rounds[i], r -> new ArrayList<>()).add(accuracy[i]);
            }
        }
        List<RoundSpread> spreads = new ArrayList<>();
        byRound.forEach((round, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            spreads.add(new RoundSpread(round, sorted, Fairness.of(sorted)));
        });
        return spreads;
    }

    static Optional<Figure> accuracyBands(String name, List<RoundSpread> spreads) {
        if (spreads.isEmpty()) {
            return Optional.empty();
        }
        double[] x = spreads.stream().mapToDouble(RoundSpread::round).toArray();
        int clients = spreads.get(spreads.size() - 1).fairness().clients();
        XYChart chart = ChartStyle.xy(name + ": accuracy across clients (" + clients + " evaluated)", "round",
                "client test accuracy (fraction correct)");
        band(chart, "10%-90% of clients", x, spreads, 0.1, 0.9, OUTER_BAND);
        band(chart, "25%-75% of clients", x, spreads, 0.25, 0.75, INNER_BAND);
        double[] median = quantiles(spreads, 0.5);
        double[] worst = quantiles(spreads, 0.0);
        double[] worst10 = spreads.stream().mapToDouble(s -> s.fairness().worst10()).toArray();
        XYSeries mid = ChartStyle.line(chart, 2, "median client", x, median);
        mid.setLineStyle(SeriesLines.SOLID);
        mid.setLineColor(Color.BLACK);
        mid.setMarkerColor(Color.BLACK);
        ChartStyle.line(chart, 1, "mean of the worst 10%", x, worst10).setLineStyle(SeriesLines.DASH_DASH);
        XYSeries min = ChartStyle.line(chart, 0, "worst client", x, worst);
        min.setLineStyle(SeriesLines.DOT_DOT);
        min.setMarker(SeriesMarkers.NONE);
        ChartStyle.yRange(chart, 0, 1, worst, quantiles(spreads, 1.0));
        return Optional.of(new Figure("client-accuracy.png", "Each client's accuracy on its own test data: the "
                + "median client, the middle half and the middle 80% of clients as shaded bands, the mean of the "
                + "worst 10% and the worst client.", ChartStyle.png(chart)));
    }

    private static double[] quantiles(List<RoundSpread> spreads, double p) {
        return spreads.stream().mapToDouble(s -> s.quantile(p)).toArray();
    }

    /** A shaded area between two quantiles: along the upper one, then back along the lower one. */
    private static void band(XYChart chart, String name, double[] x, List<RoundSpread> spreads, double low,
                             double high, Color fill) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = spreads.get(i).quantile(high);
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = spreads.get(i).quantile(low);
        }
        if (n == 1) {
            // one round: a band needs width, so widen it a little around the single round
            px = new double[] {x[0] - 0.3, x[0] + 0.3, x[0] + 0.3, x[0] - 0.3};
            py = new double[] {py[0], py[0], py[1], py[1]};
        }
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** The rows of the fairness table: the first and last evaluated rounds and four evenly spaced between. */
    static List<RoundSpread> tableRows(List<RoundSpread> spreads) {
        if (spreads.size() <= 6) {
            return spreads;
        }
        List<RoundSpread> rows = new ArrayList<>();
        for (int k = 0; k <= 5; k++) {
            RoundSpread s = spreads.get((int) Math.round(k * (spreads.size() - 1) / 5.0));
            if (!rows.contains(s)) {
                rows.add(s);
            }
        }
        return rows;
    }
}
