package io.fedsim.coordinator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import io.fedsim.coordinator.privacy.PrivacyAccounting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    private static final byte[] SHA = CheckpointFile.sha256("rounds = 40\n");

    @TempDir
    Path dir;

    @Test
    void aCheckpointReadsBackExactlyIncludingSpecialValues() throws IOException {
        Checkpoint c = new Checkpoint("1.2.3", 120, SHA,
                Map.of("global", new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, Float.intBitsToFloat(0x7fc00001)},
                        "strategy/m", new float[0]),
                Map.of("privacy/rdp", new double[] {Double.POSITIVE_INFINITY, 1e-300, Math.PI}),
                Map.of("metrics/csv_bytes", new long[] {Long.MAX_VALUE, -1}),
                Map.of("run/stop_reason", "reached the target — 0.97 ✓", "empty", ""));
        Path file = dir.resolve("c.ckpt");
        CheckpointFile.write(file, c);

        Checkpoint back = CheckpointFile.read(file);

        assertThat(back.sameAs(c)).isTrue();
        assertThat(Float.floatToRawIntBits(back.floats().get("global")[4])).isEqualTo(0x7fc00001);
        assertThat(Float.floatToRawIntBits(back.floats().get("global")[1])).isEqualTo(0x80000000);
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void theLayoutIsTheDocumentedOne() throws IOException {
        Checkpoint c = new Checkpoint("v", 7, SHA, Map.of("g", new float[] {1f}), Map.of(), Map.of("n", new long[] {2}));
        Path file = dir.resolve("c.ckpt");
        CheckpointFile.write(file, c);
        byte[] bytes = Files.readAllBytes(file);

        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("FEDSIMC1");
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('v');
        assertThat(b.getInt()).isEqualTo(7);
        byte[] sha = new byte[32];
        b.get(sha);
        assertThat(sha).isEqualTo(SHA);
        assertThat(b.getInt()).isEqualTo(2);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('g');
        assertThat((char) b.get()).isEqualTo('F');
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getFloat()).isEqualTo(1f);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('n');
        assertThat((char) b.get()).isEqualTo('L');
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getLong()).isEqualTo(2L);
        assertThat(b.remaining()).isEqualTo(32);
        // 8 + 4 + 5 + 4 + 32 + 4 + (4 + 1 + 1 + 4 + 4) + (4 + 1 + 1 + 4 + 8) + 32
        assertThat(bytes).hasSize(121);
    }

    @Test
    void aFlippedByteOrACutFileIsReportedAsCorrupt() throws IOException {
        Path file = dir.resolve("c.ckpt");
        CheckpointFile.write(file, new Checkpoint("v", 3, SHA, Map.of("global", new float[100]), Map.of(), Map.of()));
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[200] ^= 1;
        Files.write(file, flipped);
        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(CheckpointFile.CorruptException.class)
                .hasMessageContaining("SHA-256 does not match");

        Files.write(file, Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(CheckpointFile.CorruptException.class);

        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(CheckpointFile.CorruptException.class)
                .hasMessageContaining("FEDSIMC1");
    }

    @Test
    void anIntactFileOfAnotherFormatIsRefusedNotSkipped() throws Exception {
        Path file = dir.resolve("c.ckpt");
        CheckpointFile.write(file, new Checkpoint("v", 3, SHA, Map.of(), Map.of(), Map.of()));
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = 2;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 0, bytes.length - 32);
        System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
        Files.write(file, bytes);

        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(FedSimException.class)
                .isNotInstanceOf(CheckpointFile.CorruptException.class)
                .hasMessageContaining("checkpoint format 2").hasMessageContaining("reads format 1 only");
    }

    @Test
    void aRunStateGoesThroughACheckpointUnchanged() throws IOException {
        PrivacyAccounting local = PrivacyAccounting.local(4, 1.0, 1e-5, OptionalDouble.empty());
        local.recordRound(new int[] {0, 2});
        local.recordRound(new int[] {2});
        TreeMap<Integer, Map<String, float[]>> clients = new TreeMap<>();
        clients.put(2, Map.of("c", new float[] {1, 2}, "residual/x", new float[] {3}));
        clients.put(10, Map.of("c", new float[] {4}));
        RunState state = new RunState(12, new float[] {0.5f, 0.25f}, Map.of("m", new float[] {9}),
                Optional.of(local.save()), clients, 3.5, 1234.5, Optional.of("completed 12 rounds"));
        Path file = dir.resolve("s.ckpt");
        CheckpointFile.write(file, state.toCheckpoint("v", SHA, Map.of("metrics/csv_bytes", new long[] {77})));

        Checkpoint c = CheckpointFile.read(file);
        RunState back = RunState.of(c);

        assertThat(c.longs().get("metrics/csv_bytes")).containsExactly(77);
        assertThat(back.round()).isEqualTo(12);
        assertThat(back.global()).containsExactly(0.5f, 0.25f);
        assertThat(back.strategyState()).containsOnlyKeys("m");
        assertThat(back.clientStates()).containsOnlyKeys(2, 10);
        assertThat(back.clientStates().get(2).get("residual/x")).containsExactly(3f);
        assertThat(back.clientStates().get(10).get("c")).containsExactly(4f);
        assertThat(back.wallSeconds()).isEqualTo(3.5);
        assertThat(back.simSeconds()).isEqualTo(1234.5);
        assertThat(back.stopReason()).contains("completed 12 rounds");
        assertThat(c.texts()).containsEntry("run/stop_reason", "completed 12 rounds");
        assertThat(back.privacy().orElseThrow().participations()).containsExactly(1, 0, 2, 0);
        PrivacyAccounting restored = PrivacyAccounting.local(4, 1.0, 1e-5, OptionalDouble.empty());
        restored.restore(back.privacy().orElseThrow());
        assertThat(restored.epsilon()).isEqualTo(local.epsilon());
        assertThat(restored.epsilonAfterNextRound()).isEqualTo(local.epsilonAfterNextRound());
    }

    @Test
    void centralAccountingContinuesExactlyAfterARestore() {
        PrivacyAccounting a = new PrivacyAccounting(0.05, 1.1, 1e-5, OptionalDouble.empty());
        for (int r = 0; r < 7; r++) {
            a.recordRound();
        }
        PrivacyAccounting b = new PrivacyAccounting(0.05, 1.1, 1e-5, OptionalDouble.empty());
        b.restore(a.save());
        assertThat(b.epsilon()).isEqualTo(a.epsilon());
        a.recordRound();
        b.recordRound();
        assertThat(b.epsilon()).isEqualTo(a.epsilon()).isGreaterThan(0);
    }
}
