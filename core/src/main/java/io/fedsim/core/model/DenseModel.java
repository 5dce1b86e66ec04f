package io.fedsim.core.model;

import java.util.Locale;

/** A stack of dense layers over one {@link DenseLayout}: what logistic regression and the MLP share. */
abstract sealed class DenseModel implements Model permits LogisticRegression, Mlp {
    final DenseLayout layout;
    private final String kind;

    DenseModel(String kind, int[] widths) {
        this.kind = kind;
        this.layout = new DenseLayout(widths);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s %s (%,d parameters)", kind, layout.widths(), layout.numParameters());
    }

    @Override
    public int numFeatures() {
        return layout.numFeatures();
    }

    @Override
    public int numClasses() {
        return layout.numClasses();
    }

    @Override
    public int numParameters() {
        return layout.numParameters();
    }

    @Override
    public ModelWorkspace newWorkspace(int maxBatchSize) {
        return new DenseWorkspace(this, layout, maxBatchSize);
    }

    @Override
    public String toString() {
        return describe();
    }
}
