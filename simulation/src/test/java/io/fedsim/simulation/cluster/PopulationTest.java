package io.fedsim.simulation.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The split of client ids among nodes, frame sizes, and the node settings' validation. */
class PopulationTest {

    @ParameterizedTest
    @CsvSource({"50, 2", "50, 3", "7, 7", "10, 4", "1000, 9"})
    void nodesHoldContiguousRangesThatCoverEveryClientOnce(int population, int nodes) {
        int expectedFirst = 0;
        for (int i = 0; i < nodes; i++) {
            int first = Population.first(population, nodes, i);
            int end = Population.end(population, nodes, i);
            assertThat(first).isEqualTo(expectedFirst);
            assertThat(end - first).isBetween(population / nodes, population / nodes + 1);
            expectedFirst = end;
        }
        assertThat(expectedFirst).isEqualTo(population);
    }

    @Test
    void fiftyClientsOnThreeNodes() {
        assertThat(List.of(Population.first(50, 3, 0), Population.first(50, 3, 1), Population.first(50, 3, 2),
                Population.end(50, 3, 2))).containsExactly(0, 16, 33, 50);
    }

    @Test
    void framesGrowWithTheModelPastArteryDefault() {
        assertThat(ClusterConfig.maximumFrameSize(2_762)).isEqualTo(256 * 1024);
        assertThat(ClusterConfig.maximumFrameSize(1_000_000)).isEqualTo(4_000_000 + 64 * 1024);
        assertThat(ClusterConfig.forNode(ClusterConfig.CLIENTS_ROLE, new HostPort("127.0.0.1", 2552), List.of(),
                ClusterConfig.maximumFrameSize(1_000_000), ClusterSettings.load(Optional.empty(), List.of()), 1)
                .getBytes("akka.remote.artery.advanced.maximum-frame-size")).isEqualTo(4_000_000L + 64 * 1024);
    }

    @Test
    void clusterSettingsNameTheBadKey() {
        assertThatThrownBy(() -> ClusterSettings.load(Optional.empty(), List.of("cluster.min-client-node=2")))
                .isInstanceOf(FedSimException.class).hasMessageContaining("cluster.min-client-node: unknown cluster setting");
        assertThatThrownBy(() -> ClusterSettings.load(Optional.empty(), List.of("cluster.min-client-nodes=0")))
                .isInstanceOf(FedSimException.class).hasMessageContaining("cluster.min-client-nodes: must be >= 1, was 0");
        assertThatThrownBy(() -> ClusterSettings.load(Optional.empty(), List.of("cluster.tls.enabled=true")))
                .isInstanceOf(FedSimException.class).hasMessageContaining("cluster.tls.keystore: required");
        assertThat(ClusterSettings.load(Optional.empty(), List.of("cluster.min-client-nodes=3")).minClientNodes()).isEqualTo(3);
    }

    @Test
    void addressesParseOrSayWhatIsExpected() {
        assertThat(HostPort.parseList("--seed-nodes", "10.0.0.1:2552, host-b:2553"))
                .containsExactly(new HostPort("10.0.0.1", 2552), new HostPort("host-b", 2553));
        assertThatThrownBy(() -> HostPort.parse("--bind", "localhost"))
                .isInstanceOf(FedSimException.class).hasMessage("--bind: expected HOST:PORT with a port in 0..65535, was 'localhost'");
    }
}
