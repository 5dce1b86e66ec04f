package io.fedsim.simulation.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grid of a sweep: parsing --vary, the cartesian product and its order, the run folders' names. */
class SweepGridTest {

    private static SweepGrid grid(String... vary) {
        return new SweepGrid(Arrays.stream(vary).map(SweepAxis::parse).toList());
    }

    @Test
    void theGridIsTheCartesianProductWithTheFirstKeySlowest() {
        SweepGrid grid = grid("a.x=1,2", "b=p,q,r");

        List<SweepPoint> points = grid.points();

        assertThat(grid.size()).isEqualTo(6);
        assertThat(points).extracting(SweepPoint::describe).containsExactly(
                "a.x=1,b=p", "a.x=1,b=q", "a.x=1,b=r", "a.x=2,b=p", "a.x=2,b=q", "a.x=2,b=r");
        assertThat(points).extracting(SweepPoint::index).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(points.get(4).overrides()).containsExactly("a.x=2", "b=q");
        assertThat(points.get(4).values().keySet()).containsExactly("a.x", "b");
        assertThat(points.get(4).values()).containsEntry("a.x", "2").containsEntry("b", "q");
        assertThat(grid.keys()).containsExactly("a.x", "b");
    }

    @Test
    void threeAxesMultiply() {
        assertThat(grid("a=1,2", "b=1,2,3", "c=1,2").points()).hasSize(12)
                .extracting(SweepPoint::describe).startsWith("a=1,b=1,c=1", "a=1,b=1,c=2", "a=1,b=2,c=1")
                .endsWith("a=2,b=3,c=2");
    }

    @Test
    void folderNamesAreNumberedPaddedAndSafe() {
        assertThat(grid("privacy.noise-multiplier=0,0.3").points()).extracting(SweepPoint::folderName)
                .containsExactly("1-privacy.noise-multiplier=0", "2-privacy.noise-multiplier=0.3");

        List<String> names = grid("k=" + String.join(",", IntStream.range(0, 12).mapToObj(String::valueOf).toList()))
                .points().stream().map(SweepPoint::folderName).toList();
        assertThat(names.get(0)).isEqualTo("01-k=0");
        assertThat(names.get(11)).isEqualTo("12-k=11");
        assertThat(names).isSorted();

        SweepPoint odd = grid("model.hidden=[100,100]", "data.dir=../mnist data/x:y*").points().get(0);
        assertThat(odd.folderName()).isEqualTo("1-model.hidden=_100,100_,data.dir=.._mnist_data_x_y_");
        assertThat(odd.label()).isEqualTo("hidden=[100,100], dir=../mnist data/x:y*");
    }

    @Test
    void longFolderNamesAreCut() {
        String value = "x".repeat(300);
        assertThat(grid("name=" + value).points().get(0).folderName()).hasSize(120).startsWith("1-name=xxx");
    }

    @Test
    void valuesSplitAtCommasOutsideBracketsAndQuotes() {
        assertThat(SweepAxis.parse("model.hidden=[100,100],[200], [50,50,50]").values())
                .containsExactly("[100,100]", "[200]", "[50,50,50]");
        assertThat(SweepAxis.parse("description=\"a, b\",c").values()).containsExactly("\"a, b\"", "c");
        assertThat(SweepAxis.parse(" clients.fraction = 0.1 , 0.2 ")).isEqualTo(
                new SweepAxis("clients.fraction", List.of("0.1", "0.2")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "privacy.noise-multiplier|expected KEY=v1,v2,...",
        "=1,2|expected KEY=v1,v2,...",
        "privacy.noise-multiplier=|no values",
        "privacy.noise-multiplier=1,,2|an empty value",
        "privacy.noise-multiplier=1,|an empty value",
        "privacy.noise-multiplier=1,1|listed twice",
        "a b=1|must be a scenario key path"})
    void aMalformedVaryIsAUserErrorNamingIt(String text, String detail) {
        assertThatThrownBy(() -> SweepAxis.parse(text)).isInstanceOf(FedSimException.class)
                .hasMessageStartingWith("--vary " + text + ": ").hasMessageContaining(detail);
    }

    @Test
    void aKeyVariedTwiceIsAUserError() {
        assertThatThrownBy(() -> grid("a=1", "a=2")).isInstanceOf(FedSimException.class)
                .hasMessageContaining("--vary a is given twice");
        assertThatThrownBy(() -> new SweepGrid(List.of())).isInstanceOf(FedSimException.class);
    }
}
