package io.fedsim.simulation.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Test helper: small hand-made results folders, with or without the optional files and columns. */
final class ReportFixtures {
    static final String SCENARIO = """
            name = fixture
            description = "a hand-made results folder"
            rounds = 6
            seed = 7
            data { source = blobs, blobs { features = 4, classes = 3 }, partition { scheme = dirichlet, alpha = 0.5, min-size = 2 } }
            clients { count = 4, fraction = 0.5, local-epochs = 1, batch-size = 10, learning-rate = 0.1 }
            model { type = logreg, hidden = [] }
            strategy { name = fedavg }
            privacy { mode = central, noise-multiplier = 1.0, clip-norm = 0.5, delta = 1.0E-5 }
            """;

    private ReportFixtures() {
    }

    /** metrics.csv with only the base columns: 6 rounds, evaluated every other round. */
    static Path minimal(Path dir) {
        write(dir, "scenario.conf", SCENARIO.replace("mode = central", "mode = none"));
        StringBuilder csv = new StringBuilder("round,clients_sampled,clients_completed,train_loss,test_loss,test_accuracy,"
                + "wall_seconds,clients_failed,round_wall_seconds,skip_reason\n");
        for (int r = 1; r <= 6; r++) {
            boolean evaluated = r % 2 == 0 || r == 6;
            csv.append(String.format(Locale.ROOT, "%d,2,2,%.3f,%s,%s,%.3f,0,0.1,%n", r, 1.0 / r,
                    evaluated ? String.valueOf(1.2 / r) : "", evaluated ? String.valueOf(0.5 + r * 0.05) : "", r * 0.1));
        }
        write(dir, "metrics.csv", csv.toString());
        return dir;
    }

    /** Every file and column the report reads: privacy, simulated time, bytes, failures, clients, partition. */
    static Path full(Path dir) {
        write(dir, "scenario.conf", SCENARIO);
        write(dir, "summary.json", "{\"scenario\":\"fixture\",\"rounds\":6,\"final_test_accuracy\":0.8,"
                + "\"best_test_accuracy\":0.8,\"best_round\":6,\"wall_seconds\":1.5,\"stop_reason\":\"completed 6 rounds\","
                + "\"epsilon\":2.5,\"train_samples\":40,\"test_samples\":12,\"model\":\"logreg 4-3\"}\n");
        StringBuilder csv = new StringBuilder("round,clients_sampled,clients_completed,train_loss,test_loss,test_accuracy,"
                + "wall_seconds,clients_failed,round_wall_seconds,skip_reason,epsilon,bytes_up,bytes_down,clients_dropped,"
                + "clients_straggled,sim_seconds,round_sim_seconds,updates_rejected\n");
        for (int r = 1; r <= 6; r++) {
            csv.append(String.format(Locale.ROOT, "%d,2,2,%.3f,%.3f,%.3f,%.3f,%d,0.1,,%.3f,%d,%d,%d,0,%.1f,12.5,0%n",
                    r, 1.0 / r, 1.2 / r, 0.5 + r * 0.05, r * 0.1, r == 3 ? 1 : 0, 0.4 * r, 2_400_000, 2_400_000,
                    r == 4 ? 1 : 0, 12.5 * r));
        }
        write(dir, "metrics.csv", csv.toString());
        StringBuilder clients = new StringBuilder("round,client_id,samples,train_loss,test_loss,test_accuracy\n");
        for (int r = 2; r <= 6; r += 2) {
            for (int c = 0; c < 4; c++) {
                clients.append(String.format(Locale.ROOT, "%d,%d,10,0.5,0.6,%.2f%n", r, c, 0.4 + 0.1 * c + 0.05 * r));
            }
        }
        write(dir, "clients.csv", clients.toString());
        write(dir, "partition.csv", partition(4, 3));
        return dir;
    }

    /** partition.csv for {@code clients} clients: client c holds labels c mod L and (c + 1) mod L. */
    static String partition(int clients, int labels) {
        StringBuilder csv = new StringBuilder("client_id,label,count\n");
        for (int c = 0; c < clients; c++) {
            for (int l = 0; l < labels; l++) {
                int count = l == c % labels ? 8 : l == (c + 1) % labels ? 2 : 0;
                csv.append(c).append(',').append(l).append(',').append(count).append('\n');
            }
        }
        return csv.toString();
    }

    static Path write(Path dir, String name, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
