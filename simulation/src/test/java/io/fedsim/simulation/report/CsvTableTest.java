package io.fedsim.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading FedSim's CSV files by column name: quoted cells, empty cells, absent columns, bad files. */
class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void readsColumnsByNameWithQuotesAndEmptyCells() throws Exception {
        Path file = ReportFixtures.write(dir, "m.csv", "round,test_accuracy,skip_reason,epsilon\n"
                + "1,,\"no updates, \"\"all\"\" failed\",Infinity\n2,0.5,,1.25\n");

        CsvTable t = CsvTable.read(file);

        assertThat(t.size()).isEqualTo(2);
        assertThat(t.numbers("round")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThat(t.required("test_accuracy")).containsExactly(Double.NaN, 0.5);
        assertThat(t.required("epsilon")).containsExactly(Double.POSITIVE_INFINITY, 1.25);
        assertThat(t.cell(0, "skip_reason")).isEqualTo("no updates, \"all\" failed");
        assertThat(t.numbers("bytes_up")).isEmpty();
        assertThat(CsvTable.readIfExists(dir.resolve("absent.csv"))).isEmpty();
    }

    @Test
    void aMalformedFileNamesTheFileLineAndColumn() {
        Path ragged = ReportFixtures.write(dir, "r.csv", "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> CsvTable.read(ragged)).isInstanceOf(FedSimException.class)
                .hasMessage(ragged + ":3: 1 cells; the header names 2 columns");

        Path text = ReportFixtures.write(dir, "t.csv", "a,b\n1,x\n");
        assertThatThrownBy(() -> CsvTable.read(text).required("b")).isInstanceOf(FedSimException.class)
                .hasMessage(text + ":2: b: 'x' is not a number");
        assertThatThrownBy(() -> CsvTable.read(text).required("c")).isInstanceOf(FedSimException.class)
                .hasMessage(text + ": no column 'c'; the header is a,b");
    }
}
