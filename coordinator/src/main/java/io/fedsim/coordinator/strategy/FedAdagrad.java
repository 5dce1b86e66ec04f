package io.fedsim.coordinator.strategy;

/**
 * FedAdagrad: the server applies Adagrad (with momentum beta1) to the pseudo-gradient Delta_t.
 * <pre>
 *   m_t     = beta1 * m_{t-1} + (1 - beta1) * Delta_t
 *   v_t     = v_{t-1} + Delta_t^2
 *   w_{t+1} = w_t + eta * m_t / (sqrt(v_t) + tau)
 * </pre>
 *
 * <p>Reddi, Charles, Zaheer, Garrett, Rush, Konečný, Kumar, McMahan 2021, "Adaptive Federated
 * Optimization" (ICLR, arXiv:2003.00295), Algorithm 2, without bias correction; m_{-1} = 0 and
 * v_{-1} = tau^2 (see {@link AdaptiveServerStep}). Delta_t is the weighted mean of the client deltas
 * (weights n_k / n). The state ({@link #state()}) is {@code "m"} and {@code "v"}; a skipped round leaves
 * it untouched.
 */
public final class FedAdagrad extends AdaptiveServerOptimizer {
    /**
     * @param serverLearningRate eta, > 0
     * @param beta1              the first moment's decay, in [0, 1)
     * @param tau                the adaptivity (the optimiser's epsilon), > 0; v_{-1} = tau^2
     */
    public FedAdagrad(double serverLearningRate, double beta1, double tau) {
        this(serverLearningRate, beta1, tau, Aggregators.mean());
    }

    /** With Delta_t from {@code aggregator} (a robust rule) instead of the weighted mean. */
    public FedAdagrad(double serverLearningRate, double beta1, double tau, Aggregator aggregator) {
        super("fedadagrad", AdaptiveServerStep.SecondMoment.ADAGRAD, serverLearningRate, beta1, 0, tau, aggregator);
    }

    @Override
    public String name() {
        return "fedadagrad";
    }
}
