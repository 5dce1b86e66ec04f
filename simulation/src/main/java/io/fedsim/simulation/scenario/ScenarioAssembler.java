package io.fedsim.simulation.scenario;

import io.fedsim.client.LearningRateSchedule;
import io.fedsim.coordinator.strategy.Aggregators;
import io.fedsim.simulation.scenario.DataSpec.Scale;
import io.fedsim.simulation.scenario.DataSpec.Source;
import io.fedsim.simulation.scenario.PartitionSpec.Scheme;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Builds the scenario records from a merged config, section by section, and checks the rules that span
 * several records. Problems accumulate in the reader; {@link #assemble()} returns null if there were any.
 */
final class ScenarioAssembler {
    private final ScenarioReader in;
    private final Locator locator;
    private final Map<String, StrategyTraits> strategies;
    private final Path file;

    ScenarioAssembler(ScenarioReader in, Locator locator, Map<String, StrategyTraits> strategies, Path file) {
        this.in = in;
        this.locator = locator;
        this.strategies = strategies;
        this.file = file;
    }

    Scenario assemble() {
        String name = in.optionalString("name").orElseGet(this::nameFromFile);
        String description = in.string("description");
        int rounds = in.integer("rounds");
        long seed = in.longInteger("seed");
        int evalEvery = in.integer("eval-every");
        OptionalDouble target = in.optionalNumber("target-accuracy")
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
        EvalSpec eval = in.build(() -> new EvalSpec(in.integer("eval.federated-every"),
                in.number("eval.federated-fraction"), in.number("data.local-test-fraction")));
        DataSpec data = data();
        ClientsSpec clients = in.build(() -> new ClientsSpec(in.integer("clients.count"),
                in.number("clients.fraction"), in.integer("clients.min-per-round"),
                in.integer("clients.local-epochs"), in.integer("clients.batch-size"),
                in.number("clients.learning-rate"),
                in.choice("clients.learning-rate-schedule", LearningRateSchedule.Kind.class),
                in.number("clients.learning-rate-decay")));
        ModelSpec model = model();
        StrategySpec strategy = strategy();
        PrivacySpec privacy = privacy();
        RoundSpec round = in.build(() -> new RoundSpec(in.duration("round.timeout")));
        RuntimeSpec runtime = in.build(() -> new RuntimeSpec(in.integer("runtime.training-threads"),
                in.choice("runtime.spawn-clients", RuntimeSpec.SpawnClients.class)));
        if (strategy != null && privacy != null) {
            checkStrategyFits(strategy, privacy);
        }
        ConditionsSpec conditions = conditions();
        AttackSpec attack = attack();
        CompressionSpec compression = in.build(() -> new CompressionSpec(
                in.choice("compression.uplink", io.fedsim.client.uplink.Compression.Uplink.class),
                in.number("compression.topk-fraction"), in.bool("compression.error-feedback")));
        CheckpointSpec checkpoint = in.build(() -> new CheckpointSpec(in.integer("checkpoint.every"),
                in.integer("checkpoint.keep")));
        if (eval == null || data == null || clients == null || model == null || strategy == null || privacy == null
                || round == null || runtime == null || conditions == null || attack == null || compression == null
                || checkpoint == null) {
            in.build(() -> {
                Scenario.headerChecks(name, rounds, evalEvery, target).done();
                return null;
            });
            return null;
        }
        Scenario scenario = in.build(() -> new Scenario(name, description, rounds, seed, evalEvery, target,
                eval, data, clients, model, strategy, privacy, round, runtime, conditions, attack, compression, checkpoint,
                file));
        if (scenario != null) {
            checkConditions(scenario);
        }

        return in.problems().isEmpty() ? scenario : null;
    }

    private String nameFromFile() {
        String fileName = String.valueOf(file.getFileName());
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private DataSpec data() {
        Optional<Path> dir = path("data.dir", Optional.empty());
        Source source = source(dir);
        Scale scale = scale(source);
        BlobsSpec blobs = in.build(() -> new BlobsSpec(in.integer("data.blobs.features"),
                in.integer("data.blobs.classes"), in.integer("data.blobs.train-samples"),
                in.integer("data.blobs.test-samples"), in.number("data.blobs.center-std"),
                in.number("data.blobs.noise-std")));
        SyntheticSpec synthetic = in.build(() -> new SyntheticSpec(in.number("data.synthetic.alpha"),
                in.number("data.synthetic.beta"), in.bool("data.synthetic.iid")));
        Optional<Path> train = path("data.csv.train", dir);
        Optional<String> groupColumn = in.optionalString("data.csv.group-column");
        CsvSpec csv = in.build(() -> new CsvSpec(train, path("data.csv.test", dir),
                in.string("data.csv.label-column"), in.bool("data.csv.header"), in.string("data.csv.delimiter"),
                groupColumn, in.number("data.csv.test-fraction")));
        Scheme scheme = in.choice("data.partition.scheme", Scheme.class);
        PartitionSpec partition = in.build(() -> new PartitionSpec(scheme,
                in.number("data.partition.alpha"), in.integer("data.partition.min-size"),
                in.integer("data.partition.shards-per-client"), in.number("data.partition.sigma")));
        checkSourceNeeds(source, dir, train);
        checkNaturalPartition(source, scheme, groupColumn);
        if (blobs == null || synthetic == null || csv == null || partition == null) {
            return null;
        }
        return new DataSpec(source, dir, scale, blobs, synthetic, csv, partition);
    }

    /** "auto": the MNIST IDX files of data.dir when it is set, MNIST-shaped Gaussian blobs otherwise. */
    private Source source(Optional<Path> dir) {
        Optional<String> text = in.optionalString("data.source");
        if (text.isPresent() && text.get().equals("auto")) {
            return dir.isPresent() ? Source.IDX : Source.BLOBS;
        }
        Optional<Source> source = text.flatMap(t -> EnumNames.parse(Source.class, t));
        if (source.isEmpty()) {
            in.report(Problem.at("data.source", "expected one of auto | " + EnumNames.choices(Source.class)
                    + ", was " + text.map(Checks::quote).orElse("null")));
        }
        return source.orElse(Source.BLOBS);
    }

    private Scale scale(Source source) {
        Optional<String> text = in.optionalString("data.scale");
        if (text.isPresent() && text.get().equals("auto")) {
            return DataSpec.autoScale(source);
        }
        Optional<Scale> scale = text.flatMap(s -> EnumNames.parse(Scale.class, s));
        if (scale.isEmpty()) {
            in.report(Problem.at("data.scale", "expected one of auto | " + EnumNames.choices(Scale.class)
                    + ", was " + text.map(Checks::quote).orElse("null")));
        }
        return scale.orElse(DataSpec.autoScale(source));
    }

    /** A path relative to base (or, without one, to the working directory), made absolute. */
    private Optional<Path> path(String key, Optional<Path> base) {
        Optional<String> text = in.optionalString(key);
        try {
            return text.map(Path::of).map(p -> base.map(b -> b.resolve(p)).orElse(p).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            in.report(Problem.at(key, "expected a file path, was " + Checks.quote(text.orElse(""))));
            return Optional.empty();
        }
    }

    private void checkSourceNeeds(Source source, Optional<Path> dir, Optional<Path> train) {
        if (source == Source.IDX && dir.isEmpty()) {
            crossProblem("data.source", "data.dir", "required when data.source = idx (the folder holding the "
                    + "four MNIST IDX files), was null");
        }
        if (source == Source.CSV && train.isEmpty()) {
            crossProblem("data.source", "data.csv.train", "required when data.source = csv, was null");
        }
    }

    private void checkNaturalPartition(Source source, Scheme scheme, Optional<String> groupColumn) {
        boolean grouped = source == Source.FEDPROX_SYNTHETIC || source == Source.CSV && groupColumn.isPresent();
        if (scheme == Scheme.NATURAL && !grouped) {
            String why = source == Source.CSV ? "data.csv.group-column is null" : "data.source is " + EnumNames.key(source);
            crossProblem("data.partition.scheme", "data.partition.scheme", "natural needs data.source = "
                    + "fedprox-synthetic, or csv with data.csv.group-column set, was natural (" + why + ")");
        }
    }

    /** Logistic regression has no hidden layers: the default widths apply only if the user set none. */
    private ModelSpec model() {
        ModelSpec.Type type = in.choice("model.type", ModelSpec.Type.class);
        List<Integer> hidden = in.integerList("model.hidden");
        boolean defaultHidden = locator.isDefault("model.hidden");
        return in.build(() -> new ModelSpec(type, type == ModelSpec.Type.LOGREG && defaultHidden ? List.of() : hidden));
    }

    private StrategySpec strategy() {
        String name = in.string("strategy.name");
        if (!strategies.containsKey(name)) {
            in.report(Problem.at("strategy.name", "unknown strategy, expected one of "
                    + String.join(" | ", new TreeSet<>(strategies.keySet())) + ", was " + Checks.quote(name)));
            return null;
        }
        return in.build(() -> new StrategySpec(name, in.number("strategy.server-learning-rate"),
                in.number("strategy.momentum"), in.number("strategy.beta1"), in.number("strategy.beta2"),
                in.number("strategy.tau"), in.number("strategy.trim-fraction"), in.integer("strategy.byzantine-clients"),
                in.number("strategy.mu"), in.number("strategy.q"), in.string("strategy.aggregator")));
    }

    /**
     * The rules between the strategy and the rest: an aggregator only under a server optimiser, no robust rule
     * (and no robust aggregator) under central DP, no strategy with client state under either DP mode.
     */
    private void checkStrategyFits(StrategySpec strategy, PrivacySpec privacy) {
        StrategyTraits traits = strategies.get(strategy.name());
        String aggregator = strategy.aggregator();
        boolean robust = !aggregator.equals(Aggregators.MEAN);
        if (robust && !traits.takesAggregator()) {
            String hint = strategy.name().equals("fedavg")
                    ? "fedavg over " + aggregator + " is " + aggregator + " itself: use strategy.name = " + aggregator
                    : "strategy.name = " + strategy.name() + " aggregates by its own rule";
            crossProblem("strategy.aggregator", "strategy.aggregator", "composes only with the server optimisers ("
                    + String.join(", ", composers()) + "), was " + aggregator + " with strategy.name = "
                    + strategy.name() + "; " + hint);
        }
        PrivacySpec.Mode mode = privacy.mode();
        if (traits.keepsClientState() && mode != PrivacySpec.Mode.NONE) {
            crossProblem("privacy.mode", "privacy.mode", "strategy.name = " + strategy.name() + " keeps state on the "
                    + "clients and sends each client's control-variate change beside its update; privacy.mode = "
                    + EnumNames.key(mode) + " would neither clip nor noise that vector, which reveals the client's raw "
                    + "update (and under central DP the server's control variate would steer the released models "
                    + "unprotected), so " + strategy.name() + " runs only with privacy.mode = none");
        } else if (mode == PrivacySpec.Mode.CENTRAL && (traits.comparesIndividualUpdates() || robust)) {
            String what = traits.comparesIndividualUpdates() ? "strategy.name = " + strategy.name()
                    : "strategy.aggregator = " + aggregator;
            crossProblem("privacy.mode", "privacy.mode", what + " compares the clients' individual updates, but "
                    + "privacy.mode = central hands the strategy one noised average per round; use privacy.mode = "
                    + "local (each client noises its own update) or a strategy that averages (fedavg, fedavgm, "
                    + "fedadam, fedyogi, fedadagrad, fedprox) with strategy.aggregator = mean");
        }
    }

    /** The registered strategies that read strategy.aggregator, in name order. */
    private List<String> composers() {
        return strategies.entrySet().stream().filter(e -> e.getValue().takesAggregator())
                .map(java.util.Map.Entry::getKey).sorted().toList();
    }

    private AttackSpec attack() {
        io.fedsim.client.attack.Attack.Kind kind = in.choice("attack.kind", io.fedsim.client.attack.Attack.Kind.class);
        OptionalDouble z = in.optionalNumber("attack.z").map(OptionalDouble::of).orElse(OptionalDouble.empty());
        return in.build(() -> new AttackSpec(kind, in.number("attack.fraction"), in.number("attack.scale"),
                in.number("attack.noise-std"), z));
    }

    private PrivacySpec privacy() {
        PrivacySpec.Mode mode = in.choice("privacy.mode", PrivacySpec.Mode.class);
        PrivacySpec.Sampling sampling = in.choice("privacy.sampling", PrivacySpec.Sampling.class);
        OptionalDouble target = in.optionalNumber("privacy.target-epsilon")
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
        OptionalDouble countStddev = in.optionalNumber("privacy.adaptive-clipping.count-stddev")
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
        PrivacySpec.Adaptive adaptive = in.build(() -> new PrivacySpec.Adaptive(in.bool("privacy.adaptive-clipping.enabled"),
                in.number("privacy.adaptive-clipping.target-quantile"), in.number("privacy.adaptive-clipping.learning-rate"),
                countStddev));
        if (adaptive == null) {
            return null;
        }
        return in.build(() -> new PrivacySpec(mode, in.number("privacy.clip-norm"), in.number("privacy.noise-multiplier"),
                in.number("privacy.delta"), target, in.bool("privacy.calibrate"), sampling, adaptive));
    }

    private ConditionsSpec conditions() {
        DevicesSpec devices = in.build(() -> new DevicesSpec(in.bool("devices.enabled"), distribution("devices.speed"),
                distribution("devices.up-bandwidth"), distribution("devices.down-bandwidth"),
                distribution("devices.latency"), path("devices.trace", Optional.empty())));
        if (devices == null) {
            return null;
        }
        OptionalDouble deadline = in.optionalNumber("round.deadline").map(OptionalDouble::of).orElse(OptionalDouble.empty());
        return in.build(() -> new ConditionsSpec(devices, deadline,
                in.choice("round.stragglers", ConditionsSpec.Stragglers.class), in.integer("round.min-completed"),
                in.number("clients.over-selection"), in.number("availability.offline-probability"),
                in.number("availability.dropout-probability"), in.number("faults.crash-probability"),
                in.choice("mode", ConditionsSpec.Mode.class), in.integer("async.buffer-size"),
                in.integer("async.concurrency")));
    }

    private io.fedsim.coordinator.time.Distribution distribution(String key) {
        String text = in.string(key);
        return Distributions.parse(text).orElseGet(() -> {
            in.report(Problem.at(key, "expected " + Distributions.EXPECTED + ", was " + Checks.quote(text)));
            return new io.fedsim.coordinator.time.Distribution.Fixed(1);
        });
    }

    /** Over-selection keeps the first K of a larger fixed cohort; Poisson sampling has no K. FedBuff is not private here. */
    private void checkConditions(Scenario s) {
        if (s.conditions().async() && s.eval().federatedEvery() > 0) {
            crossProblem("mode", "mode", "async (FedBuff) has no federated evaluation here; set eval.federated-every = 0 "
                    + "or mode = sync");
        }
        if (s.conditions().async() && s.privacy().enabled()) {
            crossProblem("mode", "mode", "async (FedBuff) has no differential privacy here; set privacy.mode = none "
                    + "or mode = sync");
        }
        if (s.conditions().async() && s.attack().enabled()) {
            crossProblem("mode", "mode", "async (FedBuff) has no Byzantine attackers here; set attack.kind = none "
                    + "or mode = sync");
        }
        if (s.conditions().async() && s.compression().uplink() != io.fedsim.client.uplink.Compression.Uplink.NONE) {
            crossProblem("mode", "mode", "async (FedBuff) sends dense updates here; set compression.uplink = none "
                    + "or mode = sync");
        }
        if (s.conditions().async() && !s.strategy().aggregator().equals(Aggregators.MEAN)) {
            crossProblem("mode", "mode", "async (FedBuff) averages its buffer by its own rule; strategy.aggregator = "
                    + s.strategy().aggregator() + " needs mode = sync");
        }
        if (s.conditions().async() && strategies.get(s.strategy().name()).keepsClientState()) {
            crossProblem("mode", "mode", "async (FedBuff) runs its own buffered averaging, without control variates; "
                    + "strategy.name = " + s.strategy().name() + " needs mode = sync");
        }
        if (s.conditions().overSelection() > 0 && s.privacy().enabled()
                && s.privacy().sampling() == PrivacySpec.Sampling.POISSON) {
            crossProblem("clients.over-selection", "clients.over-selection", "needs a fixed cohort, but privacy.sampling "
                    + "= poisson draws a varying one; set privacy.sampling = fixed or clients.over-selection = 0");
        }
    }

    /** A problem reported at one key but located where the user wrote the key that caused it. */
    private void crossProblem(String cause, String path, String detail) {
        in.report(new Problem(locator.locate(cause), path, detail));
    }
}
