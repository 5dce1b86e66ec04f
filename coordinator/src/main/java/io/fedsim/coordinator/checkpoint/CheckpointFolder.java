package io.fedsim.coordinator.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's {@code checkpoints/} folder: one file per checkpointed round, {@code round-000120.ckpt}, of which
 * the newest {@code keep} are kept.
 */
public final class CheckpointFolder {
    private static final Pattern NAME = Pattern.compile("round-(\\d{6,})\\.ckpt");

    private final Path dir;
    private final int keep;

    /** @param keep how many of the newest checkpoints to keep; older ones are deleted as new ones are written */
    public CheckpointFolder(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    /** The file name of round {@code round}'s checkpoint. */
    public static String fileName(int round) {
        return String.format(Locale.ROOT, "round-%06d.ckpt", round);
    }

    /**
     * Writes {@code checkpoint} (atomically), then deletes all but the newest {@code keep}, and any temporary
     * file a killed writer left behind.
     */
    public Path write(Checkpoint checkpoint) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(checkpoint.round()));
        CheckpointFile.write(file, checkpoint);
        List<Path> all = files();
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            Files.deleteIfExists(old);
        }
        try (Stream<Path> leftovers = Files.list(dir)) {
            for (Path tmp : leftovers.filter(p -> p.getFileName().toString().endsWith(".ckpt.tmp")).toList()) {
                Files.deleteIfExists(tmp);
            }
        }
        return file;
    }

    /** The checkpoint files, oldest round first. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointFolder::roundOf))
                    .toList();
        }
    }

    /** A checkpoint read from its file. */
    public record Found(Path file, Checkpoint checkpoint) {
    }

    /**
     * The newest checkpoint that reads back intact. Damaged or incomplete newer ones are skipped, each
     * with a message to {@code warn}.
     */
    public Optional<Found> newestIntact(Consumer<String> warn) throws IOException {
        List<Path> newestFirst = new ArrayList<>(files());
        java.util.Collections.reverse(newestFirst);
        for (Path file : newestFirst) {
            try {
                return Optional.of(new Found(file, CheckpointFile.read(file)));
            } catch (CheckpointFile.CorruptException e) {
                warn.accept(e.getMessage() + "; skipping it for an older checkpoint");
            }
        }
        return Optional.empty();
    }

    private static long roundOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint file name: " + file);
        }
        return Long.parseLong(m.group(1));
    }
}
