package io.fedsim.client;

import io.fedsim.client.attack.Attack;
import io.fedsim.client.attack.UpdateAttacks;
import io.fedsim.client.uplink.Compression;
import io.fedsim.client.uplink.UplinkEncoder;
import io.fedsim.core.rng.Rng;
import java.util.Map;
import java.util.Objects;

/**
 * What happens to a client's update between training and the wire: a Byzantine client's attack (after
 * local DP, if any: an attacker controls what it sends), then compression into the message's bytes.
 *
 * @param attack      {@link Attack#NONE} for an honest client
 * @param compression the run's uplink compression
 */
public record UplinkPipeline(Attack attack, Compression compression) {

    /** An honest client sending dense float32 updates. */
    public static final UplinkPipeline PLAIN = new UplinkPipeline(Attack.NONE, Compression.NONE);

    public UplinkPipeline {
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(compression, "compression");
    }

    /**
     * The message client {@code clientId} sends in {@code round}: {@code delta} attacked and encoded. {@code delta}
     * itself is left as it is (an attack works on a copy; an honest client's update is encoded straight from it).
     *
     * @param state the client's persistent state (error feedback lives there)
     */
    public byte[] send(float[] delta, long seed, int round, int clientId, Map<String, float[]> state) {
        float[] sent = delta;
        if (attack.transformsUpdate()) {
            sent = delta.clone();
            UpdateAttacks.apply(attack, sent, Rng.derive(seed, "attack", round, clientId));
        }
        return UplinkEncoder.encode(sent, compression, state, Rng.derive(seed, "quantise", round, clientId));
    }
}
