package io.fedsim.simulation.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The per-round charts of one run, from its metrics.csv: each is drawn only when its columns are there
 * and hold data (a run without privacy has no epsilon chart, a run where no client failed no failures
 * chart), so a report never shows an empty plot.
 */
final class RoundCharts {
    /** Columns counting clients lost or set aside in a round, with how the failures chart names them. */
    static final List<String[]> FAILURE_COLUMNS = List.of(new String[] {"clients_failed", "failed"},
            new String[] {"clients_dropped", "dropped out"}, new String[] {"clients_straggled", "straggled (too late)"},
            new String[] {"updates_rejected", "updates rejected"});

    private RoundCharts() {
    }

    static List<Figure> all(String name, CsvTable metrics, String delta) {
        List<Figure> figures = new ArrayList<>();
        double[] rounds = metrics.required("round");
        accuracy(name, rounds, metrics).ifPresent(figures::add);
        loss(name, rounds, metrics).ifPresent(figures::add);
        metrics.numbers("sim_seconds").ifPresent(t -> accuracyOverTime(name, t, metrics).ifPresent(figures::add));
        metrics.numbers("epsilon").ifPresent(e -> epsilon(name, rounds, e, delta).ifPresent(figures::add));
        bytes(name, rounds, metrics).ifPresent(figures::add);
        failures(name, rounds, metrics).ifPresent(figures::add);
        return figures;
    }

    static Optional<Figure> accuracy(String name, double[] rounds, CsvTable metrics) {
        double[][] points = ChartStyle.finite(rounds, metrics.required("test_accuracy"));
        if (points[0].length == 0) {
            return Optional.empty();
        }
        XYChart chart = ChartStyle.xy(name + ": test accuracy per round", "round", "test accuracy (fraction correct)");
        ChartStyle.line(chart, 0, "test accuracy (central test set)", points[0], points[1]);
        ChartStyle.yRange(chart, 0, 1, points[1]);
        return Optional.of(new Figure("accuracy.png", "Accuracy of the global model on the central test set, "
                + "in each evaluated round.", ChartStyle.png(chart)));
    }

    static Optional<Figure> loss(String name, double[] rounds, CsvTable metrics) {
        double[][] train = ChartStyle.finite(rounds, metrics.numbers("train_loss").orElse(new double[0]));
        double[][] test = ChartStyle.finite(rounds, metrics.numbers("test_loss").orElse(new double[0]));
        if (train[0].length == 0 && test[0].length == 0) {
            return Optional.empty();
        }
        XYChart chart = ChartStyle.xy(name + ": loss per round", "round", "cross-entropy loss (nats per sample)");
        if (test[0].length > 0) {
            ChartStyle.line(chart, 0, "test loss (global model, central test set)", test[0], test[1]);
        }
        if (train[0].length > 0) {
            ChartStyle.line(chart, 1, "train loss (mean over the cohort's local training)", train[0], train[1]);
        }
        ChartStyle.yRange(chart, 0, Double.POSITIVE_INFINITY, test[1], train[1]);
        return Optional.of(new Figure("loss.png", "Test loss of the global model and the clients' mean training "
                + "loss, per round.", ChartStyle.png(chart)));
    }

    static Optional<Figure> accuracyOverTime(String name, double[] simSeconds, CsvTable metrics) {
        double[][] points = ChartStyle.finite(simSeconds, metrics.required("test_accuracy"));
        if (points[0].length == 0) {
            return Optional.empty();
        }
        TimeUnit unit = TimeUnit.forMax(Arrays.stream(points[0]).max().orElse(0));
        XYChart chart = ChartStyle.xy(name + ": test accuracy against simulated time",
                "simulated time (" + unit.label + ")", "test accuracy (fraction correct)");
        ChartStyle.line(chart, 0, "test accuracy", Arrays.stream(points[0]).map(s -> s / unit.seconds).toArray(),
                points[1]);
        ChartStyle.yRange(chart, 0, 1, points[1]);
        return Optional.of(new Figure("accuracy-time.png", "Test accuracy against the simulated time at the end of "
                + "each evaluated round (device speeds and network, not this machine's wall clock).",
                ChartStyle.png(chart)));
    }

    static Optional<Figure> epsilon(String name, double[] rounds, double[] epsilon, String delta) {
        double[][] points = ChartStyle.finite(rounds, epsilon);
        if (points[0].length == 0) {
            return Optional.empty();
        }
        XYChart chart = ChartStyle.xy(name + ": privacy spent per round", "round",
                "epsilon (delta = " + delta + ")");
        ChartStyle.line(chart, 0, "epsilon after the round (RDP accountant)", points[0], points[1]);
        ChartStyle.yFromZero(chart, points[1]);
        return Optional.of(new Figure("epsilon.png", "The privacy budget spent so far, epsilon at delta = " + delta
                + ", after each round; smaller is more private.", ChartStyle.png(chart)));
    }

    static Optional<Figure> bytes(String name, double[] rounds, CsvTable metrics) {
        Optional<double[]> up = metrics.numbers("bytes_up");
        Optional<double[]> down = metrics.numbers("bytes_down");
        if (up.isEmpty() && down.isEmpty()) {
            return Optional.empty();
        }
        double max = 0;
        for (double[] b : List.of(up.orElse(new double[0]), down.orElse(new double[0]))) {
            max = Math.max(max, Arrays.stream(b).filter(Double::isFinite).max().orElse(0));
        }
        ByteUnit unit = ByteUnit.forMax(max);
        XYChart chart = ChartStyle.xy(name + ": communication per round", "round", "bytes per round (" + unit.label + ")");
        List<double[]> ys = new ArrayList<>();
        String[][] directions = {{"bytes_down", "down (server to clients)"}, {"bytes_up", "up (clients to server)"}};
        for (int i = 0; i < directions.length; i++) {
            Optional<double[]> column = metrics.numbers(directions[i][0]);
            if (column.isPresent()) {
                double[][] points = ChartStyle.finite(rounds, column.get());
                double[] scaled = Arrays.stream(points[1]).map(b -> b / unit.bytes).toArray();
                XYSeries s = ChartStyle.line(chart, i, directions[i][1], points[0], scaled);
                // down is drawn first and wider, so that it still shows where up runs along the same values
                s.setLineWidth(i == 0 ? 5f : 2f);
                ys.add(scaled);
            }
        }
        ChartStyle.yFromZero(chart, ys.toArray(new double[0][]));
        return Optional.of(new Figure("bytes.png", "Bytes sent each round: the global model down to the cohort, "
                + "the updates up to the server (" + unit.label + " = " + unit.describe() + ").", ChartStyle.png(chart)));
    }

    /**
     * Failures are rare events: a marker at each round with any (none where there were none), one marker shape
     * per kind, and the run's total in the legend. Lines between them would draw spikes that hide the counts.
     */
    static Optional<Figure> failures(String name, double[] rounds, CsvTable metrics) {
        XYChart chart = ChartStyle.xy(name + ": clients lost per round (rounds with none are blank)", "round",
                "clients in the round");
        chart.getStyler().setYAxisDecimalPattern("#,##0").setMarkerSize(10);
        double max = 0;
        for (int i = 0; i < FAILURE_COLUMNS.size(); i++) {
            String[] column = FAILURE_COLUMNS.get(i);
            Optional<double[]> counts = metrics.numbers(column[0]);
            if (counts.isEmpty()) {
                continue;
            }
            double[] c = counts.get();
            int[] hit = java.util.stream.IntStream.range(0, c.length).filter(r -> c[r] > 0).toArray();
            if (hit.length == 0) {
                continue;
            }
            double total = Arrays.stream(hit).mapToDouble(r -> c[r]).sum();
            String label = String.format(Locale.ROOT, "%s (%,.0f in all)", column[1], total);
            XYSeries s = ChartStyle.line(chart, i, label, Arrays.stream(hit).mapToDouble(r -> rounds[r]).toArray(),
                    Arrays.stream(hit).mapToDouble(r -> c[r]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(ChartStyle.MARKERS[i % ChartStyle.MARKERS.length]);
            max = Math.max(max, Arrays.stream(hit).mapToDouble(r -> c[r]).max().orElse(0));
        }
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.ceil(max * 1.15 + 0.1));
        chart.getStyler().setXAxisMin(rounds.length == 0 ? 0 : rounds[0]).setXAxisMax(rounds.length == 0 ? 1
                : rounds[rounds.length - 1]);
        return Optional.of(new Figure("failures.png", "Clients of each round's cohort that failed, dropped out or "
                + "missed the deadline, and updates the strategy rejected: a marker per round with any.",
                ChartStyle.png(chart)));
    }

    /** Seconds, minutes or hours: whichever keeps the axis numbers short. */
    enum TimeUnit {
        SECONDS("s", 1), MINUTES("min", 60), HOURS("h", 3600);

        final String label;
        final double seconds;

        TimeUnit(String label, double seconds) {
            this.label = label;
            this.seconds = seconds;
        }

        static TimeUnit forMax(double seconds) {
            return seconds >= 3 * 3600 ? HOURS : seconds >= 300 ? MINUTES : SECONDS;
        }
    }

    /** Decimal byte units (1 MB = 10^6 bytes), chosen so the largest value is at least 1. */
    enum ByteUnit {
        B("B", 1), KB("kB", 1e3), MB("MB", 1e6), GB("GB", 1e9);

        final String label;
        final double bytes;

        ByteUnit(String label, double bytes) {
            this.label = label;
            this.bytes = bytes;
        }

        static ByteUnit forMax(double bytes) {
            return bytes >= 1e9 ? GB : bytes >= 1e6 ? MB : bytes >= 1e3 ? KB : B;
        }

        String describe() {
            return this == B ? "bytes" : String.format(Locale.ROOT, "%,.0f bytes", bytes);
        }
    }
}
