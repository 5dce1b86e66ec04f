package io.fedsim.coordinator.time;

/**
 * A simulated device: how fast it trains and how fast it talks to the server.
 *
 * @param speed         samples processed per second of local training
 * @param upBandwidth   upload bandwidth, bytes per second
 * @param downBandwidth download bandwidth, bytes per second
 * @param latency       seconds added once per round (connection set-up and round trips)
 * @param availability  probability that the device is online when sampled, in [0, 1]
 */
public record ClientProfile(double speed, double upBandwidth, double downBandwidth, double latency, double availability) {
    public ClientProfile {
        if (!(speed > 0) || !(upBandwidth > 0) || !(downBandwidth > 0) || !Double.isFinite(speed)
                || !Double.isFinite(upBandwidth) || !Double.isFinite(downBandwidth)) {
            throw new IllegalArgumentException("speed and bandwidths must be finite and > 0, were " + speed + ", "
                    + upBandwidth + ", " + downBandwidth);
        }
        if (!(latency >= 0) || !Double.isFinite(latency)) {
            throw new IllegalArgumentException("latency must be finite and >= 0, was " + latency);
        }
        if (!(availability >= 0 && availability <= 1)) {
            throw new IllegalArgumentException("availability must be in [0, 1], was " + availability);
        }
    }
}
