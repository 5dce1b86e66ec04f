package io.fedsim.simulation.cluster;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.cluster.wire.ParameterSerializer;
import io.fedsim.simulation.run.AkkaSettings;
import java.net.BindException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The actor-system configuration of one cluster node: Artery TCP (or TLS) on {@code bind}, the seed nodes,
 * the node's role, Akka's split-brain resolver, and the serializers (raw floats for parameters, Jackson CBOR
 * for control messages, Java serialization off).
 */
public final class ClusterConfig {
    /** Every node's actor system has this name: Artery addresses are akka://fedsim@host:port. */
    public static final String SYSTEM_NAME = "fedsim";
    public static final String COORDINATOR_ROLE = "coordinator";
    public static final String CLIENTS_ROLE = "clients";

    /** Artery's own default; frames only grow past it for models above ~48k parameters. */
    private static final int MIN_FRAME_BYTES = 256 * 1024;
    /** Room for the header (reply-to path, training plan) of a parameter message. */
    private static final int FRAME_HEADROOM = 64 * 1024;

    private ClusterConfig() {
    }

    /** A frame that holds a message of {@code parameters} float32 values and its header. */
    public static int maximumFrameSize(int parameters) {
        long needed = 4L * parameters + FRAME_HEADROOM;
        if (needed > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(parameters + " parameters do not fit one Artery frame");
        }
        return (int) Math.max(MIN_FRAME_BYTES, needed);
    }

    /** @param frameSize Artery's maximum frame size: {@link #maximumFrameSize} of the model, or more */
    public static Config forNode(String role, HostPort bind, List<HostPort> seeds, int frameSize, ClusterSettings settings,
                                 int trainingThreads) {
        String text = """
                akka {
                  actor {
                    provider = cluster
                    allow-java-serialization = off
                    warn-about-java-serializer-usage = on
                    serializers { fedsim-params = "%s" }
                    serialization-bindings {
                      "io.fedsim.client.ClientActor$Train" = fedsim-params
                      "io.fedsim.client.ClientActor$Update" = fedsim-params
                      "io.fedsim.client.ClientActor$Failed" = fedsim-params
                      "io.fedsim.client.ClientActor$GetState" = fedsim-params
                      "io.fedsim.client.ClientActor$RestoreState" = fedsim-params
                      "io.fedsim.client.ClientActor$StateSnapshot" = fedsim-params
                      "io.fedsim.client.ClientActor$Evaluate" = fedsim-params
                      "io.fedsim.client.ClientActor$Evaluated" = fedsim-params
                      "io.fedsim.simulation.cluster.wire.CborSerializable" = jackson-cbor
                    }
                  }
                  remote.artery {
                    transport = %s
                    canonical.hostname = "%s"
                    canonical.port = %d
                    advanced.maximum-frame-size = %d
                  }
                  cluster {
                    roles = ["%s"]
                    downing-provider-class = "akka.cluster.sbr.SplitBrainResolverProvider"
                    split-brain-resolver {
                      active-strategy = keep-oldest
                      stable-after = %dms
                      # never down every node (the coordinator with them) because reachability kept changing
                      down-all-when-unstable = off
                      keep-oldest { down-if-alone = off, role = "%s" }
                    }
                    shutdown-after-unsuccessful-join-seed-nodes = %dms
                    jmx.enabled = off
                    log-info-verbose = off
                  }
                  coordinated-shutdown.exit-jvm = off
                }
                """.formatted(ParameterSerializer.class.getName(), settings.tls().isPresent() ? "tls-tcp" : "tcp",
                bind.host(), bind.port(), frameSize, role, settings.stableAfter().toMillis(),
                COORDINATOR_ROLE, settings.joinTimeout().toMillis());
        Config config = ConfigFactory.parseString(text)
                .withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(
                        seeds.stream().map(s -> "akka://" + SYSTEM_NAME + "@" + s).collect(Collectors.toList())));
        if (settings.tls().isPresent()) {
            config = tls(settings.tls().get()).withFallback(config);
        }
        return config.withFallback(AkkaSettings.forRun(trainingThreads));
    }

    /**
     * Boots a node's actor system; a port that cannot be bound (in use, or an address not of this machine) is a
     * user error naming {@code --bind}, not a stack trace.
     */
    public static <T> ActorSystem<T> boot(Behavior<T> root, Config config, HostPort bind) {
        try {
            return ActorSystem.create(root, SYSTEM_NAME, config);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Failed to bind")) {
                    throw new FedSimException("--bind " + bind + ": cannot listen there (" + t.getMessage() + "); is another "
                            + "node or program using the port, and is " + bind.host() + " an address of this machine?", e);
                }
            }
            throw e;
        }
    }

    private static Config tls(ClusterSettings.Tls tls) {
        String prefix = "akka.remote.artery.ssl.config-ssl-engine.";
        return ConfigFactory.empty()
                .withValue(prefix + "key-store", ConfigValueFactory.fromAnyRef(tls.keystore().toString()))
                .withValue(prefix + "key-store-password", ConfigValueFactory.fromAnyRef(tls.keystorePassword()))
                .withValue(prefix + "key-password", ConfigValueFactory.fromAnyRef(tls.keystorePassword()))
                .withValue(prefix + "trust-store", ConfigValueFactory.fromAnyRef(tls.truststore().toString()))
                .withValue(prefix + "trust-store-password", ConfigValueFactory.fromAnyRef(tls.truststorePassword()))
                .withValue(prefix + "protocol", ConfigValueFactory.fromAnyRef(tls.protocol()))
                .withValue(prefix + "enabled-algorithms", ConfigValueFactory.fromIterable(List.of(
                        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")))
                .withValue(prefix + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true))
                .withValue(prefix + "hostname-verification", ConfigValueFactory.fromAnyRef(false));
    }
}
