package io.fedsim.simulation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens an HTML file in Debian's headless Chromium: a screenshot, and a check that every image loaded and the
 * console stayed silent. The report itself has no scripts; the check loads a copy with a small probe script
 * that, once the page has loaded, marks each image with whether it decoded, then reads the DOM back.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    /** Flags that keep Chromium off the network and away from any desktop session. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--enable-logging=stderr", "--v=0");
    private static final String PROBE = "<script>window.addEventListener('load', function () {"
            + " for (const img of document.images) {"
            + " img.setAttribute('data-probe', img.complete && img.naturalWidth > 0 ? 'loaded' : 'broken'); }"
            + " document.body.setAttribute('data-probe', 'done'); });</script>";

    private final Path work;

    HeadlessChromium(Path work) {
        this.work = work;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** What Chromium printed to stderr and wrote to stdout. */
    record Output(String stdout, String stderr) {
    }

    void screenshot(Path html, Path png) throws IOException, InterruptedException {
        run(html, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280,3000");
    }

    /** The problems a reader would see: images that did not load, console messages; empty when all is well. */
    List<String> problems(Path html) throws IOException, InterruptedException {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        Path probe = html.resolveSibling("probe-" + html.getFileName());
        Files.writeString(probe, page.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        Output out = run(probe, "--dump-dom");
        Files.delete(probe);
        List<String> problems = new ArrayList<>();
        if (!out.stdout().contains("data-probe=\"done\"")) {
            problems.add("the page did not finish loading (no DOM marker); stderr: " + out.stderr());
        }
        int images = count(page, "<img ");
        int loaded = count(out.stdout(), "data-probe=\"loaded\"");
        if (loaded != images) {
            problems.add(loaded + " of " + images + " images loaded");
        }
        // the report has no scripts, so any console line (a blocked resource, a parse error) is a fault
        Matcher console = Pattern.compile("^.*:CONSOLE.*$", Pattern.MULTILINE).matcher(out.stderr());
        while (console.find()) {
            problems.add("console: " + console.group());
        }
        return problems;
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private Output run(Path html, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"));
        command.addAll(List.of(extra));
        command.add(html.toAbsolutePath().toUri().toString());
        Path stdout = Files.createTempFile(work, "chromium", ".out");
        Path stderr = Files.createTempFile(work, "chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        // a guard against a hung browser, not a timing assertion
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s: " + command);
        }
        return new Output(Files.readString(stdout), Files.readString(stderr));
    }
}
