package io.fedsim.coordinator.time;

import io.fedsim.core.rng.Rng;
import java.util.Locale;

/**
 * A distribution that device profiles are drawn from. {@link #toString()} is the scenario spelling
 * ({@code fixed(100.0)}, {@code uniform(50.0, 150.0)}, {@code lognormal(100.0, 1.0)}).
 */
public sealed interface Distribution {

    /** One draw; a fixed distribution draws nothing from {@code rng}. */
    double draw(Rng rng);

    /** Always {@code value}. */
    record Fixed(double value) implements Distribution {
        @Override
        public double draw(Rng rng) {
            return value;
        }

        @Override
        public String toString() {
            return "fixed(" + value + ")";
        }
    }

    /** Uniform on [min, max). */
    record Uniform(double min, double max) implements Distribution {
        public Uniform {
            if (!(min <= max)) {
                throw new IllegalArgumentException("uniform needs min <= max, was " + min + ", " + max);
            }
        }

        @Override
        public double draw(Rng rng) {
            return rng.nextUniform(min, max);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "uniform(%s, %s)", min, max);
        }
    }

    /** exp(N(ln median, sigma^2)): positive, skewed, as measured device speeds and bandwidths are. */
    record LogNormal(double median, double sigma) implements Distribution {
        public LogNormal {
            if (!(median > 0) || !(sigma >= 0)) {
                throw new IllegalArgumentException("lognormal needs median > 0 and sigma >= 0, was " + median + ", " + sigma);
            }
        }

        @Override
        public double draw(Rng rng) {
            return median * Math.exp(sigma * rng.nextGaussian());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "lognormal(%s, %s)", median, sigma);
        }
    }
}
