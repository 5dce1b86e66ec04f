package io.fedsim.simulation.scenario;

import io.fedsim.coordinator.time.Distribution;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Simulated devices: when {@code enabled}, every client gets a compute speed and a network, drawn once from
 * these distributions (or read from {@code trace}), and rounds run on a simulated clock.
 *
 * @param speed         samples per second
 * @param upBandwidth   bytes per second
 * @param downBandwidth bytes per second
 * @param latency       seconds per round
 * @param trace         CSV of client_id,speed,up_bandwidth,down_bandwidth,availability, one row per client;
 *                      replaces the speed and bandwidth distributions (latency is still drawn)
 */
public record DevicesSpec(boolean enabled, Distribution speed, Distribution upBandwidth, Distribution downBandwidth,
                          Distribution latency, Optional<Path> trace) {
    public DevicesSpec {
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(upBandwidth, "upBandwidth");
        Objects.requireNonNull(downBandwidth, "downBandwidth");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(trace, "trace");
        new Checks()
                .require(Distributions.lowest(speed) > 0, "devices.speed", "must draw only values > 0, was " + speed)
                .require(Distributions.lowest(upBandwidth) > 0, "devices.up-bandwidth",
                        "must draw only values > 0, was " + upBandwidth)
                .require(Distributions.lowest(downBandwidth) > 0, "devices.down-bandwidth",
                        "must draw only values > 0, was " + downBandwidth)
                .require(Distributions.lowest(latency) >= 0, "devices.latency", "must draw only values >= 0, was " + latency)
                .require(enabled || trace.isEmpty(), "devices.trace", "needs devices.enabled = true, was " + trace.orElse(null))
                .done();
    }
}
