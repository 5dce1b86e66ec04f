package io.fedsim.simulation.report;

import io.fedsim.simulation.sweep.SweepPoint;
import io.fedsim.simulation.sweep.SweepRow;
import io.fedsim.simulation.sweep.SweepTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's {@code report.html}: the trade-off chart (tradeoff.png, already in the folder), the sweep's table
 * with a link to each run's own report, and the runs' accuracy (and epsilon) per round on shared axes,
 * each run labelled by its varied values.
 */
public final class SweepReport {

    private SweepReport() {
    }

    /** Rebuilds a finished sweep's report from its folder: sweep.csv and each run's folder. */
    public static Path rebuild(Path dir) throws IOException {
        CsvTable table = CsvTable.read(dir.resolve("sweep.csv"));
        List<String> keys = table.header().stream().filter(c -> !SweepTable.RESULT_COLUMNS.contains(c)).toList();
        List<SweepRow> rows = new ArrayList<>();
        String scenario = dir.getFileName().toString();
        int width = String.valueOf(table.size()).length();
        for (int i = 0; i < table.size(); i++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : keys) {
                values.put(key, table.cell(i, key));
            }
            String runDir = table.cell(i, "run_dir");
            double epsilon = table.required("epsilon")[i];
            double delta = Double.NaN;
            if (Files.isRegularFile(dir.resolve(runDir).resolve("scenario.conf"))) {
                ScenarioDigest digest = ScenarioDigest.read(dir.resolve(runDir));
                scenario = digest.name();
                delta = Double.isNaN(epsilon) ? Double.NaN : digest.scenario().getDouble("privacy.delta");
            }
            rows.add(new SweepRow(new SweepPoint(i + 1, width, values), table.required("final_test_accuracy")[i],
                    table.required("best_test_accuracy")[i], epsilon, delta, (int) table.required("rounds")[i],
                    table.required("wall_seconds")[i], runDir));
        }
        return write(dir, scenario, keys, rows);
    }

    public static Path write(Path dir, String scenario, List<String> keys, List<SweepRow> rows) throws IOException {
        Html page = new Html("FedSim sweep: " + scenario);
        page.heading(1, "FedSim sweep: " + scenario);
        page.paragraph(rows.size() + " runs of " + scenario + ", varying " + String.join(", ", keys) + ".");
        List<Figure> figures = new ArrayList<>();
        Path tradeoff = dir.resolve("tradeoff.png");
        if (Files.isRegularFile(tradeoff)) {
            Figure f = new Figure("tradeoff.png", "Final test accuracy of each run"
                    + (rows.stream().anyMatch(SweepRow::hasFiniteEpsilon) ? " against the epsilon it spent." : "."),
                    Files.readAllBytes(tradeoff));
            page.heading(2, "Trade-off").figure(f);
            figures.add(f);
        }
        List<String> header = new ArrayList<>(keys);
        header.addAll(List.of("final test accuracy", "best test accuracy", "epsilon", "rounds", "wall time (s)", "report"));
        List<List<String>> table = new ArrayList<>();
        List<CompareReport.Run> runs = new ArrayList<>();
        for (SweepRow row : rows) {
            List<String> cells = new ArrayList<>(keys.stream().map(k -> row.point().values().get(k)).toList());
            cells.add(fixed(row.finalTestAccuracy(), 4));
            cells.add(fixed(row.bestTestAccuracy(), 4));
            cells.add(!row.isPrivate() ? "-" : Double.isInfinite(row.epsilon()) ? "inf" : fixed(row.epsilon(), 3));
            cells.add(String.valueOf(row.rounds()));
            cells.add(fixed(row.wallSeconds(), 1));
            Path runDir = dir.resolve(row.runDir());
            boolean hasReport = Files.isRegularFile(runDir.resolve(RunReport.FILE));
            String what = "run " + row.point().index();
            cells.add(hasReport ? Html.link(row.runDir() + "/" + RunReport.FILE, what + " report") : what + " (no report)");
            table.add(cells);
            CsvTable.readIfExists(runDir.resolve("metrics.csv")).ifPresent(m -> runs.add(
                    new CompareReport.Run(row.point().label(), runDir, m)));
        }
        page.heading(2, "Runs").table(header, table, List.of("report"));
        if (!runs.isEmpty()) {
            List<Figure> overlays = CompareReport.overlays(scenario, runs, deltaOf(rows));
            page.heading(2, "Runs per round");
            overlays.forEach(page::figure);
            figures.addAll(overlays);
        }
        return RunReport.save(dir, page, figures);
    }

    private static String deltaOf(List<SweepRow> rows) {
        List<Double> deltas = rows.stream().map(SweepRow::delta).filter(d -> !d.isNaN()).distinct().toList();
        return deltas.size() == 1 ? String.format(Locale.ROOT, "%.0e", deltas.get(0)).replace("e-0", "e-") : "varies";
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
