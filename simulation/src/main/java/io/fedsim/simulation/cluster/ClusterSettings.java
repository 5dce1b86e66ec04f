package io.fedsim.simulation.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.fedsim.core.FedSimException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public ClusterSettings {
        if (minClientNodes < 1) {
            throw new FedSimException("cluster.min-client-nodes: must be >= 1, was " + minClientNodes);
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero() || stableAfter.isNegative() || stableAfter.isZero()) {
            throw new FedSimException("cluster.join-timeout and cluster.stable-after: must be > 0");
        }
    }

    /** TLS for Artery: this node's key, the certificates it trusts, and mutual authentication always on. */
    public record Tls(Path keystore, String keystorePassword, Path truststore, String truststorePassword, String protocol) {
    }

    /**
     * The defaults, under {@code file} when given, under {@code overrides} ({@code cluster.KEY=VALUE} texts).
     * Unknown keys, bad values and missing files are user errors naming the key.
     */
    public static ClusterSettings load(Optional<Path> file, List<String> overrides) {
        Config defaults = ConfigFactory.parseResources(ClusterSettings.class.getClassLoader(), DEFAULTS,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config merged = defaults;
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
            rejectUnknown(merged, defaults);
            return from(merged.getConfig("cluster"));
        } catch (ConfigException e) {
            throw new FedSimException("cluster settings: " + e.getMessage(), e);
        }
    }

    private static void rejectUnknown(Config merged, Config defaults) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : merged.entrySet()) {
            if (!defaults.hasPathOrNull(e.getKey())) {
                String origin = e.getValue().origin().description();
                unknown.add(origin + ": " + e.getKey() + ": unknown cluster setting");
            }
        }
        if (!unknown.isEmpty()) {
            throw new FedSimException(String.join("\n", unknown) + "\nknown settings: min-client-nodes, join-timeout, "
                    + "stable-after, client-frame-size, tls.{enabled, keystore, keystore-password, truststore, truststore-password, protocol}");
        }
    }

    private static ClusterSettings from(Config c) {
        Optional<Tls> tls = Optional.empty();
        if (c.getBoolean("tls.enabled")) {
            tls = Optional.of(new Tls(existing(c, "tls.keystore"), required(c, "tls.keystore-password"),
                    existing(c, "tls.truststore"), required(c, "tls.truststore-password"), c.getString("tls.protocol")));
        }
        return new ClusterSettings(c.getInt("min-client-nodes"), c.getDuration("join-timeout"),
                c.getDuration("stable-after"), c.getBytes("client-frame-size").intValue(), tls);
    }

    private static String required(Config c, String key) {
        if (c.getIsNull(key)) {
            throw new FedSimException("cluster." + key + ": required when cluster.tls.enabled = true");
        }
        return c.getString(key);
    }

    private static Path existing(Config c, String key) {
        Path p = Path.of(required(c, key));
        if (!Files.isRegularFile(p)) {
            throw new FedSimException("cluster." + key + ": no such file " + p + " ("
                    + c.getValue(key).origin().description() + ")");
        }
        return p.toAbsolutePath();
    }
}
