package io.fedsim.simulation.report;

import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CSV file FedSim wrote (metrics.csv, clients.csv, partition.csv), read by column name. Cells may be
 * quoted with doubled quotes inside; an empty cell is a missing number (NaN). The report reads whatever
 * columns a file has, so a column that is absent is an empty {@link Optional}, not an error.
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The table in {@code file}, or empty when there is no such file. */
    public static Optional<CsvTable> readIfExists(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    public static CsvTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new FedSimException(file + ": empty; expected a header line of column names");
        }
        List<String> header = split(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            if (cells.size() != header.size()) {
                throw new FedSimException(file + ":" + (i + 1) + ": " + cells.size() + " cells; the header names "
                        + header.size() + " columns");
            }
            rows.add(cells);
        }
        return new CsvTable(file, header, rows);
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** The column as numbers (NaN where a cell is empty), or empty when the file has no such column. */
    public Optional<double[]> numbers(String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            return Optional.empty();
        }
        double[] values = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            values[r] = number(rows.get(r).get(c), column, r);
        }
        return Optional.of(values);
    }

    /** The column as numbers; a user error naming the file when it is absent. */
    public double[] required(String column) {
        return numbers(column).orElseThrow(() -> new FedSimException(file + ": no column '" + column
                + "'; the header is " + String.join(",", header)));
    }

    /** The column's cells as text; a user error naming the file when it is absent. */
    public List<String> strings(String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new FedSimException(file + ": no column '" + column + "'; the header is " + String.join(",", header));
        }
        return rows.stream().map(row -> row.get(c)).toList();
    }

    public String cell(int row, String column) {
        return rows.get(row).get(header.indexOf(column));
    }

    public int size() {
        return rows.size();
    }

    private double number(String cell, String column, int row) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        if (cell.equals("inf") || cell.equals("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new FedSimException(file + ":" + (row + 2) + ": " + column + ": '" + cell + "' is not a number");
        }
    }

    /** One CSV line into cells: commas separate, double quotes quote, "" inside quotes is one quote. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
