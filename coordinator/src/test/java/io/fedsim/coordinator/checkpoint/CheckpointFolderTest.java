package io.fedsim.coordinator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFolderTest {
    private static final byte[] SHA = CheckpointFile.sha256("x");

    @TempDir
    Path dir;

    private static Checkpoint at(int round) {
        return new Checkpoint("v", round, SHA, Map.of("global", new float[] {round}), Map.of(), Map.of());
    }

    @Test
    void onlyTheNewestKeepCheckpointsStay() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 2);
        Files.createDirectories(folder.dir());
        Files.writeString(folder.dir().resolve("round-000002.ckpt.tmp"), "left by a killed writer");
        for (int round : new int[] {3, 6, 9, 12, 13}) {
            folder.write(at(round));
        }
        assertThat(folder.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("round-000012.ckpt", "round-000013.ckpt");
        try (var all = Files.list(folder.dir())) {
            assertThat(all).hasSize(2);
        }
    }

    @Test
    void roundsSortNumericallyPastSixDigits() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir, 5);
        folder.write(at(999_999));
        folder.write(at(1_000_000));
        folder.write(at(2));
        assertThat(folder.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("round-000002.ckpt", "round-999999.ckpt", "round-1000000.ckpt");
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedWithAWarning() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir, 3);
        folder.write(at(3));
        folder.write(at(6));
        Path newest = folder.write(at(9));
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<String> warnings = new ArrayList<>();

        CheckpointFolder.Found found = folder.newestIntact(warnings::add).orElseThrow();

        assertThat(found.checkpoint().round()).isEqualTo(6);
        assertThat(found.file().getFileName()).hasToString("round-000006.ckpt");
        assertThat(warnings).singleElement().asString().contains("round-000009.ckpt").contains("skipping");
    }

    @Test
    void aFolderWithoutIntactCheckpointsHasNone() throws IOException {
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("none"), 1);
        assertThat(folder.newestIntact(w -> { })).isEmpty();
        Files.createDirectories(folder.dir());
        Files.writeString(folder.dir().resolve("round-000004.ckpt"), "partial");
        List<String> warnings = new ArrayList<>();
        assertThat(folder.newestIntact(warnings::add)).isEmpty();
        assertThat(warnings).hasSize(1);
    }
}
