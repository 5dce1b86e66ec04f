package io.fedsim.simulation.scenario;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the data comes from, how features are scaled and how it is split among clients. Rules that tie
 * fields together (idx needs dir, csv needs a train file, natural needs groups) are checked by
 * {@link ScenarioLoader}, which knows where in the file each value was written.
 *
 * @param dir absolute folder of the data files (idx: the four MNIST files; csv: base of relative paths)
 * @param scale the scaling to apply; "auto" in a file was already resolved by the loader
 */
public record DataSpec(
        Source source,
        Optional<Path> dir,
        Scale scale,
        BlobsSpec blobs,
        SyntheticSpec synthetic,
        CsvSpec csv,
        PartitionSpec partition) {

    public enum Source { BLOBS, FEDPROX_SYNTHETIC, IDX, CSV }

    public enum Scale { NONE, UNIT, STANDARDIZE, MINMAX }

    public DataSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(synthetic, "synthetic");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(partition, "partition");
    }

    /** What "scale = auto" means: IDX images are bytes, so scale them to [0, 1]; leave the rest as is. */
    public static Scale autoScale(Source source) {
        return source == Source.IDX ? Scale.UNIT : Scale.NONE;
    }
}
