package io.fedsim.simulation.run;

import io.fedsim.core.FedSimException;
import io.fedsim.core.data.Blobs;
import io.fedsim.core.data.CsvReader;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.DirichletPartitioner;
import io.fedsim.core.data.FeatureScaling;
import io.fedsim.core.data.FedProxSynthetic;
import io.fedsim.core.data.IidPartitioner;
import io.fedsim.core.data.LocalSplit;
import io.fedsim.core.data.MnistLoader;
import io.fedsim.core.data.NaturalPartitioner;
import io.fedsim.core.data.Partitioner;
import io.fedsim.core.data.QuantitySkewPartitioner;
import io.fedsim.core.data.Shard;
import io.fedsim.core.data.ShardsPartitioner;
import io.fedsim.core.data.TrainTest;
import io.fedsim.core.rng.Rng;
import io.fedsim.simulation.scenario.CsvSpec;
import io.fedsim.simulation.scenario.DataSpec;
import io.fedsim.simulation.scenario.PartitionSpec;
import io.fedsim.simulation.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scenario's data, ready to federate: the training set split into one shard (a view) per client, and
 * the central test set. Loaded or generated, scaled, then partitioned, each random step from its own
 * generator derived from the scenario seed. With federated evaluation on, each client's shard is then
 * split into the part it trains on ({@link #shards()}) and its local test split ({@link #localTests()}),
 * each client with RNG(seed, "local-split", client id); otherwise the shards are left as partitioned and
 * {@code localTests} is empty.
 *
 * @param shards     what each client trains on, by client id
 * @param localTests each client's local test split, by client id; empty without federated evaluation
 */
public record FederatedData(Dataset train, Dataset test, List<Shard> shards, List<Shard> localTests) {

    public static FederatedData build(Scenario scenario) {
        DataSpec spec = scenario.data();
        TrainTest raw = load(spec, scenario.clients().count(), scenario.seed());
        TrainTest scaled = scaling(spec.scale()).apply(raw);
        Partitioner partitioner = partitioner(spec.partition());
        Shard[] shards;
        try {
            shards = partitioner.shards(scaled.train(), scenario.clients().count(), Rng.derive(scenario.seed(), "partition"));
        } catch (FedSimException e) {
            throw new FedSimException(scenario.sourceFile() + ": data.partition with clients.count = "
                    + scenario.clients().count() + ": " + e.getMessage(), e);
        }
        if (!scenario.eval().federated()) {
            return new FederatedData(scaled.train(), scaled.test(), List.of(shards), List.of());
        }
        List<Shard> train = new ArrayList<>(shards.length);
        List<Shard> localTests = new ArrayList<>(shards.length);
        for (int id = 0; id < shards.length; id++) {
            LocalSplit split = LocalSplit.of(shards[id], scenario.eval().localTestFraction(),
                    Rng.derive(scenario.seed(), "local-split", id));
            train.add(split.train());
            localTests.add(split.test());
        }
        return new FederatedData(scaled.train(), scaled.test(), List.copyOf(train), List.copyOf(localTests));
    }

    private static TrainTest load(DataSpec spec, int clients, long seed) {
        Rng rng = Rng.derive(seed, "data");
        return switch (spec.source()) {
            case BLOBS -> Blobs.generate(spec.blobs().trainSamples(), spec.blobs().testSamples(), spec.blobs().features(),
                    spec.blobs().classes(), spec.blobs().centerStd(), spec.blobs().noiseStd(), rng);
            case FEDPROX_SYNTHETIC -> FedProxSynthetic.generate(spec.synthetic().alpha(), spec.synthetic().beta(),
                    spec.synthetic().iid(), clients, rng);
            case IDX -> MnistLoader.load(spec.dir().orElseThrow());
            case CSV -> loadCsv(spec.csv(), rng);
        };
    }

    private static TrainTest loadCsv(CsvSpec csv, Rng rng) {
        CsvReader.Options options = csv.header()
                ? CsvReader.Options.withHeader(CsvReader.Column.named(csv.labelColumn()))
                : CsvReader.Options.withoutHeader(Integer.parseInt(csv.labelColumn()));
        options = options.withDelimiter(csv.delimiter().charAt(0));
        if (csv.groupColumn().isPresent()) {
            String g = csv.groupColumn().get();
            options = options.withGroup(csv.header() ? CsvReader.Column.named(g) : CsvReader.Column.at(Integer.parseInt(g)));
        }
        Dataset train = CsvReader.read(csv.train().orElseThrow(), options);
        if (csv.test().isPresent()) {
            return new TrainTest(train, CsvReader.read(csv.test().get(), options));
        }
        int[] order = rng.permutation(train.size());
        int testSize = (int) Math.round(csv.testFraction() * train.size());
        if (testSize == 0 || testSize == train.size()) {
            throw new FedSimException("data.csv.test-fraction: " + csv.testFraction() + " of the " + train.size()
                    + " rows of " + csv.train().orElseThrow() + " leaves " + (testSize == 0 ? "no test rows" : "no training rows")
                    + "; expected a fraction that keeps at least one row on each side, or a test file in data.csv.test.");
        }
        int[] testRows = Arrays.copyOfRange(order, 0, testSize);
        int[] trainRows = Arrays.copyOfRange(order, testSize, order.length);
        Arrays.sort(testRows);
        Arrays.sort(trainRows);
        return new TrainTest(train.select(train.name() + " (train split)", trainRows),
                train.select(train.name() + " (test split)", testRows));
    }

    private static FeatureScaling scaling(DataSpec.Scale scale) {
        return switch (scale) {
            case NONE -> FeatureScaling.NONE;
            case UNIT -> FeatureScaling.UNIT;
            case STANDARDIZE -> FeatureScaling.STANDARDIZE;
            case MINMAX -> FeatureScaling.MINMAX;
        };
    }

    private static Partitioner partitioner(PartitionSpec p) {
        return switch (p.scheme()) {
            case IID -> new IidPartitioner();
            case DIRICHLET -> new DirichletPartitioner(p.alpha(), p.minSize());
            case SHARDS -> new ShardsPartitioner(p.shardsPerClient());
            case QUANTITY_SKEW -> new QuantitySkewPartitioner(p.sigma());
            case NATURAL -> new NaturalPartitioner();
        };
    }
}
