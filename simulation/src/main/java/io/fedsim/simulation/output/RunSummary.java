package io.fedsim.simulation.output;

import io.fedsim.coordinator.RoundRecord;
import io.fedsim.core.model.Evaluation;
import io.fedsim.coordinator.privacy.PrivacyAccounting;
import io.fedsim.core.model.Model;
import io.fedsim.simulation.Version;
import io.fedsim.simulation.run.FederatedData;
import io.fedsim.simulation.scenario.PrivacySpec;
import io.fedsim.simulation.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished run in one object: what was run, how it ended, and the headline figures. Written as
 * {@code summary.json}; the keys are FedSim's public interface (added to, never renamed).
 *
 * @param finalTestAccuracy the test accuracy of the last evaluated round
 * @param bestRound         the first round with the best test accuracy
 */
public record RunSummary(String scenario, int rounds, double finalTestAccuracy, double finalTestLoss,
                         double bestTestAccuracy, int bestRound, double wallSeconds, double setupSeconds,
                         long seed, String stopReason, Map<String, Object> details) {

    public static RunSummary of(Scenario scenario, Model model, FederatedData data, List<RoundRecord> records,
                                String stopReason, double setupSeconds, Optional<PrivacyAccounting> privacy,
                                Evaluation finalOnTrain) {
        RoundRecord lastEvaluated = null;
        RoundRecord best = null;
        for (RoundRecord r : records) {
            if (r.evaluated()) {
                lastEvaluated = r;
                if (best == null || r.testAccuracy() > best.testAccuracy()) {
                    best = r;
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("final_train_loss", finalOnTrain.meanLoss());
        details.put("final_train_accuracy", finalOnTrain.accuracy());
        details.put("clients", data.shards().size());
        details.put("clients_per_round", scenario.clients().clientsPerRound());
        details.put("model", model.describe());
        details.put("parameters", model.numParameters());
        details.put("strategy", scenario.strategy().name());
        details.put("train_samples", data.train().size());
        details.put("test_samples", data.test().size());
        privacy.ifPresent(p -> {
            details.put("epsilon", p.epsilon());
            details.put("delta", p.delta());
            details.put("noise_multiplier", p.noiseMultiplier());
            details.put("clip_norm", scenario.privacy().clipNorm());
            details.put("sampling_rate", p.samplingRate());
            details.put("privacy_mode", p.isLocal() ? "local" : "central");
            details.put("accountant", p.isLocal()
                    ? "RDP of the Gaussian mechanism of the client that took part most often (local DP: no amplification "
                            + "by sampling), orders 1.1-63, conversion of Balle et al. 2020"
                    : "RDP of the Poisson-subsampled Gaussian (Mironov et al. 2019), orders 1.1-63, "
                            + "conversion of Balle et al. 2020");
            details.put("sampling", scenario.privacy().sampling() == PrivacySpec.Sampling.POISSON ? "poisson"
                    : "fixed (epsilon assumes Poisson sampling at the same rate)");
        });
        details.put("fedsim_version", Version.current());
        details.put("java_version", System.getProperty("java.version"));
        int rounds = records.isEmpty() ? 0 : records.get(records.size() - 1).round();
        double wall = records.isEmpty() ? 0 : records.get(records.size() - 1).wallSeconds();
        return new RunSummary(scenario.name(), rounds,
                lastEvaluated == null ? Double.NaN : lastEvaluated.testAccuracy(),
                lastEvaluated == null ? Double.NaN : lastEvaluated.testLoss(),
                best == null ? Double.NaN : best.testAccuracy(), best == null ? 0 : best.round(),
                wall, setupSeconds, scenario.seed(), stopReason, details);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("rounds", rounds);
        m.put("final_test_accuracy", finalTestAccuracy);
        m.put("final_test_loss", finalTestLoss);
        m.put("best_test_accuracy", bestTestAccuracy);
        m.put("best_round", bestRound);
        m.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        m.put("setup_seconds", Math.round(setupSeconds * 1000) / 1000.0);
        m.put("seed", seed);
        m.put("stop_reason", stopReason);
        m.putAll(details);
        return Json.object(m);
    }
}
