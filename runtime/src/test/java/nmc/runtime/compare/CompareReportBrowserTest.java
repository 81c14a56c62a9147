package nmc.runtime.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the compare report in a real browser (headless Chromium): the DOM it builds has the table and every image
 * decoded, and a screenshot of the page is saved to {@code runtime/target/compare-report/screenshot.png}. Fails,
 * never skips, when Chromium is missing: {@code scripts/ensure-tools} installs it (as root), and so does
 * {@code scripts/test}.
 */
class CompareReportBrowserTest {
  static Path dir;
  static String chromium;

  @BeforeAll
  static void writeReport() throws IOException {
    chromium = findChromium();
    dir = Path.of("target", "compare-report").toAbsolutePath();
    Comparison c = new Comparer(CompareFixtures.all()).classifier(Optional.empty())
        .run(CompareFixtures.net(), List.of("reference", "chiplike", "gpu", "truenorth"), "reference");
    HtmlReport.write(c, dir);
  }

  static String findChromium() {
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) return p.toString();
      }
    }
    fail("headless Chromium is needed to open the compare report, and it is not installed. Install it with "
        + "'apt-get install -y chromium' (as root), or run scripts/ensure-tools, which scripts/test runs too.");
    return null;
  }

  /** Runs Chromium headless on the report with {@code args}; returns what it printed on stdout. */
  static String chromium(Path profile, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile, "--hide-scrollbars"));
    cmd.addAll(List.of(args));
    cmd.add(dir.resolve(HtmlReport.HTML).toUri().toString());
    Path out = Files.createTempFile("chromium", ".out"), err = Files.createTempFile("chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // a guard against a hung browser, not a timing assertion
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish: " + String.join(" ", cmd));
    }
    String stdout = Files.readString(out), stderr = Files.readString(err);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    assertEquals(0, p.exitValue(), "chromium failed: " + String.join(" ", cmd) + "\n" + stderr);
    return stdout;
  }

  @Test
  void theBrowserShowsTheTableAndEveryImage() throws Exception {
    Path profile = Files.createTempDirectory("nmc-chromium");
    try {
      String dom = chromium(profile, "--virtual-time-budget=10000", "--dump-dom");
      assertTrue(dom.contains("<table id=\"targets\">"), dom.length() > 400 ? dom.substring(0, 400) : dom);
      for (String t : List.of("reference", "chiplike")) assertTrue(dom.contains("<tr class=\"ok\" data-target=\"" + t + "\">"), t);
      for (String t : List.of("gpu", "truenorth")) assertTrue(dom.contains("<tr class=\"unavailable\" data-target=\"" + t + "\">"), t);
      Matcher m = Pattern.compile("<img [^>]*>").matcher(dom);
      int images = 0, loaded = 0;
      while (m.find()) {
        images++;
        if (m.group().contains("data-loaded=\"true\"")) loaded++;
      }
      assertEquals(4, images, "energy, latency and two rasters");
      assertEquals(images, loaded, "every image decoded in the browser");

      Path shot = dir.resolve("screenshot.png");
      Files.deleteIfExists(shot);
      chromium(profile, "--window-size=1400,2600", "--screenshot=" + shot);
      BufferedImage img = ImageIO.read(shot.toFile());
      assertEquals(1400, img.getWidth());
      assertEquals(2600, img.getHeight());
      // a rendered page, not a blank one: many colours (charts) and plenty of non-white pixels (text, tables)
      Set<Integer> colours = new HashSet<>();
      long ink = 0;
      for (int y = 0; y < img.getHeight(); y += 3) {
        for (int x = 0; x < img.getWidth(); x += 3) {
          int rgb = img.getRGB(x, y) & 0xffffff;
          colours.add(rgb);
          if (rgb != 0xffffff) ink++;
        }
      }
      assertTrue(colours.size() > 50, "colours in the screenshot: " + colours.size());
      assertTrue(ink > 10_000, "non-white samples: " + ink);
    } finally {
      try (var s = Files.walk(profile)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a browser helper process may still hold a file; the temp folder is cleaned by the system
      }
    }
  }
}
