package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.core.data.CsvReader;
import io.fedsim.core.privacy.RdpAccountant;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code fedsim privacy epsilon --csv FILE}: a table of settings in, the same table with {@code epsilon} and
 * {@code best_order} appended out. The header names the columns {@code q, sigma, steps, delta} in any order;
 * every other column, blank line and {@code #} comment line is written back as it was read. Cells may be
 * double-quoted. The whole file is checked before anything is written, so a bad cell leaves no half table.
 */
final class PrivacyTable {
    static final List<String> REQUIRED = List.of("q", "sigma", "steps", "delta");
    static final List<String> ADDED = List.of("epsilon", "best_order");

    private PrivacyTable() {
    }

    /** Reads {@code csv}, computes every row, and writes the table to {@code out}, or to {@code stdout} when null. */
    static void compute(Path csv, Path out, PrintWriter stdout) {
        String table = render(csv, read(csv));
        if (out == null) {
            stdout.print(table);
            stdout.flush();
            return;
        }
        if (Files.isDirectory(out)) {
            throw new FedSimException("--out " + out + ": is a folder; expected a file name for the table.");
        }
        try {
            Files.writeString(out, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "the folder " + out.toAbsolutePath().getParent() + " does not exist"
                    : String.valueOf(e.getMessage());
            throw new FedSimException("--out " + out + ": could not write the table: " + reason + ".", e);
        }
    }

    private static List<String> read(Path csv) {
        try {
            return Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FedSimException("--csv " + csv + ": no such file.", e);
        } catch (IOException e) {
            throw new FedSimException("--csv " + csv + ": could not read it (" + e + ").", e);
        }
    }

    /** The table with the two columns appended, or a user error naming the file, line, column and value. */
    static String render(Path csv, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        String[] names = null;
        int[] at = new int[REQUIRED.size()];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                sb.append(line).append('\n');
                continue;
            }
            String[] cells = split(line, csv, lineNumber);
            if (names == null) {
                names = cells;
                for (int k = 0; k < at.length; k++) {
                    at[k] = column(names, REQUIRED.get(k), csv, lineNumber);
                }
                for (String added : ADDED) {
                    if (List.of(names).contains(added)) {
                        throw new FedSimException(csv + ", line " + lineNumber + ": already has a column '" + added
                                + "', which this command appends; rename or remove it.");
                    }
                }
                sb.append(line).append(',').append(String.join(",", ADDED)).append('\n');
                continue;
            }
            if (cells.length != names.length) {
                throw new FedSimException(csv + ", line " + lineNumber + ": has " + cells.length + " cells, but the "
                        + "header has " + names.length + " columns (" + String.join(", ", names) + ").");
            }
            String[] where = new String[at.length];
            for (int k = 0; k < at.length; k++) {
                where[k] = csv + ", line " + lineNumber + ", column '" + REQUIRED.get(k) + "'";
            }
            double q = PrivacyArguments.q(where[0], number(where[0], cells[at[0]]).doubleValue());
            double sigma = PrivacyArguments.sigma(where[1], number(where[1], cells[at[1]]).doubleValue());
            long steps = PrivacyArguments.steps(where[2], wholeNumber(where[2], cells[at[2]]));
            double delta = PrivacyArguments.delta(where[3], number(where[3], cells[at[3]]).doubleValue());
            RdpAccountant.Spent spent = RdpAccountant.epsilon(q, sigma, steps, delta);
            String epsilon = Double.isInfinite(spent.epsilon()) ? "inf" : Double.toString(spent.epsilon());
            sb.append(line).append(',').append(epsilon).append(',').append(PrivacyArguments.order(spent.bestOrder()))
                    .append('\n');
        }
        if (names == null) {
            throw new FedSimException(csv + ": no header line; expected a first line naming the columns "
                    + String.join(", ", REQUIRED) + " (in any order, other columns allowed).");
        }
        return sb.toString();
    }

    private static int column(String[] names, String name, Path csv, int lineNumber) {
        int found = -1;
        for (int c = 0; c < names.length; c++) {
            if (names[c].equals(name)) {
                if (found >= 0) {
                    throw new FedSimException(csv + ", line " + lineNumber + ": the header names column '" + name
                            + "' twice.");
                }
                found = c;
            }
        }
        if (found < 0) {
            throw new FedSimException(csv + ", line " + lineNumber + ": the header has no column '" + name + "'; it "
                    + "needs " + String.join(", ", REQUIRED) + " (in any order) and has " + String.join(", ", names) + ".");
        }
        return found;
    }

    /** A plain decimal such as 0.01, 1.1 or 1e-5: no hex, NaN, Infinity or Java suffixes. */
    private static BigDecimal number(String where, String cell) {
        try {
            return new BigDecimal(cell);
        } catch (NumberFormatException e) {
            throw new FedSimException(where + ": " + (cell.isEmpty() ? "empty cell" : "'" + cell + "' is not a number")
                    + "; expected a decimal number such as 0.01, 1.1 or 1e-5.");
        }
    }

    private static long wholeNumber(String where, String cell) {
        BigDecimal n = number(where, cell);
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new FedSimException(where + ": '" + cell + "' is not a whole number of steps (rounds).");
        }
    }

    /** Cells of one line (see {@link CsvReader#split}: trimmed, double quotes honoured). */
    static String[] split(String line, Path csv, int lineNumber) {
        return CsvReader.split(line, ',', csv, lineNumber);
    }
}
