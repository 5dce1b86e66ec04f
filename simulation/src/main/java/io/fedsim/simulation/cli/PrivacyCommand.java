package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.core.privacy.RdpAccountant;
import io.fedsim.simulation.output.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedsim privacy epsilon|sigma}: the RDP accountant of client-level DP-FedAvg on the command line,
 * one setting at a time or a CSV table of them. One step is one round with sampling rate q.
 */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Differential privacy accounting (RDP of the Poisson-subsampled Gaussian, one step per round).",
        subcommands = {PrivacyCommand.Epsilon.class, PrivacyCommand.Sigma.class})
final class PrivacyCommand implements Runnable {
    static final double DEFAULT_DELTA = 1e-5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: epsilon (the epsilon a "
                + "setting spends) or sigma (the noise multiplier for a target epsilon).");
    }

    /** {@code fedsim privacy epsilon}: the epsilon spent by a setting, or by each row of a CSV file. */
    @Command(name = "epsilon", mixinStandardHelpOptions = true,
            description = {"Epsilon spent after STEPS rounds at sampling rate Q and noise multiplier SIGMA.",
                "With --csv FILE: reads columns q, sigma, steps, delta (any order, other columns kept) and "
                        + "writes the rows back with epsilon and best_order appended."})
    static final class Epsilon implements Callable<Integer> {
        @Option(names = "--q", paramLabel = "Q", description = "Sampling rate: expected cohort size / population, in (0, 1].")
        Double q;

        @Option(names = "--sigma", paramLabel = "SIGMA", description = "Noise multiplier: noise std / clip norm, >= 0.")
        Double sigma;

        @Option(names = "--steps", paramLabel = "STEPS", description = "Number of rounds (one step each), >= 0.")
        Long steps;

        @Option(names = "--delta", paramLabel = "DELTA", description = "Target delta, in (0, 1); default 1e-5.")
        Double delta;

        @Option(names = "--json", description = "Print one JSON object instead of a sentence.")
        boolean json;

        @Option(names = "--csv", paramLabel = "FILE", description = "Compute every row of this CSV file.")
        Path csv;

        @Option(names = "--out", paramLabel = "FILE2", description = "With --csv: write the table here instead of to stdout.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            if (csv != null) {
                refuseWithCsv("--q", q);
                refuseWithCsv("--sigma", sigma);
                refuseWithCsv("--steps", steps);
                refuseWithCsv("--delta", delta);
                refuseWithCsv("--json", json ? true : null);
                PrivacyTable.compute(csv, out, o);
                return 0;
            }
            if (out != null) {
                throw new FedSimException("--out " + out + ": only applies with --csv FILE; a single setting is printed.");
            }
            double qv = PrivacyArguments.q("--q", require("--q", q));
            double s = PrivacyArguments.sigma("--sigma", require("--sigma", sigma));
            long t = PrivacyArguments.steps("--steps", require("--steps", steps));
            double d = PrivacyArguments.delta("--delta", delta != null ? delta : DEFAULT_DELTA);
            RdpAccountant.Spent spent = RdpAccountant.epsilon(qv, s, t, d);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("q", qv);
                m.put("sigma", s);
                m.put("steps", t);
                m.put("delta", d);
                m.put("epsilon", spent.epsilon());
                m.put("best_order", PrivacyArguments.orderValue(spent.bestOrder()));
                o.println(Json.object(m));
            } else if (Double.isInfinite(spent.epsilon())) {
                o.printf("epsilon = infinity (no noise, no privacy; q = %s, sigma = %s, %d steps, delta = %s)%n",
                        PrivacyArguments.plain(qv), PrivacyArguments.plain(s), t, PrivacyArguments.plain(d));
            } else {
                o.printf(Locale.ROOT, "epsilon = %.6f (best order %s; q = %s, sigma = %s, %d steps, delta = %s)%n",
                        spent.epsilon(), PrivacyArguments.order(spent.bestOrder()), PrivacyArguments.plain(qv),
                        PrivacyArguments.plain(s), t, PrivacyArguments.plain(d));
            }
            o.flush();
            return 0;
        }

        private static void refuseWithCsv(String option, Object value) {
            if (value != null) {
                throw new FedSimException(option + ": cannot be combined with --csv; the file gives q, sigma, steps "
                        + "and delta for each row, and the table is written as CSV.");
            }
        }
    }

    /** {@code fedsim privacy sigma}: the noise multiplier that keeps a setting within a target epsilon. */
    @Command(name = "sigma", mixinStandardHelpOptions = true,
            description = "The smallest noise multiplier whose epsilon after STEPS rounds at sampling rate Q is at "
                    + "most EPSILON.")
    static final class Sigma implements Callable<Integer> {
        @Option(names = "--q", paramLabel = "Q", required = true,
                description = "Sampling rate: expected cohort size / population, in (0, 1].")
        double q;

        @Option(names = "--epsilon", paramLabel = "EPSILON", required = true, description = "Target epsilon, > 0.")
        double epsilon;

        @Option(names = "--steps", paramLabel = "STEPS", required = true, description = "Number of rounds (one step each), >= 1.")
        long steps;

        @Option(names = "--delta", paramLabel = "DELTA", defaultValue = "1e-5", description = "Target delta, in (0, 1); default 1e-5.")
        double delta;

        @Option(names = "--json", description = "Print one JSON object instead of a sentence.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrivacyArguments.q("--q", q);
            PrivacyArguments.epsilon("--epsilon", epsilon);
            PrivacyArguments.delta("--delta", delta);
            if (steps < 1) {
                throw new FedSimException("--steps: must be >= 1, was " + steps + " (with no rounds there is "
                        + "nothing to protect and no noise multiplier to find).");
            }
            // Noise cannot push epsilon below the RDP-to-(epsilon, delta) conversion's floor: say so instead of searching.
            double floor = RdpAccountant.epsilon(q, 1e6, steps, delta).epsilon();
            if (floor > epsilon) {
                throw new FedSimException(String.format(Locale.ROOT, "--epsilon: %s cannot be reached at delta = %s; "
                        + "even a noise multiplier of 1e6 gives epsilon %.6f (the floor of the conversion from RDP "
                        + "at orders up to 63). Ask for a larger epsilon or delta.", PrivacyArguments.plain(epsilon),
                        PrivacyArguments.plain(delta), floor));
            }
            double sigma = RdpAccountant.noiseMultiplier(q, epsilon, steps, delta);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("q", q);
                m.put("epsilon", epsilon);
                m.put("steps", steps);
                m.put("delta", delta);
                m.put("noise_multiplier", sigma);
                o.println(Json.object(m));
            } else {
                double shown = PrivacyArguments.roundUp(sigma);
                RdpAccountant.Spent spent = RdpAccountant.epsilon(q, shown, steps, delta);
                o.printf(Locale.ROOT, "noise multiplier = %s (gives epsilon = %.6f <= %s at best order %s; q = %s, "
                        + "%d steps, delta = %s)%n", PrivacyArguments.plain(shown), spent.epsilon(),
                        PrivacyArguments.plain(epsilon), PrivacyArguments.order(spent.bestOrder()),
                        PrivacyArguments.plain(q), steps, PrivacyArguments.plain(delta));
            }
            o.flush();
            return 0;
        }
    }

    private static <T> T require(String option, T value) {
        if (value == null) {
            throw new FedSimException(option + ": missing; give --q, --sigma and --steps (and optionally --delta), "
                    + "or --csv FILE.");
        }
        return value;
    }
}
