package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.simulation.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake ends in exit code 2 and one {@code fedsim: error:} message naming the file, key or
 * value, without a stack trace, and leaves no results folder behind.
 */
class BadInputTest {
    private static final int IMAGES = 0x00000803;

    @TempDir
    Path dir;
    CliRuns runs;
    Path out;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
        out = dir.resolve("out");
    }

    @Test
    void aMissingIdxFolderIsNamed() {
        Path missing = dir.resolve("no-such-mnist");
        String err = runFails(CliRuns.TINY + "data { source = idx, dir = \"" + missing + "\" }\n");

        assertThat(err).contains("MNIST folder " + missing).contains("does not exist");
    }

    @Test
    void anIdxImageFileWithAWrongMagicNumberIsNamed() throws IOException {
        Path mnist = fakeMnist();
        Files.write(mnist.resolve("train-images-idx3-ubyte"), idx(0x00000801, new int[] {4, 2, 2}, 16));

        String err = runFails(CliRuns.TINY + "data { source = idx, dir = \"" + mnist + "\" }\n");

        assertThat(err).contains(mnist.resolve("train-images-idx3-ubyte").toString())
                .contains("0x00000801").contains("expected an IDX image file");
    }

    @Test
    void aTruncatedIdxFileIsNamed() throws IOException {
        Path mnist = fakeMnist();
        Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idx(IMAGES, new int[] {4, 2, 2}, 10));

        String err = runFails(CliRuns.TINY + "data { source = idx, dir = \"" + mnist + "\" }\n");

        assertThat(err).contains(mnist.resolve("t10k-images-idx3-ubyte").toString())
                .contains("truncated").contains("16").contains("only 10");
    }

    @Test
    void aNonNumericCsvCellIsNamedByFileLineColumnAndValue() throws IOException {
        Path csv = Files.writeString(dir.resolve("table.csv"), "x1,x2,label\n1,2,0\n3,abc,1\n");

        String err = runFails(CliRuns.TINY + "data { source = csv, csv.train = \"" + csv + "\" }\n");

        assertThat(err).contains(csv + ", line 3, column 'x2'").contains("'abc' is not a number");
    }

    @Test
    void aCsvTestFractionThatLeavesNoTestRowsIsNamed() throws IOException {
        Path csv = Files.writeString(dir.resolve("table.csv"), "x1,x2,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,9,0\n");

        String err = runFails(CliRuns.TINY + "clients.count = 2\n"
                + "data { source = csv, csv.train = \"" + csv + "\", csv.test-fraction = 0.01 }\n");

        assertThat(err).contains("data.csv.test-fraction: 0.01 of the 5 rows of " + csv + " leaves no test rows");
    }

    @Test
    void anOutFolderThatCannotBeCreatedIsNamed() throws IOException {
        Path file = runs.write("tiny.conf", CliRuns.TINY);
        Path plain = Files.writeString(dir.resolve("plain.txt"), "not a folder");

        String err = fails(fedsim("run", file, "--out", plain.resolve("results")));

        assertThat(err).contains("could not write the results to " + plain.resolve("results")).contains("Not a directory");
        assertThat(Files.readString(plain)).isEqualTo("not a folder");
    }

    @Test
    void aFractionAboveOneIsNamed() {
        String err = runFails(CliRuns.TINY + "clients.fraction = 1.5\n");

        assertThat(err).contains("tiny.conf:").contains("clients.fraction").contains("1.5");
    }

    @Test
    void aNegativeLearningRateIsNamed() {
        String err = runFails(CliRuns.TINY, "--set", "clients.learning-rate=-0.1");

        assertThat(err).contains("--set clients.learning-rate=-0.1").contains("clients.learning-rate").contains("-0.1");
    }

    @Test
    void moreShardsThanSamplesIsExplained() {
        String err = runFails(CliRuns.TINY, "--set", "data.blobs.train-samples=30",
                "--set", "data.partition.scheme=shards", "--set", "data.partition.shards-per-client=5");

        assertThat(err).contains("shards").contains("50").contains("only 30 samples");
    }

    @Test
    void anUnknownKeyGetsASuggestion() {
        String err = runFails(CliRuns.TINY + "clients.learning-rat = 0.2\n");

        assertThat(err).contains("clients.learning-rat").contains("did you mean clients.learning-rate?");
    }

    @Test
    void aMissingScenarioFileIsNamed() {
        Path missing = dir.resolve("nope.conf");

        String err = fails(fedsim("run", missing, "--out", out));

        assertThat(err).contains(missing.toString()).contains("no such scenario file");
    }

    @Test
    void anOverrideWithoutEqualsIsNamed() {
        String err = runFails(CliRuns.TINY, "--set", "rounds");

        assertThat(err).contains("rounds");
    }

    @Test
    void runWithoutAFileIsAUsageError() {
        String err = fails(fedsim("run"));

        assertThat(err).contains("FILE").contains("fedsim run --help");
    }

    @Test
    void validateAcceptsAGoodFile() {
        Path file = runs.write("tiny.conf", CliRuns.TINY);

        CliRuns.Result r = fedsim("validate", file);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(file + ": OK").contains("5 rounds, 10 clients, 5 per round, model logreg");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateNamesAComposedStrategysAggregator() {
        Path file = runs.write("tiny.conf", CliRuns.TINY + "strategy { name = fedavgm, aggregator = multi-krum }\n");

        CliRuns.Result r = fedsim("validate", file);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("strategy fedavgm over multi-krum)");
    }

    @Test
    void versionAndHelpSucceed() {
        CliRuns.Result version = fedsim("--version");
        CliRuns.Result help = fedsim("--help");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("FedSim " + Version.current());
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: fedsim").contains("run").contains("validate");
    }

    /** Runs the scenario text (with extra arguments) and returns its error message, checking the contract. */
    private String runFails(String scenario, String... extra) {
        Path file = runs.write("tiny.conf", scenario);
        Object[] args = new Object[4 + extra.length];
        args[0] = "run";
        args[1] = file;
        args[2] = "--out";
        args[3] = out;
        System.arraycopy(extra, 0, args, 4, extra.length);
        return fails(fedsim(args));
    }

    private String fails(CliRuns.Result r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("fedsim: error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
        assertThat(out).as("results folder of a failed run").doesNotExist();
        return r.err();
    }

    /** A folder of four valid 2x2-pixel MNIST files, four training and four test images. */
    private Path fakeMnist() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        for (String set : new String[] {"train", "t10k"}) {
            Files.write(mnist.resolve(set + "-images-idx3-ubyte"), idx(IMAGES, new int[] {4, 2, 2}, 16));
            Files.write(mnist.resolve(set + "-labels-idx1-ubyte"), idx(0x00000801, new int[] {4}, 4));
        }
        return mnist;
    }

    /** An IDX file: magic number, dimension sizes, then {@code bodyBytes} bytes of value i % 10. */
    private static byte[] idx(int magic, int[] dims, int bodyBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + bodyBytes).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < bodyBytes; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }
}
