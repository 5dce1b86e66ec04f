package io.fedsim.simulation.report;

import java.util.Objects;

/**
 * One chart of a report: written as {@code charts/<file>} and inlined into report.html.
 *
 * @param file    the PNG's file name, e.g. {@code accuracy.png}
 * @param caption one sentence under the chart saying what it shows (also the image's alt text)
 */
public record Figure(String file, String caption, byte[] png) {

    public Figure {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(png, "png");
    }
}
