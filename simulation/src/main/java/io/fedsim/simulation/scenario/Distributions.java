package io.fedsim.simulation.scenario;

import io.fedsim.coordinator.time.Distribution;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The scenario spelling of a device distribution: {@code 100}, {@code fixed(100)}, {@code uniform(50, 150)}, {@code lognormal(100, 0.5)}. */
final class Distributions {
    static final String EXPECTED = "a number, fixed(v), uniform(min, max) or lognormal(median, sigma)";
    private static final Pattern CALL = Pattern.compile("\\s*([a-z]+)\\s*\\(([^)]*)\\)\\s*");

    private Distributions() {
    }

    /** The distribution {@code text} spells, or empty when it spells none (bad name, arity or number). */
    static Optional<Distribution> parse(String text) {
        Optional<Double> bare = number(text);
        if (bare.isPresent()) {
            return Optional.of(new Distribution.Fixed(bare.get()));
        }
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String[] parts = m.group(2).split(",", -1);
        double[] args = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Double> v = number(parts[i]);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            args[i] = v.get();
        }
        try {
            return switch (m.group(1)) {
                case "fixed" -> args.length == 1 ? Optional.of(new Distribution.Fixed(args[0])) : Optional.empty();
                case "uniform" -> args.length == 2 ? Optional.of(new Distribution.Uniform(args[0], args[1])) : Optional.empty();
                case "lognormal" -> args.length == 2 ? Optional.of(new Distribution.LogNormal(args[0], args[1])) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The smallest value the distribution can draw (0 for a lognormal, which draws only positive values). */
    static double lowest(Distribution d) {
        if (d instanceof Distribution.Fixed f) {
            return f.value();
        }
        return d instanceof Distribution.Uniform u ? u.min() : Double.MIN_VALUE;
    }

    private static Optional<Double> number(String s) {
        try {
            double v = Double.parseDouble(s.trim());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
