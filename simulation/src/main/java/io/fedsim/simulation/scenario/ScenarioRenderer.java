package io.fedsim.simulation.scenario;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a scenario back as HOCON using the same key names the loader reads, so that the text loads
 * into an equal scenario. Typesafe Config sorts keys when rendering, which keeps the output stable.
 */
final class ScenarioRenderer {
    private static final ConfigRenderOptions OPTIONS = ConfigRenderOptions.defaults()
            .setOriginComments(false).setComments(false).setJson(false).setFormatted(true);

    private ScenarioRenderer() {
    }

    static String render(Scenario s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", s.name());
        root.put("description", s.description());
        root.put("rounds", s.rounds());
        root.put("seed", s.seed());
        root.put("eval-every", s.evalEvery());
        root.put("target-accuracy", s.targetAccuracy().isPresent() ? s.targetAccuracy().getAsDouble() : null);
        root.put("eval", Map.of("federated-every", s.eval().federatedEvery(),
                "federated-fraction", s.eval().federatedFraction()));
        Map<String, Object> data = data(s.data());
        data.put("local-test-fraction", s.eval().localTestFraction());
        root.put("data", data);
        Map<String, Object> clients = new LinkedHashMap<>(clients(s.clients()));
        clients.put("over-selection", s.conditions().overSelection());
        root.put("clients", clients);
        root.put("model", Map.of("type", EnumNames.key(s.model().type()), "hidden", s.model().hidden()));
        root.put("strategy", strategy(s.strategy()));
        root.put("privacy", privacy(s.privacy()));
        ConditionsSpec c = s.conditions();
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("timeout", duration(s.round().timeout()));
        round.put("deadline", c.deadline().isPresent() ? c.deadline().getAsDouble() : null);
        round.put("stragglers", EnumNames.key(c.stragglers()));
        round.put("min-completed", c.minCompleted());
        root.put("round", round);
        root.put("devices", devices(c.devices()));
        root.put("availability", Map.of("offline-probability", c.offlineProbability(),
                "dropout-probability", c.dropoutProbability()));
        root.put("faults", Map.of("crash-probability", c.crashProbability()));
        root.put("mode", EnumNames.key(c.mode()));
        root.put("async", Map.of("buffer-size", c.bufferSize(), "concurrency", c.concurrency()));
        root.put("runtime", Map.of("training-threads", s.runtime().trainingThreads(),
                "spawn-clients", EnumNames.key(s.runtime().spawnClients())));
        root.put("attack", attack(s.attack()));
        CompressionSpec z = s.compression();
        root.put("compression", Map.of("uplink", EnumNames.key(z.uplink()), "topk-fraction", z.topkFraction(),
                "error-feedback", z.errorFeedback()));
        root.put("checkpoint", Map.of("every", s.checkpoint().every(), "keep", s.checkpoint().keep()));
        return ConfigValueFactory.fromMap(root).render(OPTIONS);
    }

    /** The shortest exact HOCON spelling: "60s", "1500ms" or, failing those, nanoseconds. */
    static String duration(Duration d) {
        if (d.toNanos() % 1_000_000_000L == 0) {
            return d.toSeconds() + "s";
        }
        if (d.toNanos() % 1_000_000L == 0) {
            return d.toMillis() + "ms";
        }
        return d.toNanos() + "ns";
    }

    private static Map<String, Object> strategy(StrategySpec st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", st.name());
        m.put("server-learning-rate", st.serverLearningRate());
        m.put("momentum", st.momentum());
        m.put("beta1", st.beta1());
        m.put("beta2", st.beta2());
        m.put("tau", st.tau());
        m.put("trim-fraction", st.trimFraction());
        m.put("byzantine-clients", st.byzantineClients());
        m.put("mu", st.mu());
        m.put("q", st.q());
        m.put("aggregator", st.aggregator());
        return m;
    }

    private static Map<String, Object> attack(AttackSpec a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", EnumNames.key(a.kind()));
        m.put("fraction", a.fraction());
        m.put("scale", a.scale());
        m.put("noise-std", a.noiseStd());
        m.put("z", a.z().isPresent() ? a.z().getAsDouble() : null);
        return m;
    }

    private static Map<String, Object> privacy(PrivacySpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", EnumNames.key(p.mode()));
        m.put("clip-norm", p.clipNorm());
        m.put("noise-multiplier", p.noiseMultiplier());
        m.put("delta", p.delta());
        m.put("target-epsilon", p.targetEpsilon().isPresent() ? p.targetEpsilon().getAsDouble() : null);
        m.put("calibrate", p.calibrate());
        m.put("sampling", EnumNames.key(p.sampling()));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("enabled", p.adaptive().enabled());
        a.put("target-quantile", p.adaptive().targetQuantile());
        a.put("learning-rate", p.adaptive().learningRate());
        a.put("count-stddev", p.adaptive().countStddev().isPresent() ? p.adaptive().countStddev().getAsDouble() : null);
        m.put("adaptive-clipping", a);
        return m;
    }

    private static Map<String, Object> data(DataSpec d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", EnumNames.key(d.source()));
        m.put("dir", path(d.dir()));
        m.put("scale", EnumNames.key(d.scale()));
        BlobsSpec b = d.blobs();
        m.put("blobs", Map.of("features", b.features(), "classes", b.classes(), "train-samples", b.trainSamples(),
                "test-samples", b.testSamples(), "center-std", b.centerStd(), "noise-std", b.noiseStd()));
        SyntheticSpec syn = d.synthetic();
        m.put("synthetic", Map.of("alpha", syn.alpha(), "beta", syn.beta(), "iid", syn.iid()));
        m.put("csv", csv(d.csv()));
        PartitionSpec p = d.partition();
        m.put("partition", Map.of("scheme", EnumNames.key(p.scheme()), "alpha", p.alpha(), "min-size", p.minSize(),
                "shards-per-client", p.shardsPerClient(), "sigma", p.sigma()));
        return m;
    }

    private static Map<String, Object> csv(CsvSpec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", path(c.train()));
        m.put("test", path(c.test()));
        m.put("label-column", c.labelColumn());
        m.put("header", c.header());
        m.put("delimiter", c.delimiter());
        m.put("group-column", c.groupColumn().orElse(null));
        m.put("test-fraction", c.testFraction());
        return m;
    }

    private static Map<String, Object> clients(ClientsSpec c) {
        return Map.of("count", c.count(), "fraction", c.fraction(), "min-per-round", c.minPerRound(),
                "local-epochs", c.localEpochs(), "batch-size", c.batchSize(), "learning-rate", c.learningRate(),
                "learning-rate-schedule", EnumNames.key(c.learningRateSchedule()),
                "learning-rate-decay", c.learningRateDecay());
    }

    private static Map<String, Object> devices(DevicesSpec d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", d.enabled());
        m.put("speed", d.speed().toString());
        m.put("up-bandwidth", d.upBandwidth().toString());
        m.put("down-bandwidth", d.downBandwidth().toString());
        m.put("latency", d.latency().toString());
        m.put("trace", path(d.trace()));
        return m;
    }

    private static String path(Optional<Path> p) {
        return p.map(Path::toString).orElse(null);
    }
}
