package io.fedsim.client.uplink;

import java.util.Arrays;

/**
 * Top-k sparsification: the k coordinates of largest magnitude (Aji and Heafield 2017; with error feedback,
 * Stich et al. 2018, "Sparsified SGD with memory"). Ties at the threshold go to the lower index, so the
 * choice is deterministic.
 */
public final class TopK {
    private TopK() {
    }

    /** The indices, ascending, of the {@code k} entries of {@code values} with the largest absolute value. */
    public static int[] select(float[] values, int k) {
        int p = values.length;
        if (k < 0 || k > p) {
            throw new IllegalArgumentException("cannot pick " + k + " of " + p + " coordinates");
        }
        if (k == 0) {
            return new int[0];
        }
        float[] magnitudes = new float[p];
        for (int i = 0; i < p; i++) {
            magnitudes[i] = Math.abs(values[i]);
        }
        float[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        float threshold = sorted[p - k];
        int above = 0;
        for (float m : magnitudes) {
            if (m > threshold) {
                above++;
            }
        }
        int tiesWanted = k - above;
        int[] picked = new int[k];
        int n = 0;
        for (int i = 0; i < p; i++) {
            if (magnitudes[i] > threshold) {
                picked[n++] = i;
            } else if (magnitudes[i] == threshold && tiesWanted > 0) {
                picked[n++] = i;
                tiesWanted--;
            }
        }
        return picked;
    }

    /** How many coordinates a fraction keeps of a vector of {@code length}: ceil(fraction * length), at least 1. */
    public static int count(double fraction, int length) {
        return (int) Math.min(length, Math.max(1, Math.ceil(fraction * length - 1e-9)));
    }
}
