package io.fedsim.simulation.report;

import io.fedsim.simulation.sweep.SweepRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's {@code report.html}: the trade-off chart (tradeoff.png, already in the folder), the sweep's table
 * with a link to each run's own report, and the runs' accuracy (and epsilon) per round on shared axes,
 * each run labelled by its varied values.
 */
public final class SweepReport {

    private SweepReport() {
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
        header.addAll(List.of("final test accuracy", "best test accuracy", "epsilon", "rounds", "wall s", "report"));
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
            cells.add(hasReport ? Html.link(row.runDir() + "/" + RunReport.FILE, row.runDir()) : row.runDir());
            table.add(cells);
            CsvTable.readIfExists(runDir.resolve("metrics.csv")).ifPresent(m -> runs.add(
                    new CompareReport.Run(row.point().describe(), runDir, m)));
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
