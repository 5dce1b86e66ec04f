package io.fedsim.simulation.report;

import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * {@code fedsim compare DIR1 DIR2 ... --out DIR}: several runs on the same axes (test accuracy, test loss
 * and, for private runs, epsilon against rounds). Each run is labelled by the scenario keys in which the
 * runs differ (read from their scenario.conf files) when one to three keys tell them apart, else by its
 * scenario name, else by its folder.
 */
public final class CompareReport {
    /** Above this many differing keys a label made of them is too long to read in a legend. */
    private static final int MAX_LABEL_KEYS = 3;

    private CompareReport() {
    }

    /** One run on the comparison charts. */
    record Run(String label, Path dir, CsvTable metrics) {
    }

    public static Path write(List<Path> dirs, Path out) throws IOException {
        if (dirs.size() < 2) {
            throw new FedSimException("compare: give at least two results folders, got " + dirs.size());
        }
        List<ScenarioDigest> digests = new ArrayList<>();
        List<CsvTable> metrics = new ArrayList<>();
        for (Path dir : dirs) {
            digests.add(ScenarioDigest.read(dir));
            metrics.add(CsvTable.readIfExists(dir.resolve("metrics.csv")).orElseThrow(() -> new FedSimException(
                    dir + ": no metrics.csv; expected a results folder written by fedsim run")));
        }
        List<String> differ = differingKeys(digests);
        List<String> labels = labels(dirs, digests, differ);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            runs.add(new Run(labels.get(i), dirs.get(i), metrics.get(i)));
        }
        Files.createDirectories(out);
        Html page = new Html("FedSim comparison of " + runs.size() + " runs");
        page.heading(1, "FedSim comparison of " + runs.size() + " runs");
        page.paragraph(differ.isEmpty() ? "The runs' scenarios are identical."
                : "The runs' scenarios differ in: " + String.join(", ", differ) + ".");
        page.table(List.of("run", "folder", "final test accuracy", "best test accuracy", "rounds", "epsilon"),
                runs.stream().map(r -> row(r, out)).toList(), List.of("run", "folder"));
        String delta = digests.stream().map(ScenarioDigest::delta).distinct().count() == 1 ? digests.get(0).delta()
                : "varies";
        List<Figure> figures = overlays("comparison", runs, delta);
        figures.forEach(page::figure);
        return RunReport.save(out, page, figures);
    }

    /** Accuracy, loss and (when any run has it) epsilon, one line per run. */
    static List<Figure> overlays(String title, List<Run> runs, String delta) {
        List<Figure> figures = new ArrayList<>();
        overlay(title + ": test accuracy per round", "test accuracy (fraction correct)", "test_accuracy", runs, false)
                .ifPresent(c -> figures.add(new Figure("compare-accuracy.png",
                        "Test accuracy of each run's global model, per evaluated round.", ChartStyle.png(c))));
        overlay(title + ": test loss per round", "cross-entropy loss (nats per sample)", "test_loss", runs, false)
                .ifPresent(c -> figures.add(new Figure("compare-loss.png",
                        "Test loss of each run's global model, per evaluated round.", ChartStyle.png(c))));
        overlay(title + ": privacy spent per round", "epsilon (delta = " + delta + ")", "epsilon", runs, true)
                .ifPresent(c -> figures.add(new Figure("compare-epsilon.png",
                        "Epsilon spent after each round, for the private runs with noise.", ChartStyle.png(c))));
        return figures;
    }

    /** @param fromZero a quantity (epsilon): from zero, or on a log axis when it spans orders of magnitude */
    private static Optional<XYChart> overlay(String title, String yTitle, String column, List<Run> runs,
                                             boolean fromZero) {
        XYChart chart = ChartStyle.xy(title, "round", yTitle);
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Optional<double[]> values = run.metrics().numbers(column);
            if (values.isEmpty()) {
                continue;
            }
            double[][] points = ChartStyle.finite(run.metrics().required("round"), values.get());
            if (points[0].length > 0) {
                ChartStyle.line(chart, i, run.label(), points[0], points[1]);
                ys.add(points[1]);
            }
        }
        if (ys.isEmpty()) {
            return Optional.empty();
        }
        double[][] all = ys.toArray(new double[0][]);
        double min = java.util.Arrays.stream(all).flatMapToDouble(java.util.Arrays::stream).min().orElse(0);
        double max = java.util.Arrays.stream(all).flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
        if (fromZero && min > 0 && max / min > 30) {
            // epsilons of noisy and barely noisy runs differ by orders of magnitude: on a linear axis the
            // private runs would lie flat along zero
            chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(min / 1.5).setYAxisMax(max * 1.5);
            chart.setYAxisTitle(chart.getYAxisTitle() + ", log scale");
        } else if (fromZero) {
            ChartStyle.yFromZero(chart, all);
        } else {
            ChartStyle.yRange(chart, 0, column.equals("test_accuracy") ? 1 : Double.POSITIVE_INFINITY, all);
        }
        return Optional.of(chart);
    }

    private static List<String> row(Run r, Path out) {
        double[] accuracy = r.metrics().numbers("test_accuracy").orElse(new double[0]);
        double last = Double.NaN;
        double best = Double.NaN;
        for (double a : accuracy) {
            if (Double.isFinite(a)) {
                last = a;
                best = Double.isNaN(best) ? a : Math.max(best, a);
            }
        }
        double[] rounds = r.metrics().required("round");
        double[] epsilon = r.metrics().numbers("epsilon").orElse(new double[0]);
        double spent = epsilon.length == 0 ? Double.NaN : epsilon[epsilon.length - 1];
        String eps = Double.isNaN(spent) ? "-" : Double.isInfinite(spent) ? "inf" : String.format(Locale.ROOT, "%.3f", spent);
        Path report = r.dir().resolve(RunReport.FILE);
        String folder = r.dir().toString();
        String cell = Files.isRegularFile(report)
                ? Html.link(relative(out, report), folder) : folder;
        return List.of(r.label(), cell, fixed(last), fixed(best),
                rounds.length == 0 ? "0" : String.valueOf((long) rounds[rounds.length - 1]), eps);
    }

    /** A link from the folder {@code from} to {@code target} that still works when both move together. */
    static String relative(Path from, Path target) {
        return from.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The scenario keys whose values are not the same in every run (name and description aside). */
    static List<String> differingKeys(List<ScenarioDigest> digests) {
        List<String> keys = ScenarioDigest.keysThatDiffer(digests.stream().map(ScenarioDigest::flat).toList());
        keys.removeAll(List.of("name", "description"));
        return keys;
    }

    static List<String> labels(List<Path> dirs, List<ScenarioDigest> digests, List<String> differ) {
        List<String> labels = new ArrayList<>();
        Set<String> names = digests.stream().map(ScenarioDigest::name).collect(Collectors.toSet());
        for (int i = 0; i < dirs.size(); i++) {
            Map<String, String> flat = digests.get(i).flat();
            if (!differ.isEmpty() && differ.size() <= MAX_LABEL_KEYS) {
                labels.add(differ.stream().map(k -> shortKey(k, differ) + "=" + flat.getOrDefault(k, "(unset)"))
                        .collect(Collectors.joining(", ")));
            } else if (names.size() == digests.size()) {
                labels.add(digests.get(i).name());
            } else {
                labels.add(String.valueOf(dirs.get(i).toAbsolutePath().normalize().getFileName()));
            }
        }
        // series names must be unique: a label that repeats gets its folder
        Set<String> seen = new HashSet<>();
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            boolean repeated = labels.stream().filter(label::equals).count() > 1;
            String candidate = repeated ? label + " (" + dirs.get(i).toAbsolutePath().normalize().getFileName() + ")"
                    : label;
            for (int k = 2; !seen.add(candidate); k++) {
                candidate = label + " #" + k;
            }
            unique.add(candidate);
        }
        return unique;
    }

    /** The last part of a key, or the whole key when that part is "name" or repeats among the keys. */
    static String shortKey(String key, List<String> keys) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        long same = keys.stream().filter(k -> k.substring(k.lastIndexOf('.') + 1).equals(last)).count();
        return last.equals("name") || same > 1 ? key : last;
    }
}
