package io.fedsim.simulation.scenario;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A labelled table in CSV files. Columns are named by header when there is one, else by 0-based index.
 *
 * @param train absolute path of the training file (relative paths were resolved against data.dir)
 * @param test absolute path of the test file; empty to hold out test-fraction of the training rows
 * @param groupColumn the column naming each row's client, for the natural partition
 */
public record CsvSpec(
        Optional<Path> train,
        Optional<Path> test,
        String labelColumn,
        boolean header,
        String delimiter,
        Optional<String> groupColumn,
        double testFraction) {

    public CsvSpec {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(groupColumn, "groupColumn");
        new Checks()
                .require(!labelColumn.isBlank(), "data.csv.label-column", "must not be empty")
                .require(header || isIndex(labelColumn), "data.csv.label-column",
                        "must be a column index (an integer >= 0) when data.csv.header = false, was "
                                + Checks.quote(labelColumn))
                .require(header || groupColumn.map(CsvSpec::isIndex).orElse(true), "data.csv.group-column",
                        "must be a column index (an integer >= 0) when data.csv.header = false, was "
                                + Checks.quote(groupColumn.orElse("")))
                .require(delimiter.length() == 1, "data.csv.delimiter",
                        "must be a single character, was " + Checks.quote(delimiter))
                .inOpenUnitInterval("data.csv.test-fraction", testFraction)
                .done();
    }

    private static boolean isIndex(String column) {
        return column.matches("\\d{1,9}");
    }
}
