package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import nmc.diag.UserError;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.OpClass;
import nmc.ir.build.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The truenorth description: figures, profiles and their accounting, a modified copy, and malformed files. */
class TrueNorthSpecTest {
  @TempDir Path tmp;

  private static String text() throws IOException {
    try (InputStream in = TrueNorthSpecTest.class.getClassLoader().getResourceAsStream("nmc/chips/truenorth.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void builtInDescriptionHasThePublishedFigures() {
    TrueNorthSpec c = TrueNorthSpec.load("truenorth");
    assertEquals(4096, c.coresPerChip());
    assertEquals(64, c.mesh().tilesX());
    assertEquals(256, c.core().axons());
    assertEquals(256, c.core().neurons());
    assertEquals(4, c.core().axonTypes());
    assertEquals(1, c.core().minDelay());
    assertEquals(15, c.core().maxDelay());
    assertEquals(16, c.core().schedulerTicks());
    assertEquals(1e-3, c.tickSeconds());
    assertEquals(-256, c.formats().weightMin());
    assertEquals(255, c.formats().weightMax());
    assertEquals(-(1 << 19), c.formats().potentialMin());
    assertEquals((1 << 19) - 1, c.formats().potentialMax());
    assertEquals(TrueNorthSpec.Overflow.SATURATE, c.overflow());
    assertEquals("xy", c.noc().routing());
    assertEquals(Set.of("m14", "a15-fit", "m14-parts"), c.profiles().keySet());
    assertEquals("m14", c.defaultProfile());
    TrueNorthSpec.Pricing m14 = c.profile(null);
    assertEquals(TrueNorthSpec.Accounting.ALL_INCLUSIVE, m14.accounting());
    assertEquals(26e-12, m14.ops().energy(OpClass.SYNAPSE_DENSE));
    for (OpClass op : OpClass.values()) if (op != OpClass.SYNAPSE_DENSE) assertEquals(0, m14.ops().energy(op), op.key());
    assertEquals(0, m14.staticWattsPerChip());
    TrueNorthSpec.Pricing parts = c.profile("m14-parts");
    assertEquals(TrueNorthSpec.Accounting.ITEMISED, parts.accounting());
    assertEquals(2.3e-12, parts.ops().energy(OpClass.HOP_EW));
    assertEquals(832e-12, parts.ops().energy(OpClass.HOP_CHIP));
    assertEquals(0.0646, c.profile("a15-fit").staticWattsPerChip());
    assertEquals(0.065, c.typicalWatts()[0]);
    assertEquals(0.072, c.typicalWatts()[1]);
  }

  @Test
  void theLoihiLoaderPointsToTheTrueNorthOne() {
    UserError e = assertThrows(UserError.class, () -> ChipSpec.load("truenorth"));
    assertTrue(e.render().contains("kind \"truenorth\"") && e.render().contains("TrueNorthSpec.load"), e.render());
    UserError back = assertThrows(UserError.class, () -> TrueNorthSpec.load("loihi"));
    assertTrue(back.render().contains("unknown TrueNorth-like chip 'loihi'"), back.render());
  }

  @Test
  void anAllInclusiveProfileCannotPriceHopsOnTop() throws IOException {
    String bad = text().replace("\"hop_ew\":          { \"energy\": 0, \"time\": 2.0e-9,       \"sources\": \"inside the 26 pJ (M14",
        "\"hop_ew\":          { \"energy\": 2.3e-12, \"time\": 2.0e-9,       \"sources\": \"inside the 26 pJ (M14");
    UserError e = assertThrows(UserError.class, () -> TrueNorthSpec.parse(bad, "tn.json"));
    String r = e.render();
    assertTrue(r.startsWith("tn.json:") && r.contains("profile \"m14\" is all_inclusive but prices \"hop_ew\""), r);
    assertTrue(r.contains("never add per-hop or per-read costs on top"), r);
    String withStatic = text().replace("\"accounting\": \"all_inclusive\",\n      \"staticWattsPerChip\": 0,",
        "\"accounting\": \"all_inclusive\",\n      \"staticWattsPerChip\": 0.042,");
    UserError s = assertThrows(UserError.class, () -> TrueNorthSpec.parse(withStatic, "tn.json"));
    assertTrue(s.render().contains("all_inclusive but adds static power"), s.render());
  }

  @Test
  void mistakesPointAtTheirPlace() throws IOException {
    UserError typo = assertThrows(UserError.class, () -> TrueNorthSpec.parse(text().replace("\"axonTypes\": 4", "\"axonTipes\": 4"), "tn.json"));
    assertTrue(typo.render().contains("missing field \"axonTypes\"") || typo.render().contains("unknown field \"axonTipes\""), typo.render());
    UserError ov = assertThrows(UserError.class, () -> TrueNorthSpec.parse(text().replace("\"saturate\"", "\"clamp\""), "tn.json"));
    String r = ov.render();
    assertTrue(r.contains("tn.json:") && r.contains("unknown potentialOverflow \"clamp\"") && r.contains("expected \"saturate\" or \"wrap\""), r);
    UserError delay = assertThrows(UserError.class, () -> TrueNorthSpec.parse(text().replace("\"minDelay\": 1", "\"minDelay\": 0"), "tn.json"));
    assertTrue(delay.render().contains("\"minDelay\" is 0, out of range"), delay.render());
  }

  @Test
  void aModifiedCopyChangesWhatProgramsMayDo() throws IOException {
    Path f = tmp.resolve("tn-short-delays.json");
    Files.writeString(f, text().replace("\"maxDelay\": 15", "\"maxDelay\": 7"));
    TrueNorthSpec c = TrueNorthSpec.load(f.toString());
    assertEquals(8, c.core().schedulerTicks());
    TnCoreProgram.Builder b = TnCoreProgram.builder(c);
    b.destination(0, 0, 0, 9);
    UserError e = assertThrows(UserError.class, () -> TnChipProgram.builder(c).core(0, b.build()).build());
    assertTrue(e.render().contains("delay 9 is outside 1..7 ticks"), e.render());
  }

  @Test
  void precomputedRandomKeyGivesTheSameBitsAsRng() {
    long stream = TnRandom.stream(17);
    for (long seed : new long[] {0, 1, -5, 123456789L}) {
      long key = TnRandom.key(seed, stream);
      for (long counter = 0; counter < 1000; counter += 7) assertEquals(Rng.bits(seed, stream, counter), TnRandom.draw(key, counter));
    }
  }
}
