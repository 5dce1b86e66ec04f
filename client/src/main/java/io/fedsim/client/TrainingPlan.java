package io.fedsim.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client is told to do in one round: E local epochs of minibatch SGD with batch size B
 * ({@code 0} means the whole local dataset, McMahan's B = infinity) and a learning rate; FedProx's
 * proximal weight mu (0: plain SGD on the local loss); and, under local differential privacy, how to
 * clip and noise its update before sending it. With {@code reportGlobalLoss} the client also evaluates the
 * global model on its whole shard before training, F_k(w_t), which q-FedAvg weighs its update by.
 *
 * <p>{@code serverControl} is SCAFFOLD's server control variate c (Karimireddy et al. 2020), present only in a
 * SCAFFOLD round: the client then corrects every step by c - c_i with its own control variate c_i and reports
 * how c_i changed ({@link TrainResult#controlDelta()}). The array is shared by every client of the round and
 * read-only; an empty array stands for c = 0 (the first round, before the server knows the model's size).
 */
public record TrainingPlan(int epochs, int batchSize, float learningRate, float proximalMu, Optional<LocalDp> localDp,
                           boolean reportGlobalLoss, Optional<float[]> serverControl) {
    public TrainingPlan {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = full batch), was " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (!(proximalMu >= 0)) {
            throw new IllegalArgumentException("proximal mu must be >= 0, was " + proximalMu);
        }
        Objects.requireNonNull(localDp, "localDp");
        Objects.requireNonNull(serverControl, "serverControl");
    }

    /** A plan without SCAFFOLD's server control variate. */
    public TrainingPlan(int epochs, int batchSize, float learningRate, float proximalMu, Optional<LocalDp> localDp,
                        boolean reportGlobalLoss) {
        this(epochs, batchSize, learningRate, proximalMu, localDp, reportGlobalLoss, Optional.empty());
    }

    public TrainingPlan(int epochs, int batchSize, float learningRate) {
        this(epochs, batchSize, learningRate, 0f, Optional.empty());
    }

    public TrainingPlan(int epochs, int batchSize, float learningRate, Optional<LocalDp> localDp) {
        this(epochs, batchSize, learningRate, 0f, localDp);
    }

    /** A plan whose clients do not report the global model's loss. */
    public TrainingPlan(int epochs, int batchSize, float learningRate, float proximalMu, Optional<LocalDp> localDp) {
        this(epochs, batchSize, learningRate, proximalMu, localDp, false);
    }

    /** The same plan with FedProx's proximal term (mu / 2) ||w - w_global||^2 added to the local loss. */
    public TrainingPlan withProximalMu(double mu) {
        return new TrainingPlan(epochs, batchSize, learningRate, (float) mu, localDp, reportGlobalLoss, serverControl);
    }

    /** The same plan, with clients reporting F_k(w_t), the global model's loss on their shard, when {@code report}. */
    public TrainingPlan withReportGlobalLoss(boolean report) {
        return new TrainingPlan(epochs, batchSize, learningRate, proximalMu, localDp, report, serverControl);
    }

    /** The same plan with another learning rate (a round of a learning-rate schedule). */
    public TrainingPlan withLearningRate(float rate) {
        return new TrainingPlan(epochs, batchSize, rate, proximalMu, localDp, reportGlobalLoss, serverControl);
    }

    /**
     * The same plan in a SCAFFOLD round: clients correct their steps with the server control variate
     * {@code c} (shared, not copied: nobody may write to it), or with c = 0 when {@code c} is empty.
     */
    public TrainingPlan withServerControl(float[] c) {
        return new TrainingPlan(epochs, batchSize, learningRate, proximalMu, localDp, reportGlobalLoss,
                Optional.of(c));
    }

    /** The same plan with fewer local epochs (a straggler's partial work). */
    public TrainingPlan withEpochs(int localEpochs) {
        return new TrainingPlan(localEpochs, batchSize, learningRate, proximalMu, localDp, reportGlobalLoss);
    }

    /** The batch size used on a shard of {@code shardSize} samples. */
    public int effectiveBatchSize(int shardSize) {
        return batchSize == 0 ? Math.max(1, shardSize) : batchSize;
    }

    /** Local DP: the client clips its update to {@code clipNorm} and adds N(0, (noiseMultiplier * clipNorm)^2). */
    public record LocalDp(double clipNorm, double noiseMultiplier) {
        public LocalDp {
            if (!(clipNorm > 0) || !(noiseMultiplier >= 0)) {
                throw new IllegalArgumentException("local DP needs a clip norm > 0 and a noise multiplier >= 0");
            }
        }
    }
}
