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
     * The message client {@code clientId} sends in {@code round}: {@code delta} (which may be rewritten in place)
     * attacked and encoded.
     *
     * @param state the client's persistent state (error feedback lives there)
     */
    public byte[] send(float[] delta, long seed, int round, int clientId, Map<String, float[]> state) {
        if (attack.transformsUpdate()) {
            UpdateAttacks.apply(attack, delta, Rng.derive(seed, "attack", round, clientId));
        }
        return UplinkEncoder.encode(delta, compression, state, Rng.derive(seed, "quantise", round, clientId));
    }
}
