package io.fedsim.simulation.output;

import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import io.fedsim.coordinator.evaluation.ClientEvaluation;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes {@code clients.csv}: one row per client and federated evaluation, flushed as each evaluation
 * ends (like metrics.csv). {@code samples} counts the client's local test samples; losses and accuracy
 * are empty when it has none. {@link #HEADER} is the contract the report reads.
 */
public final class ClientsWriter implements RunListener, Closeable {

    public static final String HEADER = "round,client_id,samples,train_loss,test_loss,test_accuracy";

    private final BufferedWriter csv;

    public ClientsWriter(Path dir) throws IOException {
        csv = Files.newBufferedWriter(dir.resolve("clients.csv"), StandardCharsets.UTF_8);
        csv.write(HEADER);
        csv.newLine();
        csv.flush();
    }

    private ClientsWriter(BufferedWriter csv) {
        this.csv = csv;
    }

    /** Goes on writing the clients.csv of a resumed run after its last row. */
    public static ClientsWriter continuing(Path dir) throws IOException {
        return new ClientsWriter(Files.newBufferedWriter(dir.resolve("clients.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    @Override
    public void onRound(RoundRecord record) {
    }

    @Override
    public void onClientEvaluations(int round, List<ClientEvaluation> evaluations) {
        try {
            for (ClientEvaluation e : evaluations) {
                csv.write(round + "," + e.clientId() + "," + e.samples() + "," + cell(e.trainLoss()) + ","
                        + cell(e.testLoss()) + "," + cell(e.testAccuracy()));
                csv.newLine();
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the client evaluations of round " + round, e);
        }
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Json.number(v);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
