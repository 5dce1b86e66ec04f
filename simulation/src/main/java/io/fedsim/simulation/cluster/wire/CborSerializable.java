package io.fedsim.simulation.cluster.wire;

/**
 * Marks a control message that crosses the cluster as Jackson CBOR (bound in {@code ClusterConfig}). Messages
 * that carry model parameters go through {@link ParameterSerializer} instead; Java serialization is off.
 */
public interface CborSerializable {
}
