package io.fedsim.simulation.report;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code report.html} of one run, rebuilt from its results folder alone: the scenario in a few lines, then
 * the charts its files hold data for (accuracy and loss per round, against simulated time, epsilon, the
 * partition, accuracy across clients with fairness figures, bytes, failures). Each chart is also written to
 * {@code charts/}.
 */
public final class RunReport {
    public static final String FILE = "report.html";

    private RunReport() {
    }

    /** Writes report.html and charts/ into the results folder {@code dir}; returns the report's path. */
    public static Path write(Path dir) throws IOException {
        ScenarioDigest digest = ScenarioDigest.read(dir);
        Optional<CsvTable> metrics = CsvTable.readIfExists(dir.resolve("metrics.csv"));
        Optional<CsvTable> clients = CsvTable.readIfExists(dir.resolve("clients.csv"));
        Path partition = dir.resolve("partition.csv");
        String name = digest.name();
        Html page = new Html("FedSim report: " + name);
        page.heading(1, "FedSim report: " + name);
        page.note("Results folder " + dir.toAbsolutePath().normalize() + "; report by FedSim " + Version.current() + ".");
        page.digest(digest.lines());

        List<Figure> figures = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (metrics.isPresent()) {
            List<Figure> rounds = RoundCharts.all(name, metrics.get(), digest.delta());
            section(page, "Accuracy and loss", rounds, "accuracy.png", "loss.png", "accuracy-time.png");
            section(page, "Privacy", rounds, "epsilon.png");
            figures.addAll(rounds);
        } else {
            missing.add("metrics.csv (no per-round charts)");
        }
        if (Files.isRegularFile(partition)) {
            Figure f = PartitionChart.figure(partition, name);
            page.heading(2, "Data partition").figure(f);
            figures.add(f);
        } else {
            missing.add("partition.csv (no partition chart)");
        }
        if (clients.isPresent()) {
            clientsSection(page, name, clients.get()).ifPresent(figures::add);
        } else {
            missing.add("clients.csv (no per-client accuracy: it comes from federated evaluation)");
        }
        if (metrics.isPresent()) {
            List<Figure> rounds = figures.stream().filter(f -> f.file().equals("bytes.png")
                    || f.file().equals("failures.png")).toList();
            section(page, "Communication", rounds, "bytes.png");
            section(page, "Failures and dropouts", rounds, "failures.png");
        }
        if (!missing.isEmpty()) {
            page.note("Not in this folder: " + String.join("; ", missing) + ".");
        }
        return save(dir, page, figures);
    }

    /** Writes the page as report.html and each figure as charts/FILE in {@code dir}. */
    static Path save(Path dir, Html page, List<Figure> figures) throws IOException {
        Path charts = dir.resolve("charts");
        Files.createDirectories(charts);
        for (Figure f : figures) {
            Files.write(charts.resolve(f.file()), f.png());
        }
        Path report = dir.resolve(FILE);
        Files.writeString(report, page.render(), StandardCharsets.UTF_8);
        return report;
    }

    private static void section(Html page, String title, List<Figure> figures, String... files) {
        List<Figure> chosen = new ArrayList<>();
        for (String file : files) {
            figures.stream().filter(f -> f.file().equals(file)).forEach(chosen::add);
        }
        if (!chosen.isEmpty()) {
            page.heading(2, title);
            chosen.forEach(page::figure);
        }
    }

    private static Optional<Figure> clientsSection(Html page, String name, CsvTable clients) {
        List<ClientCharts.RoundSpread> spreads;
        try {
            spreads = ClientCharts.spreads(clients);
        } catch (FedSimException e) {
            page.heading(2, "Accuracy across clients").note(e.getMessage());
            return Optional.empty();
        }
        Optional<Figure> figure = ClientCharts.accuracyBands(name, spreads);
        if (figure.isEmpty()) {
            return figure;
        }
        page.heading(2, "Accuracy across clients").figure(figure.get());
        List<List<String>> rows = new ArrayList<>();
        for (ClientCharts.RoundSpread s : ClientCharts.tableRows(spreads)) {
            Fairness f = s.fairness();
            rows.add(List.of(String.valueOf(s.round()), String.valueOf(f.clients()), fixed(f.mean()),
                    fixed(s.quantile(0.5)), fixed(f.worst10()), fixed(s.sortedAccuracies()[0]), fixed(f.stdDev()),
                    fixed(f.jain())));
        }
        page.table(List.of("round", "clients", "mean", "median", "worst 10% (mean)", "worst", "std. dev.",
                "Jain's index"), rows, List.of());
        page.note("Fairness across clients with local test data: each client counts once. Worst 10% is the mean "
                + "accuracy of the floor(n / 10) least accurate clients (at least one); Jain's index "
                + "(sum a)^2 / (n sum a^2) is 1 when every client has the same accuracy and 1/n when one client has it all.");
        return figure;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
