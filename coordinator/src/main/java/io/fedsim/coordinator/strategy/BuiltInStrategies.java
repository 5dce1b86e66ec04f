package io.fedsim.coordinator.strategy;

import static io.fedsim.coordinator.strategy.StrategyParameters.AGGREGATOR;
import static io.fedsim.coordinator.strategy.StrategyParameters.BETA1;
import static io.fedsim.coordinator.strategy.StrategyParameters.BETA2;
import static io.fedsim.coordinator.strategy.StrategyParameters.BYZANTINE_CLIENTS;
import static io.fedsim.coordinator.strategy.StrategyParameters.MOMENTUM;
import static io.fedsim.coordinator.strategy.StrategyParameters.MU;
import static io.fedsim.coordinator.strategy.StrategyParameters.Q;
import static io.fedsim.coordinator.strategy.StrategyParameters.SERVER_LEARNING_RATE;
import static io.fedsim.coordinator.strategy.StrategyParameters.TAU;
import static io.fedsim.coordinator.strategy.StrategyParameters.TRIM_FRACTION;

import java.util.List;

/**
 * The providers of FedSim's own strategies, one per name, registered in
 * {@code META-INF/services/io.fedsim.coordinator.strategy.StrategyProvider} like any researcher's.
 */
public final class BuiltInStrategies {
    private static final List<String> ETA = List.of(SERVER_LEARNING_RATE);
    private static final List<String> ADAPTIVE = List.of(SERVER_LEARNING_RATE, BETA1, BETA2, TAU, AGGREGATOR);
    private static final List<String> ROBUST = List.of(SERVER_LEARNING_RATE, BYZANTINE_CLIENTS);
    private static final List<String> SELECTED = List.of("selected_clients");

    private BuiltInStrategies() {
    }

    /** The server optimisers' pseudo-gradient: {@code strategy.aggregator}, the weighted mean by default. */
    private static Aggregator aggregator(StrategyParameters p) {
        return Aggregators.named(p.aggregator(), p);
    }

    public static final class FedAvgProvider extends StrategyProvider.Base {
        public FedAvgProvider() {
            super("fedavg", "Federated averaging: mean of the updates weighted by sample count (McMahan et al. 2017)",
                    ETA, List.of(), p -> new FedAvg(p.serverLearningRate()));
        }
    }

    public static final class FedAvgMProvider extends StrategyProvider.Base {
        public FedAvgMProvider() {
            super("fedavgm", "FedAvg with server momentum on the averaged update (Hsu, Qi, Brown 2019)",
                    List.of(SERVER_LEARNING_RATE, MOMENTUM, AGGREGATOR), List.of(),
                    p -> new FedAvgM(p.serverLearningRate(), p.momentum(), aggregator(p)));
        }
    }

    public static final class FedAdagradProvider extends StrategyProvider.Base {
        public FedAdagradProvider() {
            super("fedadagrad", "Server Adagrad on the averaged update (Reddi et al. 2021, Adaptive Federated "
                    + "Optimization)", List.of(SERVER_LEARNING_RATE, BETA1, TAU, AGGREGATOR), List.of(),
                    p -> new FedAdagrad(p.serverLearningRate(), p.beta1(), p.tau(), aggregator(p)));
        }
    }

    public static final class FedAdamProvider extends StrategyProvider.Base {
        public FedAdamProvider() {
            super("fedadam", "Server Adam on the averaged update (Reddi et al. 2021, Adaptive Federated Optimization)",
                    ADAPTIVE, List.of(),
                    p -> new FedAdam(p.serverLearningRate(), p.beta1(), p.beta2(), p.tau(), aggregator(p)));
        }
    }

    public static final class FedYogiProvider extends StrategyProvider.Base {
        public FedYogiProvider() {
            super("fedyogi", "Server Yogi on the averaged update (Reddi et al. 2021, Adaptive Federated Optimization)",
                    ADAPTIVE, List.of(),
                    p -> new FedYogi(p.serverLearningRate(), p.beta1(), p.beta2(), p.tau(), aggregator(p)));
        }
    }

    public static final class FedProxProvider extends StrategyProvider.Base {
        public FedProxProvider() {
            super("fedprox", "FedAvg whose clients add the proximal term (mu/2)||w - w_global||^2 to their local loss "
                    + "(Li et al. 2020)", List.of(SERVER_LEARNING_RATE, MU), List.of(),
                    p -> new FedProx(p.mu(), p.serverLearningRate()));
        }
    }

    public static final class FedNovaProvider extends StrategyProvider.Base {
        public FedNovaProvider() {
            super("fednova", "FedAvg of the updates normalised by each client's local steps, rescaled by the effective "
                    + "steps (Wang et al. 2020)", ETA, List.of("tau_eff"), p -> new FedNova(p.serverLearningRate()));
        }

        /** Needs each client's own step count, which central DP's single noised average does not carry. */
        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }

    public static final class QFedAvgProvider extends StrategyProvider.Base {
        public QFedAvgProvider() {
            super("qfedavg", "q-FedAvg: updates weighted by the clients' losses to the power q, for fairness "
                    + "(Li, Sanjabi, Beirami, Smith 2020)", List.of(SERVER_LEARNING_RATE, Q), List.of("global_loss_mean"),
                    p -> new QFedAvg(p.q(), p.serverLearningRate()));
        }

        /** Needs each client's own loss at the global model, which central DP's single noised average does not carry. */
        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }

    public static final class ScaffoldProvider extends StrategyProvider.Base {
        public ScaffoldProvider() {
            super("scaffold", "SCAFFOLD: clients correct their local steps by control variates c - c_i, the server "
                    + "averages updates and control variates (Karimireddy et al. 2020, option II)", ETA,
                    List.of("control_variate_norm"), p -> new Scaffold(p.serverLearningRate(), p.population()));
        }

        @Override
        public boolean keepsClientState() {
            return true;
        }
    }

    public static final class FedMedianProvider extends StrategyProvider.Base {
        public FedMedianProvider() {
            super("fedmedian", "Coordinate-wise median of the updates, unweighted (Yin et al. 2018)",
                    ETA, List.of(), p -> new FedMedian(p.serverLearningRate()));
        }

        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }

    public static final class TrimmedMeanProvider extends StrategyProvider.Base {
        public TrimmedMeanProvider() {
            super("trimmed-mean", "Coordinate-wise mean after trimming a fraction at each end (Yin et al. 2018)",
                    List.of(SERVER_LEARNING_RATE, TRIM_FRACTION), List.of("trimmed_per_side"),
                    p -> new TrimmedMean(p.serverLearningRate(), p.trimFraction()));
        }

        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }

    public static final class KrumProvider extends StrategyProvider.Base {
        public KrumProvider() {
            super("krum", "The one update closest to its n - f - 2 nearest neighbours (Blanchard et al. 2017)",
                    ROBUST, List.of("selected_clients", "selected_client_id"),
                    p -> new Krum(p.serverLearningRate(), p.byzantineClients()));
        }

        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }

    public static final class MultiKrumProvider extends StrategyProvider.Base {
        public MultiKrumProvider() {
            super("multi-krum", "Mean of the n - f updates with the best Krum scores (Blanchard et al. 2017)",
                    ROBUST, SELECTED, p -> new MultiKrum(p.serverLearningRate(), p.byzantineClients()));
        }

        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }

    public static final class BulyanProvider extends StrategyProvider.Base {
        public BulyanProvider() {
            super("bulyan", "Repeated Krum, then a coordinate-wise trimmed mean around the median "
                    + "(El Mhamdi et al. 2018)", ROBUST, SELECTED,
                    p -> new Bulyan(p.serverLearningRate(), p.byzantineClients()));
        }

        @Override
        public boolean comparesIndividualUpdates() {
            return true;
        }
    }
}
