package io.fedsim.core.model;

/** Summed loss and correct predictions over {@code count} samples. */
public record Evaluation(double lossSum, long correct, long count) {

    public static final Evaluation EMPTY = new Evaluation(0, 0, 0);

    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    public Evaluation plus(Evaluation other) {
        return new Evaluation(lossSum + other.lossSum, correct + other.correct, count + other.count);
    }
}
