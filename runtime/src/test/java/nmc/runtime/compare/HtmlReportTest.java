package nmc.runtime.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page and compare.json, read as text (the browser test opens the page in Chromium). */
class HtmlReportTest {
  static Comparison c;
  static String html;

  @TempDir
  Path tmp;

  @BeforeAll
  static void build() {
    c = new Comparer(CompareFixtures.all()).classifier(Optional.empty())
        .run(CompareFixtures.net(), List.of("reference", "chiplike", "gpu", "truenorth"), "reference");
    html = HtmlReport.html(c);
  }

  static final Pattern IMG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  static List<BufferedImage> images(String page) throws Exception {
    List<BufferedImage> out = new ArrayList<>();
    Matcher m = IMG.matcher(page);
    while (m.find()) out.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
    return out;
  }

  @Test
  void tableHasOneRowPerTargetAndUnavailableOnesSayWhy() {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<table id=\"targets\">"));
    for (String t : List.of("reference", "chiplike")) assertTrue(html.contains("<tr class=\"ok\" data-target=\"" + t + "\">"), t);
    assertTrue(html.contains("<tr class=\"unavailable\" data-target=\"gpu\"><td>gpu</td><td>unavailable</td>"
        + "<td class=\"reason\" colspan=\"11\">no CUDA device found (hint: run on a machine with an NVIDIA GPU)</td></tr>"));
    assertTrue(html.contains("data-target=\"truenorth\"><td>truenorth</td><td>unavailable</td><td class=\"reason\" colspan=\"11\">"
        + "no target named truenorth in this build"));
    // chip figures in the chiplike row, "-" for what the reference does not report
    assertTrue(html.contains("<td>3 (1 chip)</td>"), "cores (chips)");
    assertTrue(html.contains("<td>3.00 uJ</td><td>model</td>"), "energy and its source");
    assertTrue(html.contains("<table id=\"populations\">"));
    assertTrue(html.contains("<tr data-population=\"src\"><td>src (source)</td>"));
  }

  @Test
  void figuresAreEmbeddedPngs() throws Exception {
    List<BufferedImage> imgs = images(html);
    // energy, latency, and a raster for each of the two targets that ran
    assertEquals(4, imgs.size());
    for (BufferedImage i : imgs) {
      assertNotNull(i, "a data URI that is not a PNG");
      assertTrue(i.getWidth() >= 600 && i.getHeight() >= 300, i.getWidth() + "x" + i.getHeight());
    }
    for (String id : List.of("fig-energy", "fig-latency", "fig-raster_reference", "fig-raster_chiplike")) {
      assertTrue(html.contains("<figure id=\"" + id + "\">"), id);
    }
    assertTrue(html.contains("<div class=\"missing\" data-target=\"gpu\">"), "a placeholder where gpu's raster would be");
    assertFalse(html.contains("http://") || html.contains("https://"), "self-contained: nothing to fetch");
  }

  @Test
  void withoutEnergyTheReportSaysSo() throws Exception {
    Comparison ref = new Comparer(List.of(new ReferenceTarget())).classifier(Optional.empty())
        .run(CompareFixtures.net(), List.of("reference"), "reference");
    String page = HtmlReport.html(ref);
    assertTrue(page.contains("id=\"no-energy\""));
    assertEquals(2, images(page).size(), "latency and one raster");
  }

  @Test
  void textFromTargetsIsEscaped() {
    Target evil = new Target() {
      public String name() {
        return "evil";
      }

      public String description() {
        return "";
      }

      public SimResult run(Network net, nmc.sim.TargetOptions options, Progress p) {
        options.rejectUnknown(name(), java.util.List.of());
        throw UserError.of("cannot map <script>alert('x')</script> & more", "");
      }
    };
    String page = HtmlReport.html(new Comparer(List.of(new ReferenceTarget(), evil)).classifier(Optional.empty())
        .run(CompareFixtures.net(), List.of("evil"), "reference"));
    assertFalse(page.contains("<script>"));
    assertTrue(page.contains("cannot map &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
  }

  @Test
  void writesBothFilesAtomicallyBesideOthers() throws Exception {
    Path dir = tmp.resolve("cmp");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine");
    List<Path> written = HtmlReport.write(c, dir);
    assertEquals(List.of(dir.resolve("compare.json").toAbsolutePath(), dir.resolve("report.html").toAbsolutePath()), written);
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    assertEquals(html, Files.readString(dir.resolve("report.html")));
    Json.Obj json = (Json.Obj) Json.parse(Files.readString(dir.resolve("compare.json")));
    assertEquals(Json.print(c.toJson()), Json.print(json));
    try (var s = Files.list(tmp)) {
      assertEquals(List.of("cmp"), s.map(p -> p.getFileName().toString()).toList(), "no staging folder left");
    }
  }
}
