package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fedsim report DIR and fedsim compare DIR1 DIR2 --out DIR on real runs. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void reportRebuildsTheSameReportFromTheFolder() throws Exception {
        Path out = dir.resolve("out");
        runs.runOk("tiny", CliRuns.TINY, out);
        byte[] written = Files.readAllBytes(out.resolve("report.html"));
        byte[] chart = Files.readAllBytes(out.resolve("charts/accuracy.png"));
        Files.delete(out.resolve("report.html"));
        Files.delete(out.resolve("charts/accuracy.png"));

        CliRuns.Result r = fedsim("report", out);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("report: " + out.resolve("report.html") + System.lineSeparator());
        assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(written);
        assertThat(Files.readAllBytes(out.resolve("charts/accuracy.png"))).isEqualTo(chart);
    }

    @Test
    void compareLabelsEachRunByTheKeysThatDiffer() throws Exception {
        runs.runOk("tiny", CliRuns.TINY, dir.resolve("a"));
        runs.runOk("tiny", CliRuns.TINY, dir.resolve("b"), "--set", "clients.learning-rate=0.3");

        CliRuns.Result r = fedsim("compare", dir.resolve("a"), dir.resolve("b"), "--out", dir.resolve("cmp"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("cmp/report.html"));
        assertThat(html).contains("The runs' scenarios differ in: clients.learning-rate.")
                .contains("<td class=\"text\">learning-rate=0.1</td>").contains("<td class=\"text\">learning-rate=0.3</td>")
                .contains("<a href=\"../a/report.html\">");
        assertThat(dir.resolve("cmp/charts")).isDirectoryContaining("glob:**/compare-accuracy.png")
                .isDirectoryContaining("glob:**/compare-loss.png");
        assertThat(dir.resolve("cmp/charts/compare-epsilon.png")).doesNotExist();
    }

    @Test
    void aFolderThatIsNotARunIsAUserError() throws Exception {
        CliRuns.Result missing = fedsim("report", dir.resolve("nowhere"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(dir.resolve("nowhere") + ": no such folder");

        CliRuns.Result notARun = fedsim("compare", dir, dir, "--out", dir.resolve("cmp"));
        assertThat(notARun.exitCode()).isEqualTo(2);
        assertThat(notARun.err()).contains(dir + ": no scenario.conf").doesNotContain("Exception");

        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        CliRuns.Result intoARun = fedsim("compare", dir.resolve("a"), dir.resolve("b"), "--out", dir.resolve("b"));
        assertThat(intoARun.exitCode()).isEqualTo(2);
        assertThat(intoARun.err()).contains("--out " + dir.resolve("b") + ": is one of the runs compared");
    }
}
