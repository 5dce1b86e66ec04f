package io.fedsim.simulation.sweep;

import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.run.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep's runs, {@code parallel} at a time, each into {@code runs/<folder>} below the sweep's
 * folder, and logs one line per finished run. Each run is a complete, independent simulation (its own
 * actor system and data), so running several at once changes no result.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private SweepRunner() {
    }

    /** The rows in grid order; the first failed run's exception once every run has ended. */
    public static List<SweepRow> run(SweepPlan plan, Path dir, int parallel) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "fedsim-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger finished = new AtomicInteger();
        List<Future<SweepRow>> futures = new ArrayList<>();
        for (SweepPlan.Run run : plan.runs()) {
            futures.add(pool.submit(() -> runOne(run, dir, plan.runs().size(), finished)));
        }
        pool.shutdown();
        try {
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SweepRow runOne(SweepPlan.Run run, Path dir, int total, AtomicInteger finished) throws IOException {
        String runDir = "runs/" + run.point().folderName();
        RunSummary summary = Simulation.run(run.scenario(), dir.resolve(runDir), r -> { });
        SweepRow row = SweepRow.of(run.point(), summary, runDir);
        LOG.info(String.format(Locale.ROOT, "sweep run %d/%d done (%d of %d finished): %s: test accuracy %.4f%s, "
                        + "%d rounds in %.1f s", run.point().index(), total, finished.incrementAndGet(), total,
                run.point().describe(), row.finalTestAccuracy(), epsilon(row), row.rounds(), row.wallSeconds()));
        return row;
    }

    private static String epsilon(SweepRow row) {
        if (!row.isPrivate()) {
            return "";
        }
        return Double.isInfinite(row.epsilon()) ? ", epsilon infinite (no noise)"
                : String.format(Locale.ROOT, ", epsilon %.3f", row.epsilon());
    }

    private static List<SweepRow> collect(List<Future<SweepRow>> futures) throws IOException {
        List<SweepRow> rows = new ArrayList<>();
        Throwable failure = null;
        for (Future<SweepRow> future : futures) {
            try {
                rows.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the sweep ran", e);
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure != null) {
            throw new IllegalStateException("a sweep run failed", failure);
        }
        return rows;
    }
}
