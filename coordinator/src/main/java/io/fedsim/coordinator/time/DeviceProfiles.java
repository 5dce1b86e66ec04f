package io.fedsim.coordinator.time;

import io.fedsim.core.rng.Rng;
import java.util.ArrayList;
import java.util.List;

/** Draws every client's profile once, from its own generator (seed, "profile", client id). */
public final class DeviceProfiles {
    private DeviceProfiles() {
    }

    /** Profiles of clients 0..count-1, always online (availability 1); the draws go speed, up, down, latency. */
    public static List<ClientProfile> draw(long seed, int count, Distribution speed, Distribution upBandwidth,
                                           Distribution downBandwidth, Distribution latency) {
        List<ClientProfile> profiles = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            Rng rng = Rng.derive(seed, "profile", id);
            profiles.add(new ClientProfile(speed.draw(rng), upBandwidth.draw(rng), downBandwidth.draw(rng),
                    latency.draw(rng), 1.0));
        }
        return List.copyOf(profiles);
    }
}
