package io.fedsim.simulation.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** tradeoff.png from hand-made rows: the private runs as points, runs without noise as "no DP" lines. */
class SweepChartTest {
    @TempDir
    Path dir;

    private static List<SweepRow> rows(String key, double[] epsilons, double[] accuracies) {
        List<SweepRow> rows = new ArrayList<>();
        SweepGrid grid = new SweepGrid(List.of(SweepAxis.parse(key + "=" + String.join(",",
                java.util.stream.IntStream.range(0, epsilons.length).mapToObj(i -> "v" + i).toList()))));
        for (SweepPoint p : grid.points()) {
            int i = p.index() - 1;
            rows.add(new SweepRow(p, accuracies[i], accuracies[i], epsilons[i], Double.isNaN(epsilons[i]) ? Double.NaN
                    : 1e-5, 10, 1.0, "runs/" + p.folderName()));
        }
        return rows;
    }

    @Test
    void privateRunsArePointsAndARunWithoutNoiseIsAReferenceLine() throws Exception {
        List<SweepRow> rows = rows("privacy.noise-multiplier", new double[] {Double.POSITIVE_INFINITY, 50, 5, 1},
                new double[] {0.9, 0.88, 0.8, 0.6});

        XYChart chart = TradeoffChart.build("demo", List.of("privacy.noise-multiplier"), rows);

        assertThat(chart.getSeriesMap()).containsOnlyKeys("private runs", "no DP (noise-multiplier=v0): 0.900");
        assertThat(chart.getSeriesMap().get("private runs").getXData()).containsExactly(1.0, 5.0, 50.0);
        assertThat(chart.getXAxisTitle()).isEqualTo("epsilon (delta = 1e-5); smaller is more private");
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        Path png = dir.resolve("tradeoff.png");
        TradeoffChart.write(png, "demo", List.of("privacy.noise-multiplier"), rows);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    @Test
    void withoutPrivateRunsAccuracyIsPlottedAgainstTheFirstKey() throws Exception {
        List<SweepRow> rows = rows("strategy.name", new double[] {Double.NaN, Double.NaN},
                new double[] {0.7, 0.8});

        XYChart chart = TradeoffChart.build("demo", List.of("strategy.name"), rows);

        assertThat(chart.getSeriesMap()).containsOnlyKeys("runs");
        assertThat(chart.getSeriesMap().get("runs").getXData()).containsExactly(0.0, 1.0);
        assertThat(chart.getXAxisTitle()).isEqualTo("strategy.name");
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(1.0)).isEqualTo("v1");
        Path png = dir.resolve("accuracy.png");
        TradeoffChart.write(png, "demo", List.of("strategy.name"), rows);
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        assertThat(Files.size(png)).isGreaterThan(5_000);
    }
}
