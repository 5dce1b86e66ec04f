package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import io.fedsim.core.data.CsvReader.Column;
import io.fedsim.core.data.CsvReader.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsLabelByNameWithIntegerLabels() throws IOException {
        Path file = write("a.csv", "x1,y,x2\n1.5,2,-3\n0,0,1e-3\n");
        Dataset data = CsvReader.read(file, Options.withHeader(Column.named("y")));
        assertThat(data.name()).isEqualTo("a.csv");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.numFeatures()).isEqualTo(2);
        assertThat(data.numClasses()).isEqualTo(3);
        assertThat(data.labels()).containsExactly(2, 0);
        assertThat(data.features()).containsExactly(1.5f, -3f, 0f, 1e-3f);
        assertThat(data.hasGroups()).isFalse();
    }

    @Test
    void mapsTextLabelsToClassesInSortedOrder() throws IOException {
        Path file = write("iris.csv", "a,b,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n");
        Dataset data = CsvReader.read(file, Options.withHeader(Column.named("species")));
        assertThat(data.labels()).containsExactly(2, 0, 1, 0);
        assertThat(data.numClasses()).isEqualTo(3);
    }

    @Test
    void negativeOrMixedLabelsAreTreatedAsText() throws IOException {
        Path file = write("m.csv", "-1,5\n1,6\n-1,7\n");
        Dataset data = CsvReader.read(file, Options.withoutHeader(0));
        assertThat(data.labels()).containsExactly(0, 1, 0); // "-1" < "1"
        assertThat(data.features()).containsExactly(5, 6, 7);
    }

    @Test
    void readsWithoutHeaderByIndexWithAnotherDelimiterAndAGroupColumn() throws IOException {
        Path file = write("g.csv", "alice; 1 ; 0.5\nbob;0;1.5\n\nalice;1;2.5\ncarol;0;3.5\n");
        Options options = Options.withoutHeader(1).withDelimiter(';').withGroup(Column.at(0));
        Dataset data = CsvReader.read(file, options);
        assertThat(data.labels()).containsExactly(1, 0, 1, 0);
        assertThat(data.features()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f);
        assertThat(new int[] {data.group(0), data.group(1), data.group(2), data.group(3)}).containsExactly(0, 1, 0, 2);
    }

    @Test
    void readsGzippedCsvAndQuotedCells() throws IOException {
        String text = "\"label\",\"f, 1\",f2\n\"1\",\"2.5\",3\n0,4,\"5\"\n";
        Path file = Files.write(dir.resolve("q.csv.gz"), IdxFiles.gzip(text.getBytes(StandardCharsets.UTF_8)));
        Dataset data = CsvReader.read(file, Options.withHeader(Column.named("label")));
        assertThat(data.labels()).containsExactly(1, 0);
        assertThat(data.features()).containsExactly(2.5f, 3f, 4f, 5f);
    }

    @Test
    void nonNumericFeatureNamesFileLineColumnAndValue() throws IOException {
        Path file = write("adult.csv", "age,workclass,income\n39,7,0\n\n50,Private,1\n");
        assertThatThrownBy(() -> CsvReader.read(file, Options.withHeader(Column.named("income"))))
                .isInstanceOf(FedSimException.class)
                .hasMessageStartingWith(file + ", line 4, column 'workclass' (index 1): 'Private' is not a number;");
    }

    @Test
    void emptyFeatureCellAndSuffixedNumbersAreRejected() throws IOException {
        Path empty = write("e.csv", "1,,2\n");
        assertThatThrownBy(() -> CsvReader.read(empty, Options.withoutHeader(0)))
                .isInstanceOf(FedSimException.class).hasMessageStartingWith(empty + ", line 1, column 1: empty cell");
        Path nan = write("n.csv", "1,NaN\n");
        assertThatThrownBy(() -> CsvReader.read(nan, Options.withoutHeader(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining("'NaN' is not a number");
        Path suffix = write("s.csv", "1,2f\n");
        assertThatThrownBy(() -> CsvReader.read(suffix, Options.withoutHeader(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining("'2f' is not a number");
    }

    @Test
    void raggedRowIsAnError() throws IOException {
        Path withHeader = write("r.csv", "a,b,c\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> CsvReader.read(withHeader, Options.withHeader(Column.named("c"))))
                .isInstanceOf(FedSimException.class)
                .hasMessage(withHeader + ", line 3: 2 columns, but the header has 3; every row must have the same "
                        + "number of columns.");
        Path noHeader = write("r2.csv", "1,2,3\n4,5,6,7\n");
        assertThatThrownBy(() -> CsvReader.read(noHeader, Options.withoutHeader(0)))
                .isInstanceOf(FedSimException.class)
                .hasMessageContaining("line 2: 4 columns, but the first row (line 1) has 3");
    }

    @Test
    void emptyFileAndHeaderOnlyAreErrors() throws IOException {
        Path empty = write("empty.csv", "\n \n");
        assertThatThrownBy(() -> CsvReader.read(empty, Options.withHeader(Column.named("y"))))
                .isInstanceOf(FedSimException.class)
                .hasMessage(empty + ": the file is empty; expected a header row and at least one data row.");
        Path headerOnly = write("h.csv", "x,y\n");
        assertThatThrownBy(() -> CsvReader.read(headerOnly, Options.withHeader(Column.named("y"))))
                .isInstanceOf(FedSimException.class).hasMessageContaining("has a header but no data rows");
    }

    @Test
    void unknownLabelColumnListsTheColumns() throws IOException {
        Path file = write("u.csv", "x,y,z\n1,2,3\n");
        assertThatThrownBy(() -> CsvReader.read(file, Options.withHeader(Column.named("label"))))
                .isInstanceOf(FedSimException.class)
                .hasMessage(file + ": no column named 'label' for the label; the header has the columns x, y, z.");
        assertThatThrownBy(() -> CsvReader.read(file, Options.withHeader(Column.at(3))))
                .isInstanceOf(FedSimException.class)
                .hasMessage(file + ": label column index 3 is out of range; the file has 3 columns (indices 0..2).");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new Options(false, ',', Column.named("y"), java.util.Optional.empty()))
                .isInstanceOf(FedSimException.class).hasMessageContaining("needs a header row");
        assertThatThrownBy(() -> Column.at(-1)).isInstanceOf(FedSimException.class);
        assertThatThrownBy(() -> Options.withoutHeader(0).withDelimiter('"')).isInstanceOf(FedSimException.class);
    }

    @Test
    void labelAndGroupMustDifferAndLeaveAFeature() throws IOException {
        Path file = write("lg.csv", "1,2\n");
        assertThatThrownBy(() -> CsvReader.read(file, Options.withoutHeader(0).withGroup(Column.at(0))))
                .isInstanceOf(FedSimException.class).hasMessageContaining("the label and the group column are the same");
        assertThatThrownBy(() -> CsvReader.read(file, Options.withoutHeader(0).withGroup(Column.at(1))))
                .isInstanceOf(FedSimException.class).hasMessageContaining("no feature columns");
    }

    @Test
    void unclosedQuoteIsAnError() throws IOException {
        Path file = write("uq.csv", "1,\"2\n");
        assertThatThrownBy(() -> CsvReader.read(file, Options.withoutHeader(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining(file + ", line 1: a quoted cell is not closed");
    }
}
