package io.fedsim.simulation.run;

import io.fedsim.client.uplink.WireFormat;
import io.fedsim.coordinator.time.ClientProfile;
import io.fedsim.coordinator.time.DeviceProfiles;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.core.FedSimException;
import io.fedsim.core.data.CsvReader;
import io.fedsim.core.data.Shard;
import io.fedsim.core.rng.Rng;
import io.fedsim.simulation.scenario.ConditionsSpec;
import io.fedsim.simulation.scenario.DevicesSpec;
import io.fedsim.simulation.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds a run's {@link RoundConditions} from its scenario: device profiles (drawn or from a trace), sizes, rules. */
final class Devices {
    static final List<String> TRACE_HEADER = List.of("client_id", "speed", "up_bandwidth", "down_bandwidth", "availability");

    private Devices() {
    }

    static RoundConditions conditions(Scenario scenario, List<Shard> shards, int parameters) {
        ConditionsSpec c = scenario.conditions();
        List<ClientProfile> profiles = c.devices().enabled() ? profiles(c.devices(), scenario.seed(), shards.size()) : List.of();
        List<Integer> sizes = profiles.isEmpty() ? List.of() : shards.stream().map(Shard::size).toList();
        Optional<RoundConditions.Stragglers> rule = switch (c.stragglers()) {
            case AUTO -> Optional.empty();
            case DROP -> Optional.of(RoundConditions.Stragglers.DROP);
            case PARTIAL -> Optional.of(RoundConditions.Stragglers.PARTIAL);
        };
        // the exact wire sizes: the dense model down, the update as the run's compression encodes it up
        long down = WireFormat.denseBytes(parameters);
        long up = WireFormat.messageBytes(scenario.compression().compression(), parameters);
        return new RoundConditions(profiles, sizes, down, up, c.deadline(), rule, c.overSelection(),
                c.offlineProbability(), c.dropoutProbability(), c.minCompleted());
    }

    static List<ClientProfile> profiles(DevicesSpec d, long seed, int count) {
        List<ClientProfile> drawn = DeviceProfiles.draw(seed, count, d.speed(), d.upBandwidth(), d.downBandwidth(), d.latency());
        if (d.trace().isEmpty()) {
            return drawn;
        }
        ClientProfile[] traced = readTrace(d.trace().get(), count, drawn);
        return List.of(traced);
    }

    /** One row per client id 0..count-1, any order; latency stays as drawn (the trace has none). */
    static ClientProfile[] readTrace(Path file, int count, List<ClientProfile> drawn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FedSimException(file + ": devices.trace: cannot read the device trace: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !Arrays.stream(CsvReader.split(lines.get(0), ',', file, 1)).map(String::strip).toList()
                .equals(TRACE_HEADER)) {
            throw new FedSimException(file + ":1: devices.trace: the header must be " + String.join(",", TRACE_HEADER));
        }
        ClientProfile[] profiles = new ClientProfile[count];
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": devices.trace: ";
            String[] cells = CsvReader.split(lines.get(i), ',', file, i + 1);
            if (cells.length != TRACE_HEADER.size()) {
                throw new FedSimException(where + "expected " + TRACE_HEADER.size() + " cells, found " + cells.length);
            }
            double[] v = new double[cells.length];
            for (int k = 0; k < cells.length; k++) {
                try {
                    v[k] = Double.parseDouble(cells[k].strip());
                } catch (NumberFormatException e) {
                    throw new FedSimException(where + TRACE_HEADER.get(k) + " must be a number, was '" + cells[k] + "'");
                }
            }
            int id = (int) v[0];
            if (id != v[0] || id < 0 || id >= count) {
                throw new FedSimException(where + "client_id must be a whole number in 0.." + (count - 1) + ", was " + cells[0]);
            }
            if (profiles[id] != null) {
                throw new FedSimException(where + "client " + id + " appears twice");
            }
            try {
                profiles[id] = new ClientProfile(v[1], v[2], v[3], drawn.get(id).latency(), v[4]);
            } catch (IllegalArgumentException e) {
                throw new FedSimException(where + e.getMessage() + " (availability in [0, 1])");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int id = 0; id < count && missing.size() < 5; id++) {
            if (profiles[id] == null) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new FedSimException(file + ": devices.trace: needs one row per client 0.." + (count - 1)
                    + "; missing clients " + missing + (missing.size() == 5 ? " and maybe more" : ""));
        }
        return profiles;
    }

    /** The metrics.csv columns the conditions add. */
    static List<String> metricColumns(ConditionsSpec c) {
        if (c.async()) {
            return List.of("round_sim_seconds", "sim_seconds", "staleness_mean", "staleness_max");
        }
        if (!c.active()) {
            return List.of();
        }
        return c.devices().enabled()
                ? List.of("clients_dropped", "clients_straggled", "round_sim_seconds", "sim_seconds")
                : List.of("clients_dropped", "clients_straggled");
    }
}
