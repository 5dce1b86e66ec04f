package io.fedsim.simulation.cluster;

import io.fedsim.core.FedSimException;
import java.util.ArrayList;
import java.util.List;

/** A node's address as the command line gives it: {@code HOST:PORT}. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad address " + host + ":" + port);
        }
    }

    /** Parses {@code HOST:PORT}; {@code option} names the flag in the error. */
    public static HostPort parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon > 0) {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    return new HostPort(text.substring(0, colon), port);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FedSimException(option + ": expected HOST:PORT with a port in 0..65535, was '" + text + "'");
    }

    /** A comma-separated list of {@code HOST:PORT}. */
    public static List<HostPort> parseList(String option, String text) {
        List<HostPort> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(parse(option, part.strip()));
            }
        }
        if (list.isEmpty()) {
            throw new FedSimException(option + ": expected at least one HOST:PORT");
        }
        return list;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
