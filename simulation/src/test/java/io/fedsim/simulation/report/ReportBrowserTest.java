package io.fedsim.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.simulation.cli.FedSimCli;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated reports opened in a real browser (headless Chromium): every image loads, the console stays
 * silent, and a screenshot is taken (kept in target/report-screenshots/ for a person to look at). Skipped
 * when /usr/bin/chromium is absent, unless FEDSIM_BROWSER_CHECK=required (as .ci/run sets it).
 */
class ReportBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    @TempDir
    Path dir;

    private HeadlessChromium chromium;

    @BeforeEach
    void needsChromium() throws Exception {
        boolean required = "required".equals(System.getenv("FEDSIM_BROWSER_CHECK"));
        if (!HeadlessChromium.available()) {
            assertThat(required).as("FEDSIM_BROWSER_CHECK=required but " + HeadlessChromium.BINARY + " is missing")
                    .isFalse();
            Assumptions.abort("skipped: " + HeadlessChromium.BINARY + " is not installed (apt-get install -y chromium; "
                    + ".ci/run installs it and requires this check)");
        }
        chromium = new HeadlessChromium(Files.createDirectories(dir.resolve("chromium")));
        Files.createDirectories(SCREENSHOTS);
    }

    private static BufferedImage screenshotOf(HeadlessChromium chromium, Path report, String name) throws Exception {
        Path png = SCREENSHOTS.resolve(name);
        Files.deleteIfExists(png);
        chromium.screenshot(report, png);
        return ImageIO.read(png.toFile());
    }

    /** Not a blank page: more than a handful of distinct colours in the screenshot. */
    private static long colours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getHeight() / 4).flatMap(y -> java.util.stream.IntStream
                .range(0, image.getWidth() / 4).map(x -> image.getRGB(x * 4, y * 4))).distinct().count();
    }

    @Test
    void aReportWithEveryChartLoadsCleanly() throws Exception {
        Path report = RunReport.write(ReportFixtures.full(dir.resolve("run")));

        assertThat(chromium.problems(report)).isEmpty();
        BufferedImage shot = screenshotOf(chromium, report, "fixture-report.png");
        assertThat(shot.getWidth()).isEqualTo(1280);
        assertThat(shot.getHeight()).isEqualTo(3000);
        assertThat(colours(shot)).isGreaterThan(20);
    }

    @Test
    void theReportOfARealRunLoadsCleanly() throws Exception {
        Path scenario = Files.writeString(dir.resolve("tiny.conf"), """
                name = tiny
                rounds = 4
                seed = 3
                data {
                  source = blobs
                  blobs { features = 4, classes = 3, train-samples = 300, test-samples = 90, center-std = 3.0, noise-std = 0.5 }
                  partition { scheme = dirichlet, alpha = 0.5, min-size = 5 }
                }
                clients { count = 10, fraction = 0.5, batch-size = 10, learning-rate = 0.1 }
                model { type = logreg }
                privacy { mode = central, noise-multiplier = 1.0, clip-norm = 1.0 }
                """);
        Path out = dir.resolve("out");
        assertThat(FedSimCli.execute("run", scenario.toString(), "--out", out.toString())).isZero();

        Path report = out.resolve(RunReport.FILE);
        assertThat(chromium.problems(report)).isEmpty();
        assertThat(colours(screenshotOf(chromium, report, "run-report.png"))).isGreaterThan(20);
    }

    @Test
    void theCheckCatchesAnImageThatDoesNotLoad() throws Exception {
        Path report = RunReport.write(ReportFixtures.minimal(dir.resolve("run")));
        String html = Files.readString(report);
        Path broken = Files.writeString(dir.resolve("broken.html"),
                html.replaceFirst("base64,[A-Za-z0-9+/=]+\"", "base64,AAAA\""));

        List<String> problems = chromium.problems(broken);

        assertThat(problems).containsExactly("1 of 2 images loaded");
        assertThat(chromium.problems(report)).isEmpty();
    }
}
