package nmc.emulator.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.emulator.ChipEmulator;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;
import nmc.ir.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading chip descriptions: the built-in loihi, both profiles, a user's modified copy, and malformed files. */
class ChipDescriptionTest {
  @TempDir Path tmp;

  private static String loihiText() throws IOException {
    try (InputStream in = ChipDescriptionTest.class.getClassLoader().getResourceAsStream("nmc/chips/loihi.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void loihiLoadsWithTheReferenceFigures() {
    ChipSpec c = ChipSpec.load("loihi");
    assertEquals("loihi", c.name());
    assertEquals(128, c.coresPerChip());
    assertEquals(1024, c.core().compartments());
    assertEquals(4096, c.core().inputAxons());
    assertEquals(16384, c.core().synapseMemoryWords());
    assertEquals(23, c.formats().stateBits());
    assertEquals(21, c.formats().accumulatorBits());
    assertEquals(WeightExponentMode.PER_SYNAPSE, c.behaviour().weightExponent());
    assertEquals(1, c.behaviour().hostInjectionLatencySteps());
    assertEquals(java.util.Set.of("d18", "sana-fe"), c.profiles().keySet());
    assertEquals("d18", c.defaultProfile());
    EnergyProfile d18 = c.profile("d18"), sana = c.profile("sana-fe");
    assertEquals(23.6e-12, d18.energy(OpClass.SYNAPSE_SPARSE));
    assertEquals(3.5e-9, d18.time(OpClass.SYNAPSE_SPARSE));
    assertEquals(81e-12, d18.energy(OpClass.NEURON_ACTIVE));
    assertEquals(4.0e-12, d18.energy(OpClass.HOP_NS));
    assertEquals(33.6e-12, sana.energy(OpClass.SYNAPSE_SPARSE));
    assertEquals(35.5e-12, sana.energy(OpClass.SYNAPSE_DENSE));
    assertEquals(4.2e-12, sana.energy(OpClass.HOP_NS));
    assertEquals(113e-9, d18.barrierSeconds(1));
    assertEquals(465e-9, d18.barrierSeconds(32));
    assertEquals(113e-9 + (465e-9 - 113e-9) * 3 / 31, d18.barrierSeconds(4), 1e-18);
    assertEquals(1.4e-6, sana.barrierSeconds(4));
    assertEquals(1.8e-6, sana.barrierSeconds(32), "held beyond the last point");
  }

  @Test
  void everyFigureCitesItsSources() throws IOException {
    Json.Obj root = (Json.Obj) Json.parse(loihiText());
    for (String group : new String[] {"mesh", "board", "core", "numberFormats", "behaviour", "noc"}) {
      assertTrue(((Json.Obj) root.get(group)).fields().containsKey("sources"), group + " has no sources");
    }
    Json.Obj profiles = (Json.Obj) root.get("energyProfiles");
    for (var p : profiles.fields().entrySet()) {
      Json.Obj ops = (Json.Obj) ((Json.Obj) p.getValue()).get("ops");
      for (var op : ops.fields().entrySet()) {
        Json src = ((Json.Obj) op.getValue()).get("sources");
        assertTrue(src instanceof Json.Str s && !s.value().isBlank(), p.getKey() + "/" + op.getKey() + " has no sources");
      }
      Json.Obj barrier = (Json.Obj) ((Json.Obj) p.getValue()).get("barrier");
      assertTrue(barrier.fields().containsKey("sources"), p.getKey() + " barrier has no sources");
    }
  }

  /** A one-core program with traffic of every kind used below. */
  private static ChipProgram smallProgram(ChipSpec chip) {
    SynapseFormat f = new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, 0, 0, SynapseFormat.Compression.SPARSE);
    CoreProgram.Builder a = CoreProgram.builder(), b = CoreProgram.builder();
    for (int i = 0; i < 8; i++) a.compartment(4095, 7, a.compartmentProfile(4095, 4095, 2), a.thresholdProfile(1));
    int tgt = b.compartment(0, 0, b.compartmentProfile(0, 0, 1), b.thresholdProfile(131071));
    int ax = b.inputAxon(b.synapseFormat(f));
    for (int k = 0; k < 5; k++) b.synapse(ax, tgt, 3, 0);
    for (int i = 0; i < 8; i++) a.outputAxon(i, 9, ax);
    return ChipProgram.builder(chip).core(0, a.build()).core(9, b.build()).build();
  }

  @Test
  void bothProfilesAreSelectableAndNeverMixed() {
    ChipSpec chip = ChipSpec.load("loihi");
    for (String name : new String[] {"d18", "sana-fe"}) {
      EnergyProfile p = chip.profile(name);
      try (ChipEmulator emu = ChipEmulator.create(smallProgram(chip), EmulatorOptions.defaults().withProfile(name))) {
        emu.run(10);
        assertSame(p, emu.profile());
        var m = emu.metrics();
        assertTrue(m.synapticOps() > 0 && m.count(OpClass.HOP_EW) > 0);
        double sum = 0;
        for (OpClass op : OpClass.values()) {
          // every class is priced with this profile's figure, never the other's
          assertEquals(m.count(op) * p.energy(op), m.energy(op), 1e-24, name + " " + op);
          sum += m.energy(op);
        }
        assertEquals(sum + m.steps() * p.barrierEnergy(), m.energyJ(), 1e-20);
      }
    }
    try (ChipEmulator d = ChipEmulator.create(smallProgram(chip), EmulatorOptions.defaults());
        ChipEmulator s = ChipEmulator.create(smallProgram(chip), EmulatorOptions.defaults().withProfile("sana-fe"))) {
      d.run(10);
      s.run(10);
      assertEquals(d.spikes().count(), s.spikes().count(), "the profile changes prices, not dynamics");
      assertNotEquals(d.metrics().energyJ(), s.metrics().energyJ());
      assertNotEquals(d.metrics().cycles(), s.metrics().cycles());
    }
    UserError e = assertThrows(UserError.class, () -> ChipEmulator.create(smallProgram(chip), EmulatorOptions.defaults().withProfile("d18+sana")));
    assertTrue(e.render().contains("d18, sana-fe"), e.render());
  }

  @Test
  void profilesCannotBeBuiltOrChangedOutsideTheLoader() {
    // Mixing is impossible by construction: no public constructor, no setters, final class.
    assertEquals(0, EnergyProfile.class.getConstructors().length);
    assertTrue(Modifier.isFinal(EnergyProfile.class.getModifiers()));
    assertTrue(Arrays.stream(EnergyProfile.class.getMethods()).noneMatch(m -> m.getName().startsWith("set")));
    assertTrue(Arrays.stream(EnergyProfile.class.getDeclaredFields()).allMatch(f -> Modifier.isFinal(f.getModifiers())));
  }

  @Test
  void aProfileThatLacksAFigureIsRejectedRatherThanFilledFromAnother() throws IOException {
    String text = loihiText();
    int sana = text.indexOf("\"sana-fe\"");
    int at = text.indexOf("\"hop_chip\"", sana);
    int lineEnd = text.indexOf('\n', at);
    String broken = text.substring(0, at) + "\"note\": \"removed\"" + text.substring(lineEnd);
    UserError e = assertThrows(UserError.class, () -> ChipSpec.parse(broken, "mine.json"));
    assertTrue(e.render().contains("missing field \"hop_chip\""), e.render());
  }

  @Test
  void aModifiedCopyLoadsFromAPath() throws IOException {
    String text = loihiText().replace("\"compartments\": 1024", "\"compartments\": 256")
        .replace("\"weightExponent\": \"per_synapse\"", "\"weightExponent\": \"on_sum\"");
    Path file = tmp.resolve("loihi-256.json");
    Files.writeString(file, text);
    ChipSpec c = ChipSpec.load(file.toString());
    assertEquals(256, c.core().compartments());
    assertEquals(WeightExponentMode.ON_SUM, c.behaviour().weightExponent());
    assertEquals(file.toString(), c.origin());

    CoreProgram.Builder fits = CoreProgram.builder();
    int p = fits.compartmentProfile(0, 0, 1), th = fits.thresholdProfile(100);
    for (int i = 0; i < 256; i++) fits.compartment(0, 0, p, th);
    ChipProgram.builder(c).core(0, fits.build()).build();
    fits.compartment(0, 0, p, th);
    UserError e = assertThrows(UserError.class, () -> ChipProgram.builder(c).core(0, fits.build()).build());
    assertTrue(e.render().contains("257 compartments, the chip allows 256 per core"), e.render());
  }

  private static Diagnostic malformed(String text) {
    UserError e = assertThrows(UserError.class, () -> ChipSpec.parse(text, "bad.json"));
    assertEquals(1, e.diagnostics().size());
    return e.diagnostics().get(0);
  }

  /** 1-based line and column of the first occurrence of {@code needle}. */
  private static int[] where(String text, String needle) {
    int i = text.indexOf(needle);
    int line = 1, lineStart = 0;
    for (int k = 0; k < i; k++) {
      if (text.charAt(k) == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return new int[] {line, i - lineStart + 1};
  }

  @Test
  void malformedFilesPointAtTheProblem() throws IOException {
    String ok = loihiText();

    String syntax = ok.replace("\"tilesY\": 4,", "\"tilesY\": 4");
    Diagnostic d = malformed(syntax);
    int[] at = where(syntax, "\"coresPerTile\"");
    assertEquals("bad.json", d.span().file());
    assertEquals(at[0], d.span().line());
    assertEquals(at[1], d.span().col());
    assertTrue(d.message().contains("expected ',' or '}'"), d.message());
    assertTrue(d.render().startsWith("bad.json:" + at[0] + ":" + at[1] + ": error: malformed JSON"), d.render());
    assertTrue(d.render().contains("\"coresPerTile\": 4"), "the source line is shown: " + d.render());

    String type = ok.replace("\"tilesX\": 8", "\"tilesX\": \"eight\"");
    d = malformed(type);
    at = where(type, "\"eight\"");
    assertEquals(at[0], d.span().line());
    assertEquals(at[1], d.span().col());
    assertTrue(d.message().contains("expected an integer from 1 to 4096 for \"tilesX\""), d.message());

    String range = ok.replace("\"stateBits\": 23", "\"stateBits\": 99");
    d = malformed(range);
    assertEquals(where(range, "\"stateBits\": 99")[0], d.span().line());
    assertTrue(d.message().contains("out of range") && d.hint().contains("8 to 30"), d.render());

    String typo = ok.replace("\"inputAxons\"", "\"inputAxon\"");
    d = malformed(typo);
    assertTrue(d.message().contains("missing field \"inputAxons\""), d.message());

    String unknown = ok.replace("\"maxDelay\": 62,", "\"maxDelay\": 62, \"maxDelays\": 7,");
    d = malformed(unknown);
    assertTrue(d.message().contains("unknown field \"maxDelays\" in \"core\""), d.message());
    assertEquals(where(unknown, "\"maxDelays\"")[0], d.span().line());

    String mode = ok.replace("\"per_synapse\"", "\"sum\"");
    d = malformed(mode);
    assertTrue(d.message().contains("unknown weightExponent \"sum\"") && d.hint().contains("per_synapse"), d.render());

    String dflt = ok.replace("\"defaultProfile\": \"d18\"", "\"defaultProfile\": \"silicon\"");
    d = malformed(dflt);
    assertTrue(d.hint().contains("d18, sana-fe"), d.render());
  }

  @Test
  void unknownNamesAndMissingFilesAreUserErrors() {
    UserError e = assertThrows(UserError.class, () -> ChipSpec.load("loihi3"));
    assertTrue(e.render().contains("unknown chip 'loihi3'") && e.render().contains("loihi"), e.render());
    e = assertThrows(UserError.class, () -> ChipSpec.load(tmp.resolve("nope.json").toString()));
    assertTrue(e.render().contains("not found"), e.render());
    assertFalse(e.render().contains("Exception"));
  }
}
