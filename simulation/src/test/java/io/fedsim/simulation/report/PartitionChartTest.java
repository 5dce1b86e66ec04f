package io.fedsim.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partition chart from partition.csv: the counts it reads, and a histogram beyond 100 clients. */
class PartitionChartTest {
    @TempDir
    Path dir;

    @Test
    void countsAreReadPerClientAndLabelInNumericOrder() throws Exception {
        Path csv = ReportFixtures.write(dir, "partition.csv", "client_id,label,count\n10,1,5\n2,0,3\n2,1,0\n10,0,0\n");

        PartitionChart.Counts counts = PartitionChart.Counts.of(CsvTable.read(csv));

        assertThat(counts.clients()).containsExactly("2", "10");
        assertThat(counts.labels()).containsExactly("0", "1");
        assertThat(counts.samples()).isDeepEqualTo(new long[][] {{3, 0}, {0, 5}});
        assertThat(counts.labelsHeld(0)).isEqualTo(1);
    }

    @Test
    void readingTheFileALineAtATimeGivesTheSameCounts() throws Exception {
        // labels first seen out of order, a client's row growing when a new label turns up, a repeated row summed
        Path csv = ReportFixtures.write(dir, "p.csv", "client_id,label,count\n3,2,1\n1,0,4\n3,0,2\n1,7,1\n1,7,2\n");

        PartitionChart.Counts read = PartitionChart.Counts.read(csv);

        assertThat(read.clients()).containsExactly("1", "3");
        assertThat(read.labels()).containsExactly("0", "2", "7");
        assertThat(read.samples()).isDeepEqualTo(new long[][] {{4, 0, 3}, {2, 1, 0}});
        assertThat(PartitionChart.Counts.of(CsvTable.read(csv)).samples()).isDeepEqualTo(read.samples());
    }

    @Test
    void beyondAHundredClientsAHistogramIsDrawnBelowTheHeatmap() throws Exception {
        Path small = ReportFixtures.write(dir, "small.csv", ReportFixtures.partition(40, 10));
        Path large = ReportFixtures.write(dir, "large.csv", ReportFixtures.partition(150, 10));

        PartitionChart.write(small, dir.resolve("small.png"));
        PartitionChart.write(large, dir.resolve("large.png"));

        BufferedImage smallImage = ImageIO.read(dir.resolve("small.png").toFile());
        BufferedImage largeImage = ImageIO.read(dir.resolve("large.png").toFile());
        assertThat(smallImage.getWidth()).isEqualTo(900);
        assertThat(largeImage.getWidth()).isEqualTo(900);
        assertThat(largeImage.getHeight() - smallImage.getHeight()).isEqualTo(360);
        assertThat(PartitionChart.figure(CsvTable.read(large), "x").caption())
                .contains("The first 100 of 150 clients are shown");
    }
}
