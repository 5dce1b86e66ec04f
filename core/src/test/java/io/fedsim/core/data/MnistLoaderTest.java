package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLoaderTest {
    @TempDir
    Path dir;

    private void writeTinyMnist(Path folder) throws IOException {
        IdxFiles.write(folder, "train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(3, 2, 2,
                0, 1, 2, 3, 4, 5, 6, 7, 252, 253, 254, 255)));
        IdxFiles.write(folder, "train-labels.idx1-ubyte", IdxFiles.labels(7, 0, 9));
        IdxFiles.write(folder, "t10k-images-idx3-ubyte", IdxFiles.images(1, 2, 2, 9, 8, 7, 6));
        IdxFiles.write(folder, "t10k-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(3)));
    }

    @Test
    void loadsTheFourFilesWhateverTheSpellingAndCompression() throws IOException {
        writeTinyMnist(dir);
        TrainTest data = MnistLoader.load(dir);
        assertThat(data.train().size()).isEqualTo(3);
        assertThat(data.train().numFeatures()).isEqualTo(4);
        assertThat(data.train().numClasses()).isEqualTo(10);
        assertThat(data.train().labels()).containsExactly(7, 0, 9);
        assertThat(data.train().features()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 252, 253, 254, 255);
        assertThat(data.test().labels()).containsExactly(3);
        assertThat(data.test().features()).containsExactly(9, 8, 7, 6);
    }

    @Test
    void missingFolderNamesTheFolderAndTheFiles() {
        Path missing = dir.resolve("no-such-folder");
        assertThatThrownBy(() -> MnistLoader.load(missing)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                        + "t10k-labels-idx1-ubyte");
    }

    @Test
    void missingFileNamesTheFileLookedFor() throws IOException {
        writeTinyMnist(dir);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> MnistLoader.load(dir)).isInstanceOf(FedSimException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("has no file named t10k-labels-idx1-ubyte or t10k-labels.idx1-ubyte");
    }

    /** Loads the real MNIST beside the project when it is there (developer machines, CI); skips otherwise. */
    @Test
    void loadsRealMnistWhenAvailable() {
        Path mnist = findSharedMnist();
        assumeTrue(mnist != null, "../shared/datasets/mnist not found; skipping");
        TrainTest data = MnistLoader.load(mnist);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().numFeatures()).isEqualTo(784);
        assertThat(Arrays.stream(data.train().labelCounts()).sum()).isEqualTo(60_000);
        assertThat(Arrays.stream(data.test().labelCounts()).sum()).isEqualTo(10_000);
        // The published class counts of the MNIST training set.
        assertThat(data.train().labelCounts())
                .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    }

    private static Path findSharedMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/datasets/mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
