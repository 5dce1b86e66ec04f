package io.fedsim.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled dataset held once in memory: features row-major in one float array, labels in one int array,
 * and optionally a group (natural client) id per sample. Shards are views into it ({@link Shard}), never
 * copies. Arrays are shared, not copied: nothing may write to them after construction.
 */
public final class Dataset {
    private final String name;
    private final float[] features;
    private final int[] labels;
    private final int numFeatures;
    private final int numClasses;
    private final int[] groups;

    /**
     * @param features row-major, {@code labels.length * numFeatures} values
     * @param labels   class per sample, in [0, numClasses)
     * @param groups   natural client id per sample (e.g. the writer in FEMNIST), or null
     */
    public Dataset(String name, float[] features, int[] labels, int numFeatures, int numClasses, int[] groups) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (numFeatures <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("numFeatures and numClasses must be positive: " + numFeatures + ", " + numClasses);
        }
        if ((long) labels.length * numFeatures != features.length) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values for " + labels.length
                    + " samples of " + numFeatures + " features");
        }
        if (groups != null && groups.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + groups.length + " group ids for " + labels.length + " samples");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is outside [0, " + numClasses + ")");
            }
        }
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.groups = groups;
    }

    public Dataset(String name, float[] features, int[] labels, int numFeatures, int numClasses) {
        this(name, features, labels, numFeatures, numClasses, null);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numClasses() {
        return numClasses;
    }

    public int label(int i) {
        return labels[i];
    }

    public boolean hasGroups() {
        return groups != null;
    }

    public int group(int i) {
        if (groups == null) {
            throw new IllegalStateException(name + " has no group ids");
        }
        return groups[i];
    }

    /** The backing feature array (row-major); read only. */
    public float[] features() {
        return features;
    }

    /** The backing label array; read only. */
    public int[] labels() {
        return labels;
    }

    /** Copies the features of sample {@code i} into {@code dst} at {@code offset}. */
    public void copyRow(int i, float[] dst, int offset) {
        System.arraycopy(features, i * numFeatures, dst, offset, numFeatures);
    }

    /** A new dataset holding copies of the given rows (for splits done once at load time, not for shards). */
    public Dataset select(String newName, int[] rows) {
        float[] f = new float[rows.length * numFeatures];
        int[] l = new int[rows.length];
        int[] g = groups == null ? null : new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            copyRow(rows[k], f, k * numFeatures);
            l[k] = labels[rows[k]];
            if (g != null) {
                g[k] = groups[rows[k]];
            }
        }
        return new Dataset(newName, f, l, numFeatures, numClasses, g);
    }

    /**
     * The same samples, labels and groups with other feature values of the same shape (feature scaling).
     * Labels and groups are shared, not copied, as they are never written.
     */
    public Dataset withFeatures(float[] newFeatures) {
        return new Dataset(name, newFeatures, labels, numFeatures, numClasses, groups);
    }

    /**
     * The same samples and features with other labels (label-flipping attackers). The features and groups are
     * shared, not copied.
     */
    public Dataset withLabels(int[] newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + newLabels.length + " labels for " + labels.length + " samples");
        }
        return new Dataset(name, features, newLabels, numFeatures, numClasses, groups);
    }

    /** Samples per class. */
    public int[] labelCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " samples, " + numFeatures + " features, " + numClasses + " classes"
                + (groups == null ? "" : ", " + Arrays.stream(groups).distinct().count() + " groups") + ")";
    }
}
