package io.fedsim.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html from hand-made results folders: a chart only where its data is, every image inlined. */
class RunReportTest {
    @TempDir
    Path dir;

    private static List<String> inlinedImages(String html) {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void aMinimalFolderGetsAccuracyAndLossOnly() throws Exception {
        Path run = ReportFixtures.minimal(dir.resolve("run"));

        Path report = RunReport.write(run);

        String html = Files.readString(report);
        assertThat(run.resolve("charts")).isDirectoryContaining(p -> p.getFileName().toString().equals("accuracy.png"));
        try (var charts = Files.list(run.resolve("charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("accuracy.png", "loss.png");
        }
        assertThat(inlinedImages(html)).hasSize(2);
        assertThat(html).contains("<dt>Privacy</dt><dd>none</dd>").contains("Not in this folder: partition.csv")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void aFullFolderGetsEveryChartAndTheFairnessTable() throws Exception {
        Path run = ReportFixtures.full(dir.resolve("run"));

        String html = Files.readString(RunReport.write(run));

        try (var charts = Files.list(run.resolve("charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "accuracy-time.png", "accuracy.png", "bytes.png", "client-accuracy.png", "epsilon.png",
                    "failures.png", "loss.png", "partition.png");
        }
        List<String> images = inlinedImages(html);
        assertThat(images).hasSize(8);
        for (String image : images) {
            assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image)))).isNotNull();
        }
        // round 6: accuracies 0.7, 0.8, 0.9, 1.0; worst 10% of 4 clients is the worst one
        assertThat(html).contains("<td>6</td><td>4</td><td>0.8500</td><td>0.8500</td><td>0.7000</td><td>0.7000</td>"
                + "<td>0.1118</td><td>0.9830</td>");
        assertThat(html).contains("central DP: noise multiplier 1, clip norm 0.5, delta 1e-5; epsilon spent 2.500")
                .contains("dirichlet (alpha 0.5, at least 2 samples per client) over 4 clients")
                .doesNotContain("Not in this folder");
    }
}
