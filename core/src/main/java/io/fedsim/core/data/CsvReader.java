package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads a tabular dataset from a CSV file ({@code .csv} or gzipped): one label column, an optional group
 * column (the natural client of each row, any text), and every other column a numeric feature. Blank lines
 * are skipped, cells are trimmed, and a cell may be double-quoted ({@code ""} inside for a quote); a quoted
 * cell cannot span lines. Non-numeric features, ragged rows and unknown columns are user errors that name
 * the file, line and column.
 */
public final class CsvReader {

    /** A column, by header name or by 0-based position. */
    public sealed interface Column {
        static Column named(String name) {
            return new Named(name);
        }

        static Column at(int index) {
            return new At(index);
        }

        /** A column found by its header name (needs a header row). */
        record Named(String name) implements Column {
            public Named {
                Objects.requireNonNull(name, "name");
            }
        }

        /** A column by 0-based position. */
        record At(int index) implements Column {
            public At {
                if (index < 0) {
                    throw new FedSimException("CSV column index must be >= 0, was " + index + ".");
                }
            }
        }
    }

    /**
     * How to read the file.
     *
     * @param header    whether the first non-blank line holds column names
     * @param delimiter cell separator, e.g. ',' or ';' or '\t'
     * @param label     the label column
     * @param group     the natural-client column, if any
     */
    public record Options(boolean header, char delimiter, Column label, Optional<Column> group) {
        public Options {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(group, "group");
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new FedSimException("CSV delimiter cannot be " + printable(delimiter) + "; use e.g. ',' or ';'.");
            }
            requireHeaderFor("label", label, header);
            group.ifPresent(g -> requireHeaderFor("group", g, header));
        }

        /** Comma-separated, with a header row, no group column. */
        public static Options withHeader(Column label) {
            return new Options(true, ',', label, Optional.empty());
        }

        /** Comma-separated, no header row, no group column. */
        public static Options withoutHeader(int labelIndex) {
            return new Options(false, ',', Column.at(labelIndex), Optional.empty());
        }

        public Options withDelimiter(char newDelimiter) {
            return new Options(header, newDelimiter, label, group);
        }

        public Options withGroup(Column newGroup) {
            return new Options(header, delimiter, label, Optional.of(newGroup));
        }

        private static void requireHeaderFor(String role, Column column, boolean header) {
            if (column instanceof Column.Named named && !header) {
                throw new FedSimException("CSV " + role + " column '" + named.name() + "' is given by name, which needs "
                        + "a header row; set header to true or give the column's 0-based index.");
            }
        }

        private static String printable(char c) {
            return c == '\n' ? "a line break" : c == '\r' ? "a carriage return" : "'" + c + "'";
        }
    }

    /** The non-blank lines of the file, split into cells, with their 1-based line numbers. */
    private record Table(Path file, String[] names, List<String[]> rows, List<Integer> lineNumbers) {
        String describe(int column) {
            return names == null ? "column " + column : "column '" + names[column] + "' (index " + column + ")";
        }
    }

    private CsvReader() {
    }

    /** Reads the file; the dataset is named after the file. */
    public static Dataset read(Path file, Options options) {
        Table table = readTable(file, options);
        int width = table.rows().get(0).length;
        int labelColumn = resolve(table, width, options.label(), "label");
        int groupColumn = options.group().map(g -> resolve(table, width, g, "group")).orElse(-1);
        if (groupColumn == labelColumn) {
            throw new FedSimException(file + ": the label and the group column are the same, "
                    + table.describe(labelColumn) + "; they must differ.");
        }
        int[] featureColumns = java.util.stream.IntStream.range(0, width)
                .filter(c -> c != labelColumn && c != groupColumn).toArray();
        if (featureColumns.length == 0) {
            throw new FedSimException(file + ": no feature columns: all " + width + " columns are the label or the "
                    + "group column; expected at least one numeric feature column.");
        }
        float[] features = parseFeatures(table, featureColumns);
        String[] labelCells = column(table, labelColumn);
        int[] labels = encodeLabels(labelCells);
        int numClasses = java.util.Arrays.stream(labels).max().orElse(0) + 1;
        int[] groups = groupColumn < 0 ? null : encodeGroups(column(table, groupColumn));
        return new Dataset(file.getFileName().toString(), features, labels, featureColumns.length, numClasses, groups);
    }

    private static Table readTable(Path file, Options options) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] names = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(DataFiles.open(file), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, options.delimiter(), file, lineNumber);
                if (options.header() && names == null) {
                    names = cells;
                    continue;
                }
                int expected = names != null ? names.length : rows.isEmpty() ? cells.length : rows.get(0).length;
                if (cells.length != expected) {
                    String reference = names != null ? "the header has " : "the first row (line " + lineNumbers.get(0)
                            + ") has ";
                    throw new FedSimException(file + ", line " + lineNumber + ": " + cells.length + " columns, but "
                            + reference + expected + "; every row must have the same number of columns.");
                }
                rows.add(cells);
                lineNumbers.add(lineNumber);
            }
        } catch (IOException e) {
            throw new FedSimException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
        if (rows.isEmpty()) {
            throw new FedSimException(file + ": " + (names == null ? "the file is empty" : "has a header but no data rows")
                    + "; expected " + (options.header() ? "a header row and " : "") + "at least one data row.");
        }
        return new Table(file, names, rows, lineNumbers);
    }

    /**
     * Splits one line into trimmed cells, honouring double quotes: a cell may be quoted, hold the delimiter,
     * and write {@code ""} for a quote inside. An unclosed quote is a {@link FedSimException} naming the file
     * and line. Shared by every CSV FedSim reads.
     */
    public static String[] split(String line, char delimiter, Path file, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    cell.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                inQuotes = true;
                cell.setLength(0);
            } else if (c == delimiter) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (inQuotes) {
            throw new FedSimException(file + ", line " + lineNumber + ": a quoted cell is not closed; a quote opened "
                    + "with \" must be closed on the same line (write \"\" for a quote inside it).");
        }
        cells.add(cell.toString().trim());
        return cells.toArray(String[]::new);
    }

    private static int resolve(Table table, int width, Column column, String role) {
        if (column instanceof Column.At at) {
            if (at.index() >= width) {
                throw new FedSimException(table.file() + ": " + role + " column index " + at.index() + " is out of "
                        + "range; the file has " + width + " columns (indices 0.." + (width - 1) + ").");
            }
            return at.index();
        }
        String name = ((Column.Named) column).name();
        for (int c = 0; c < width; c++) {
            if (table.names()[c].equals(name)) {
                return c;
            }
        }
        throw new FedSimException(table.file() + ": no column named '" + name + "' for the " + role + "; the header "
                + "has the columns " + String.join(", ", table.names()) + ".");
    }

    private static float[] parseFeatures(Table table, int[] featureColumns) {
        int d = featureColumns.length;
        float[] features = new float[table.rows().size() * d];
        for (int r = 0; r < table.rows().size(); r++) {
            String[] cells = table.rows().get(r);
            for (int k = 0; k < d; k++) {
                String cell = cells[featureColumns[k]];
                Float value = parseNumber(cell);
                if (value == null) {
                    throw new FedSimException(table.file() + ", line " + table.lineNumbers().get(r) + ", "
                            + table.describe(featureColumns[k]) + ": " + (cell.isEmpty() ? "empty cell" : "'" + cell
                            + "' is not a number") + "; every column other than the label and group columns is "
                            + "read as a numeric feature (a finite decimal number such as 3, -0.5 or 1e-3).");
                }
                features[r * d + k] = value;
            }
        }
        return features;
    }

    /** A finite decimal number, or null: no hex, no NaN/Infinity, no Java 'f'/'d' suffixes. */
    private static Float parseNumber(String cell) {
        if (cell.isEmpty() || !Character.isDigit(cell.charAt(cell.length() - 1)) && !cell.endsWith(".")
                || cell.indexOf('x') >= 0 || cell.indexOf('X') >= 0) {
            return null;
        }
        try {
            float value = Float.parseFloat(cell);
            return Float.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String[] column(Table table, int column) {
        String[] cells = new String[table.rows().size()];
        for (int r = 0; r < cells.length; r++) {
            cells[r] = table.rows().get(r)[column];
            if (cells[r].isEmpty()) {
                throw new FedSimException(table.file() + ", line " + table.lineNumbers().get(r) + ", "
                        + table.describe(column) + ": empty cell; every row needs a label" + " and, if a group column "
                        + "is set, a group.");
            }
        }
        return cells;
    }

    /** Non-negative integer labels as they are; any other labels as their index in sorted order. */
    static int[] encodeLabels(String[] cells) {
        int[] labels = new int[cells.length];
        boolean allIntegers = true;
        for (int i = 0; i < cells.length && allIntegers; i++) {
            allIntegers = cells[i].matches("[0-9]{1,9}");
            labels[i] = allIntegers ? Integer.parseInt(cells[i]) : 0;
        }
        if (allIntegers) {
            return labels;
        }
        Map<String, Integer> index = new HashMap<>();
        for (String name : new TreeSet<>(java.util.Arrays.asList(cells))) {
            index.put(name, index.size());
        }
        for (int i = 0; i < cells.length; i++) {
            labels[i] = index.get(cells[i]);
        }
        return labels;
    }

    /** Group names as ints in order of first appearance. */
    private static int[] encodeGroups(String[] cells) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] groups = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            groups[i] = index.computeIfAbsent(cells[i], k -> index.size());
        }
        return groups;
    }
}
