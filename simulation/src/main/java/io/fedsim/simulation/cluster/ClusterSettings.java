package io.fedsim.simulation.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.scenario.ScenarioException;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster node's own settings (the {@code cluster} block: defaults in {@code fedsim/cluster.conf}), apart
 * from the scenario: they describe the machines, not the experiment, and may differ from node to node.
 *
 * @param minClientNodes the coordinator starts round 1 once this many client nodes have joined
 * @param joinTimeout    how long the coordinator waits for them, and a client node tries to join
 * @param stableAfter    the split-brain resolver's stability window before it downs an unreachable node
 * @param clientFrameSize Artery's maximum frame size on a client node started without a scenario
 */
public record ClusterSettings(int minClientNodes, Duration joinTimeout, Duration stableAfter, int clientFrameSize,
                              Optional<Tls> tls) {
    private static final String DEFAULTS = "fedsim/cluster.conf";
    private static final long MIN_FRAME = 256 * 1024;
    private static final long MAX_FRAME = 1024 * 1024 * 1024;

    public ClusterSettings {
        if (minClientNodes < 1) {
            throw new FedSimException("cluster.min-client-nodes: must be >= 1, was " + minClientNodes);
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero() || stableAfter.isNegative() || stableAfter.isZero()) {
            throw new FedSimException("cluster.join-timeout and cluster.stable-after: must be > 0");
        }
        if (clientFrameSize < MIN_FRAME || clientFrameSize > MAX_FRAME) {
            throw new FedSimException("cluster.client-frame-size: must be between 256KiB and 1GiB, was " + clientFrameSize);
        }
    }

    /** TLS for Artery: this node's key, the certificates it trusts, and mutual authentication always on. */
    public record Tls(Path keystore, String keystorePassword, Path truststore, String truststorePassword, String protocol) {
    }

    /**
     * The defaults, under {@code file} when given, under {@code overrides} ({@code cluster.KEY=VALUE} texts).
     * Unknown keys, bad values and unreadable files are user errors, one line each: where the value was set
     * ({@code file:line} or {@code --set ...}), the key, and what is wrong.
     */
    public static ClusterSettings load(Optional<Path> file, List<String> overrides) {
        Config defaults = ConfigFactory.parseResources(ClusterSettings.class.getClassLoader(), DEFAULTS,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config merged = defaults;
        List<Problem> problems = new ArrayList<>();
        try {
            if (file.isPresent()) {
                if (!Files.isRegularFile(file.get())) {
                    throw new FedSimException("--cluster-config " + file.get() + ": no such file");
                }
                merged = ConfigFactory.parseFile(file.get().toFile()).withFallback(merged);
            }
            for (String override : overrides) {
                merged = ConfigFactory.parseString(override, ConfigParseOptions.defaults().setOriginDescription("--set "
                        + override)).withFallback(merged);
            }
            merged = merged.resolve();
        } catch (ConfigException e) {
            throw new ScenarioException(List.of(new Problem(location(e.origin()), "", detail(e))));
        }
        rejectUnknown(merged, defaults, problems);
        if (problems.isEmpty()) {
            ClusterSettings settings = new Reader(merged, problems).settings();
            if (problems.isEmpty()) {
                return settings;
            }
        }
        throw new ScenarioException(problems);
    }

    private static void rejectUnknown(Config merged, Config defaults, List<Problem> problems) {
        for (Map.Entry<String, ConfigValue> e : merged.entrySet()) {
            if (!defaults.hasPathOrNull(e.getKey())) {
                problems.add(new Problem(location(e.getValue().origin()), e.getKey(), "unknown cluster setting; known "
                        + "settings: min-client-nodes, join-timeout, stable-after, client-frame-size, tls.{enabled, keystore, "
                        + "keystore-password, truststore, truststore-password, protocol}"));
            }
        }
    }

    /** Reads each setting once, noting every problem (with where the value came from) instead of stopping at the first. */
    private record Reader(Config config, List<Problem> problems) {
        ClusterSettings settings() {
            int minNodes = read("min-client-nodes", config::getInt, n -> n >= 1, "must be >= 1", 1);
            Duration join = read("join-timeout", config::getDuration, Reader::positive, "must be > 0", Duration.ofSeconds(1));
            Duration stable = read("stable-after", config::getDuration, Reader::positive, "must be > 0", Duration.ofSeconds(1));
            long frame = read("client-frame-size", config::getBytes, b -> b >= MIN_FRAME && b <= MAX_FRAME,
                    "must be between 256KiB and 1GiB", (long) MIN_FRAME);
            Optional<Tls> tls = Optional.empty();
            if (read("tls.enabled", config::getBoolean, b -> true, "", false)) {
                String protocol = read("tls.protocol", config::getString, p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"),
                        "must be TLSv1.2 or TLSv1.3", "TLSv1.3");
                String keyPassword = required("tls.keystore-password");
                String trustPassword = required("tls.truststore-password");
                tls = Optional.of(new Tls(store("tls.keystore", "tls.keystore-password", keyPassword), keyPassword,
                        store("tls.truststore", "tls.truststore-password", trustPassword), trustPassword, protocol));
            }
            return problems.isEmpty() ? new ClusterSettings(minNodes, join, stable, (int) frame, tls) : null;
        }

        private <T> T read(String key, java.util.function.Function<String, T> getter, java.util.function.Predicate<T> valid,
                           String expected, T fallback) {
            try {
                T value = getter.apply("cluster." + key);
                if (valid.test(value)) {
                    return value;
                }
                problems.add(problem(key, expected + ", was " + config.getValue("cluster." + key).unwrapped()));
            } catch (ConfigException e) {
                // "Invalid value at 'cluster.KEY': ..." repeats the key the problem names already
                problems.add(new Problem(location(e.origin()), "cluster." + key,
                        detail(e).replaceFirst("^Invalid value at '[^']*': ", "")));
            }
            return fallback;
        }

        private String required(String key) {
            if (config.getIsNull("cluster." + key)) {
                problems.add(new Problem(location(config.getValue("cluster.tls.enabled").origin()), "cluster." + key,
                        "required when cluster.tls.enabled = true"));
                return "";
            }
            return config.getString("cluster." + key);
        }

        /** A key or trust store that exists and opens with its password, as Artery will need it to. */
        private Path store(String key, String passwordKey, String password) {
            String path = required(key);
            if (path.isEmpty()) {
                return Path.of("");
            }
            Path p = Path.of(path).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                problems.add(problem(key, "no such file " + p));
            } else if (!Files.isReadable(p)) {
                problems.add(problem(key, "cannot read " + p));
            } else if (!password.isEmpty()) {
                try {
                    KeyStore.getInstance(p.toFile(), password.toCharArray());
                } catch (IOException | GeneralSecurityException e) {
                    problems.add(problem(key, "cannot open " + p + " as a PKCS12 or JKS store with cluster." + passwordKey
                            + ": " + e.getMessage()));
                }
            }
            return p;
        }

        private Problem problem(String key, String detail) {
            return new Problem(location(config.getValue("cluster." + key).origin()), "cluster." + key, detail);
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }

    /** file:line, or the --set text, or the defaults' resource for a value nobody set. */
    private static String location(ConfigOrigin origin) {
        if (origin == null) {
            return "cluster settings";
        }
        if (origin.filename() != null) {
            return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
        }
        if (origin.description().startsWith("--set ")) {
            return origin.description().replaceFirst(": \\d+$", "");
        }
        return origin.resource() != null ? origin.resource() : origin.description();
    }

    /** Typesafe Config starts its messages with the origin, which the location shows already. */
    private static String detail(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            message = message.substring(e.origin().description().length() + 2);
        }
        return (e instanceof ConfigException.Parse ? "invalid HOCON: " : "") + message;
    }
}
