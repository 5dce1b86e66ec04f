package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.client.attack.Attackers;
import io.fedsim.client.uplink.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with Byzantine clients and compressed uplinks, end to end through the command line. */
class AttackCompressionRunTest {
    /** logistic regression 4 -> 3: P = 15 parameters; 5 of 10 clients a round */
    private static final int P = 15;

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void attackersAreDrawnFromTheSeedWrittenToAttackersCsvAndCountedInEachCohort() throws IOException {
        Path out = dir.resolve("attacked");
        runs.runOk("tiny", CliRuns.TINY + "attack { kind = label-flip, fraction = 0.3 }\n", out);

        int[] expected = Attackers.draw(3, 10, 0.3);
        assertThat(lines(out.resolve("attackers.csv"))).containsExactlyElementsOf(
                concat("client_id,attack", Arrays.stream(expected).mapToObj(id -> id + ",label-flip").toList()));
        List<String> csv = lines(out.resolve("metrics.csv"));
        int col = List.of(csv.get(0).split(",")).indexOf("attackers_in_cohort");
        assertThat(col).isPositive();
        assertThat(csv.subList(1, csv.size())).extracting(l -> Double.parseDouble(l.split(",", -1)[col]))
                .allSatisfy(a -> assertThat(a).isBetween(0.0, 3.0)).contains(1.0);
    }

    @Test
    void bytesColumnsCountTheDenseMessagesWithoutCompression() {
        Path out = dir.resolve("dense");
        runs.runOk("tiny", CliRuns.TINY, out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header).contains("bytes_up", "bytes_down", "updates_rejected");
        assertThat(dir.resolve("dense/attackers.csv")).doesNotExist();
        double dense = 5 * WireFormat.denseBytes(P);
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertThat(Double.parseDouble(cells[header.indexOf("bytes_up")])).isEqualTo(dense);
            assertThat(Double.parseDouble(cells[header.indexOf("bytes_down")])).isEqualTo(dense);
            assertThat(Double.parseDouble(cells[header.indexOf("updates_rejected")])).isZero();
        }
    }

    @Test
    void topKSendsKPairsPerUpdate() {
        Path out = dir.resolve("topk");
        runs.runOk("tiny", CliRuns.TINY + "compression { uplink = topk, topk-fraction = 0.2 }\n", out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        int col = List.of(csv.get(0).split(",")).indexOf("bytes_up");
        // k = ceil(0.2 * 15) = 3: the bitmap form (count 4, bitmap 2, values 12 = 18 bytes) beats pairs (4 + 24)
        double perUpdate = WireFormat.HEADER_BYTES + 4 + 2 + 3 * 4;
        assertThat(csv.subList(1, csv.size())).extracting(l -> Double.parseDouble(l.split(",", -1)[col]))
                .containsOnly(5 * perUpdate);
    }

    /** Quantisation and the Gaussian attack draw from generators derived from the seed: two runs agree to the bit. */
    @Test
    void theSameSeedGivesTheSameModelUnderRandomAttacksAndQuantisation() throws IOException {
        String scenario = CliRuns.TINY + "attack { kind = gaussian, fraction = 0.2, noise-std = 0.01 }\n"
                + "compression { uplink = q4 }\n";
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        runs.runOk("tiny", scenario, a, "--set", "runtime.training-threads=2");
        runs.runOk("tiny", scenario, b, "--set", "runtime.training-threads=1");

        assertThat(Files.readAllBytes(a.resolve("model-final.bin"))).isEqualTo(Files.readAllBytes(b.resolve("model-final.bin")));
        assertThat(lines(a.resolve("attackers.csv"))).isEqualTo(lines(b.resolve("attackers.csv")));
        Path dense = dir.resolve("dense");
        runs.runOk("tiny", CliRuns.TINY, dense);
        assertThat(Files.readAllBytes(a.resolve("model-final.bin"))).isNotEqualTo(Files.readAllBytes(dense.resolve("model-final.bin")));
    }

    @Test
    void badAttackAndCompressionValuesAreNamed() {
        Path file = runs.write("bad.conf", CliRuns.TINY
                + "attack { kind = backdoor, fraction = 1.5 }\ncompression { uplink = q2, topk-fraction = 0 }\n");
        CliRuns.Result r = CliRuns.fedsim("validate", file);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("attack.kind").contains("backdoor").contains("little-is-enough")
                .contains("attack.fraction: must be in [0, 1), was 1.5").contains("compression.topk-fraction")
                .contains("compression.uplink").contains("q2").contains("none | q8 | q4 | topk")
                .doesNotContain("Exception");
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).collect(Collectors.toList());
    }
}
