package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads MNIST (LeCun et al. 1998) from a folder holding the four IDX files, gzipped or not, under either
 * common spelling ({@code train-images-idx3-ubyte} or {@code train-images.idx3-ubyte}). Pixels stay raw
 * (0..255); {@link FeatureScaling#UNIT} scales them.
 */
public final class MnistLoader {
    public static final int NUM_CLASSES = 10;

    private static final List<String> TRAIN_IMAGES = List.of("train-images-idx3-ubyte", "train-images.idx3-ubyte");
    private static final List<String> TRAIN_LABELS = List.of("train-labels-idx1-ubyte", "train-labels.idx1-ubyte");
    private static final List<String> TEST_IMAGES = List.of("t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte");
    private static final List<String> TEST_LABELS = List.of("t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte");

    private MnistLoader() {
    }

    /** The 60,000 training and 10,000 test images of the folder {@code dir}, 784 features, 10 classes. */
    public static TrainTest load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FedSimException("MNIST folder " + dir.toAbsolutePath() + " does not exist or is not a folder; "
                    + "expected a folder holding " + describeExpected() + ".");
        }
        Dataset train = IdxReader.read("mnist-train", find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS), NUM_CLASSES);
        Dataset test = IdxReader.read("mnist-test", find(dir, TEST_IMAGES), find(dir, TEST_LABELS), NUM_CLASSES);
        return new TrainTest(train, test);
    }

    /** The first regular file (in name order) whose name starts with one of the spellings. */
    private static Path find(Path dir, List<String> spellings) {
        Optional<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(Files::isRegularFile)
                    .filter(p -> spellings.stream().anyMatch(s -> p.getFileName().toString().startsWith(s)))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            throw new FedSimException("MNIST folder " + dir.toAbsolutePath() + " cannot be listed (" + e.getMessage()
                    + ").", e);
        }
        return found.orElseThrow(() -> new FedSimException("MNIST folder " + dir.toAbsolutePath() + " has no file "
                + "named " + String.join(" or ", spellings) + " (optionally ending in .gz); expected "
                + describeExpected() + "."));
    }

    private static String describeExpected() {
        return "the four files " + String.join(", ", TRAIN_IMAGES.get(0), TRAIN_LABELS.get(0), TEST_IMAGES.get(0),
                TEST_LABELS.get(0)) + " (raw or .gz)";
    }
}
