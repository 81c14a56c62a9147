package nmc.emulator.truenorth;

import java.util.LinkedHashMap;
import java.util.Map;
import nmc.emulator.chip.ChipFiles;
import nmc.emulator.chip.ChipFiles.Ctx;
import nmc.emulator.chip.ChipFiles.Section;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.EnergyProfile;
import nmc.emulator.chip.OpClass;

/** Reads {@code "kind": "truenorth"} chip descriptions with the shared machinery of {@link ChipFiles}. */
final class TrueNorthFiles {
  private TrueNorthFiles() {}

  static TrueNorthSpec parse(String text, String fileName) {
    Section top = ChipFiles.open(text, fileName);
    Ctx cx = top.ctx();
    if (!top.kind().equals("truenorth")) {
      throw cx.error(top.pos("kind"), "this is a chip description of kind \"" + top.kind() + "\", not a TrueNorth-like chip",
          "load it with nmc.emulator.chip.ChipSpec.load, or set \"kind\": \"truenorth\"");
    }
    String name = top.string("name");
    String description = top.optString("description", "");

    ChipSpec.Mesh mesh = ChipFiles.mesh(top);

    Section b = top.section("board");
    TrueNorthSpec.Board board = new TrueNorthSpec.Board(b.integer("chipsX", 1, 1 << 14), b.integer("chipsY", 1, 1 << 14));
    b.done();

    double tick = top.number("tickSeconds", 1e-9, 10);

    Section c = top.section("core");
    int minDelay = c.integer("minDelay", 1, 63);
    TrueNorthSpec.Core core = new TrueNorthSpec.Core(c.integer("axons", 1, 4096), c.integer("neurons", 1, 4096),
        c.integer("axonTypes", 1, 8), minDelay, c.integer("maxDelay", 1, 63));
    if (core.maxDelay() < minDelay) {
      throw cx.error(c.pos("maxDelay"), "maxDelay " + core.maxDelay() + " is below minDelay " + minDelay, "expected maxDelay >= minDelay");
    }
    c.done();

    Section f = top.section("numberFormats");
    int potentialBits = f.integer("potentialBits", 8, 30);
    TrueNorthSpec.NumberFormats fmt = new TrueNorthSpec.NumberFormats(f.integer("weightBits", 2, 16), f.integer("leakBits", 2, 16),
        potentialBits, f.integer("thresholdBits", 1, potentialBits - 1), f.integer("resetBits", 2, potentialBits),
        f.integer("thresholdMaskBitsMax", 0, potentialBits - 2), f.integer("randomCompareBits", 1, 16),
        f.integer("packetOffsetBits", 2, 24));
    f.done();

    Section be = top.section("behaviour");
    String ov = be.string("potentialOverflow");
    TrueNorthSpec.Overflow overflow = TrueNorthSpec.Overflow.byKey(ov);
    if (overflow == null) {
      throw cx.error(be.pos("potentialOverflow"), "unknown potentialOverflow \"" + ov + "\"", "expected \"saturate\" or \"wrap\"");
    }
    be.done();

    ChipSpec.NocParams noc = ChipFiles.noc(top);

    String defaultProfile = top.string("defaultProfile");
    Section ps = top.section("energyProfiles");
    Map<String, TrueNorthSpec.Pricing> profiles = new LinkedHashMap<>();
    for (String key : ps.keys()) profiles.put(key, pricing(cx, ps.section(key), key));
    ps.done();
    if (profiles.isEmpty()) throw cx.error(ps.pos("m14"), "energyProfiles is empty", "expected at least one profile, e.g. \"m14\"");
    if (!profiles.containsKey(defaultProfile)) {
      throw cx.error(top.pos("defaultProfile"), "defaultProfile \"" + defaultProfile + "\" is not one of the energyProfiles",
          "expected one of: " + String.join(", ", profiles.keySet()));
    }
    double[] typical = {0, 0};
    if (!top.keys().contains("publishedPower")) {
      top.optString("publishedPower", ""); // absent: allowed, marks the key as known
    } else {
      Section pp = top.section("publishedPower");
      typical = pp.numList("typicalWatts", 0, 1e3);
      if (typical.length != 2 || typical[0] > typical[1]) {
        throw cx.error(pp.pos("typicalWatts"), "typicalWatts must be [low, high]", "e.g. [0.065, 0.072]");
      }
      pp.done();
    }
    top.done();
    return new TrueNorthSpec(name, fileName, description, mesh, board, tick, core, fmt, overflow, noc, defaultProfile, profiles, typical);
  }

  private static TrueNorthSpec.Pricing pricing(Ctx cx, Section p, String name) {
    String acc = p.string("accounting");
    TrueNorthSpec.Accounting accounting = TrueNorthSpec.Accounting.byKey(acc);
    if (accounting == null) {
      throw cx.error(p.pos("accounting"), "unknown accounting \"" + acc + "\"", "expected \"all_inclusive\" or \"itemised\"");
    }
    double staticWatts = p.number("staticWattsPerChip", 0, 1e3);
    EnergyProfile ops = ChipFiles.profile(cx, p, name);
    if (accounting == TrueNorthSpec.Accounting.ALL_INCLUSIVE) {
      // REF 3.4: the all-inclusive figure already contains routing, memory, periphery and leakage.
      if (staticWatts != 0) {
        throw cx.error(p.pos("staticWattsPerChip"), "profile \"" + name + "\" is all_inclusive but adds static power",
            "an all-inclusive figure already contains the leakage: set staticWattsPerChip to 0, or make the profile \"itemised\"");
      }
      for (OpClass op : OpClass.values()) {
        if (op != OpClass.SYNAPSE_DENSE && ops.energy(op) != 0) {
          throw cx.error(p.pos("ops"), "profile \"" + name + "\" is all_inclusive but prices \"" + op.key() + "\" at " + ops.energy(op) + " J",
              "never add per-hop or per-read costs on top of an all-inclusive synaptic-event figure (hardware reference 3.4): set it to 0, or make the profile \"itemised\"");
        }
      }
      if (ops.barrierEnergy() != 0) {
        throw cx.error(p.pos("barrier"), "profile \"" + name + "\" is all_inclusive but prices the barrier", "set the barrier energy to 0");
      }
    }
    return new TrueNorthSpec.Pricing(ops, accounting, staticWatts);
  }
}
