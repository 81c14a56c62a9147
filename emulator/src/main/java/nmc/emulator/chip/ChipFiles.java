package nmc.emulator.chip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Span;
import nmc.ir.json.Json;
import nmc.ir.json.JsonException;

/**
 * Reads chip description files into {@link ChipSpec}; every mistake becomes a {@link UserError} at file:line:col.
 * Descriptions of other chip kinds ({@code "kind"}, default {@code "loihi"}) reuse the reading machinery through
 * {@link #open}, {@link Section} and {@link #profile}.
 */
public final class ChipFiles {
  public static final String FORMAT = "nmc-chip/1";

  private ChipFiles() {}

  static ChipSpec builtIn(String name) {
    String res = "nmc/chips/" + name + ".json";
    try (InputStream in = ChipFiles.class.getClassLoader().getResourceAsStream(res)) {
      if (in == null) throw new IllegalStateException("built-in chip resource missing: " + res);
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), res);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in chip " + res, e);
    }
  }

  static ChipSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw UserError.of("chip description file not found: " + file, "give a built-in chip name (loihi) or an existing .json file");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.of("cannot read chip description file " + file + ": " + e.getMessage(), "");
    }
    return parse(text, file.toString());
  }

  /**
   * Parses the text as a chip description, checks its {@code "format"}, and returns the top-level object with
   * {@code "format"} and {@code "kind"} already read; {@link Section#kind()} tells the kind.
   */
  public static Section open(String text, String fileName) {
    String[] lines = text.split("\r?\n", -1);
    Json root;
    try {
      root = Json.parse(text);
    } catch (JsonException e) {
      throw err(fileName, lines, e.line(), e.col(), "malformed JSON: " + e.detail(), "a chip description is one JSON object; see docs/chips.md");
    }
    Ctx cx = new Ctx(fileName, lines);
    Section top = cx.section(root, "the chip description");
    String format = top.string("format");
    if (!format.equals(FORMAT)) {
      throw cx.error(top.obj.get("format").pos(), "unsupported chip description format \"" + format + "\"", "expected \"" + FORMAT + "\"");
    }
    top.kind = top.optString("kind", "loihi");
    return top;
  }

  /** The {@code mesh} section both chip kinds share: tiles in x and y, cores per tile. */
  public static ChipSpec.Mesh mesh(Section top) {
    Section m = top.section("mesh");
    ChipSpec.Mesh mesh = new ChipSpec.Mesh(m.integer("tilesX", 1, 4096), m.integer("tilesY", 1, 4096), m.integer("coresPerTile", 1, 64));
    m.done();
    return mesh;
  }

  /** The {@code noc} section both chip kinds share: routing (only "xy"), buffer depth, cycle time. */
  public static ChipSpec.NocParams noc(Section top) {
    Section n = top.section("noc");
    String routing = n.string("routing");
    if (!routing.equals("xy")) {
      throw top.cx.error(n.pos("routing"), "unsupported routing \"" + routing + "\"", "expected \"xy\" (dimension order: x first, then y)");
    }
    ChipSpec.NocParams noc = new ChipSpec.NocParams(routing, n.integer("bufferDepth", 1, 1 << 16), n.number("cycleSeconds", 1e-15, 1e-3));
    n.done();
    return noc;
  }

  static ChipSpec parse(String text, String fileName) {
    Section top = open(text, fileName);
    Ctx cx = top.cx;
    if (!top.kind.equals("loihi")) {
      throw cx.error(top.obj.get("kind").pos(), "this is a chip description of kind \"" + top.kind + "\", not a Loihi-like chip",
          top.kind.equals("truenorth") ? "load it with nmc.emulator.truenorth.TrueNorthSpec.load" : "expected \"loihi\" or \"truenorth\"");
    }
    String name = top.string("name");
    String description = top.optString("description", "");

    ChipSpec.Mesh mesh = mesh(top);

    Section b = top.section("board");
    ChipSpec.Board board = new ChipSpec.Board(b.integer("chipsX", 1, 1 << 14), b.integer("chipsY", 1, 1 << 14),
        b.number("interChipBarrierSeconds", 0, 1), b.number("staticWattsPerChip", 0, 1e3));
    b.done();

    Section c = top.section("core");
    ChipSpec.CoreLimits core = new ChipSpec.CoreLimits(
        c.integer("compartments", 1, 1 << 20), c.integer("inputAxons", 1, 1 << 24), c.integer("outputAxons", 1, 1 << 24),
        c.integer("synapseMemoryWords", 1, 1 << 28), c.integer("synapseWordBits", 8, 1024),
        c.integer("compartmentProfiles", 1, 1 << 16), c.integer("thresholdProfiles", 1, 1 << 16),
        c.integer("synapseFormats", 1, 1 << 16), c.integer("maxDelay", 0, 1 << 12),
        c.integer("dendriteAccumulatorEntries", 1, 1 << 28));
    c.done();

    Section f = top.section("numberFormats");
    ChipSpec.NumberFormats fmt = new ChipSpec.NumberFormats(
        f.integer("decayBits", 1, 24), f.integer("currentDecayOffset", 0, 1), f.integer("voltageDecayOffset", 0, 1),
        f.integer("stateBits", 8, 30), f.integer("accumulatorBits", 8, 30), f.integer("weightShift", 0, 16),
        f.integer("thresholdShift", 0, 16), f.integer("weightMantissaBits", 1, 16),
        f.intList("weightBits", 1, 16), f.integer("weightExponentMin", -16, 0), f.integer("weightExponentMax", 0, 16),
        f.integer("delayBitsMax", 0, 12), f.intList("sparseIndexBits", 1, 24), f.integer("synapseGroupMax", 1, 1 << 16),
        f.integer("synapseGroupHeaderBits", 0, 64),
        f.integer("biasMantissaMax", 0, 1 << 24), f.integer("biasExponentMax", 0, 16),
        f.integer("thresholdMantissaMin", 0, 1 << 24), f.integer("thresholdMantissaMax", 0, 1 << 24),
        f.integer("refractoryDelayMin", 0, 1 << 16), f.integer("refractoryDelayMax", 1, 1 << 16), f.integer("decayMax", 0, 1 << 24),
        f.integer("vminExponentMax", 0, 31), f.integer("vmaxExponentMax", 0, 15), f.integer("vmaxExponentBase", 0, 30),
        f.integer("noiseExponentMax", 0, 30), f.integer("noiseOffsetMin", -(1 << 16), 0), f.integer("noiseOffsetMax", 0, 1 << 16));
    f.done();
    if (fmt.decayMax() >= (1 << fmt.decayBits())) {
      throw cx.error(f.obj.get("decayMax").pos(), "decayMax " + fmt.decayMax() + " does not fit decayBits " + fmt.decayBits(),
          "expected at most " + ((1 << fmt.decayBits()) - 1));
    }

    Section be = top.section("behaviour");
    String modeKey = be.string("weightExponent");
    WeightExponentMode mode = WeightExponentMode.byKey(modeKey);
    if (mode == null) {
      throw cx.error(be.obj.get("weightExponent").pos(), "unknown weightExponent \"" + modeKey + "\"",
          "expected \"per_synapse\" (recommended, nengo-loihi) or \"on_sum\" (Lava Dense)");
    }
    ChipSpec.Behaviour behaviour = new ChipSpec.Behaviour(mode, be.integer("hostInjectionLatencySteps", 0, 64));
    be.done();

    ChipSpec.NocParams noc = noc(top);

    String defaultProfile = top.string("defaultProfile");
    Section ps = top.section("energyProfiles");
    Map<String, EnergyProfile> profiles = new LinkedHashMap<>();
    for (var e : ps.obj.fields().entrySet()) {
      if (e.getKey().equals("sources") || e.getKey().equals("note")) continue;
      profiles.put(e.getKey(), profile(cx, ps.section(e.getKey()), e.getKey()));
    }
    ps.done();
    if (profiles.isEmpty()) throw cx.error(ps.obj.pos(), "energyProfiles is empty", "expected at least one profile, e.g. \"d18\"");
    if (!profiles.containsKey(defaultProfile)) {
      throw cx.error(top.obj.get("defaultProfile").pos(), "defaultProfile \"" + defaultProfile + "\" is not one of the energyProfiles",
          "expected one of: " + String.join(", ", profiles.keySet()));
    }
    top.done();
    return new ChipSpec(name, fileName, description, mesh, board, core, fmt, behaviour, noc, defaultProfile, profiles);
  }

  /** Reads one entry of {@code energyProfiles} ({@code ops} for every {@link OpClass}, {@code barrier}); calls {@code done()}. */
  public static EnergyProfile profile(Ctx cx, Section p, String name) {
    String description = p.optString("description", "");
    Section ops = p.section("ops");
    int k = OpClass.values().length;
    double[] energy = new double[k];
    double[] time = new double[k];
    for (OpClass op : OpClass.values()) {
      Section o = ops.section(op.key());
      energy[op.ordinal()] = o.number("energy", 0, 1);
      time[op.ordinal()] = o.number("time", 0, 1);
      o.done();
    }
    ops.done();
    Section bar = p.section("barrier");
    List<Integer> tiles = bar.intList("tiles", 1, 1 << 24);
    double[] seconds = bar.numList("seconds", 0, 1);
    if (tiles.size() != seconds.length || tiles.isEmpty()) {
      throw cx.error(bar.obj.get("seconds").pos(), "barrier \"tiles\" and \"seconds\" differ in length (" + tiles.size() + " vs " + seconds.length + ")",
          "expected one time per tile count, at least one");
    }
    for (int i = 1; i < tiles.size(); i++) {
      if (tiles.get(i) <= tiles.get(i - 1)) {
        throw cx.error(bar.obj.get("tiles").pos(), "barrier tile counts must increase", "expected e.g. [1, 32]");
      }
    }
    double barrierEnergy = bar.number("energy", 0, 1);
    bar.done();
    p.done();
    return new EnergyProfile(name, description, energy, time, tiles.stream().mapToInt(Integer::intValue).toArray(), seconds, barrierEnergy);
  }

  public static UserError err(String file, String[] lines, int line, int col, String msg, String hint) {
    String src = line >= 1 && line <= lines.length ? lines[line - 1] : "";
    return new UserError(List.of(Diagnostic.error(new Span(file, line, col), msg, hint, src)));
  }

  /** The file being read, for positions. */
  public record Ctx(String file, String[] lines) {
    public UserError error(Json.Pos pos, String msg, String hint) {
      return err(file, lines, pos.line(), pos.col(), msg, hint);
    }

    public Section section(Json v, String what) {
      if (!(v instanceof Json.Obj o)) throw error(v.pos(), "expected an object for " + what + ", found " + v.describe(), "see docs/chips.md");
      return new Section(this, o, what);
    }
  }

  /** An object whose fields are read one by one; {@link #done()} rejects the fields nobody asked for (typos). */
  public static final class Section {
    final Ctx cx;
    final Json.Obj obj;
    final String what;
    final List<String> used = new ArrayList<>(List.of("sources", "note"));
    String kind;

    Section(Ctx cx, Json.Obj obj, String what) {
      this.cx = cx;
      this.obj = obj;
      this.what = what;
    }

    private Json field(String key, String expected) {
      used.add(key);
      Json v = obj.get(key);
      if (v == null) throw cx.error(obj.pos(), "missing field \"" + key + "\" in " + what, "expected " + expected);
      return v;
    }

    public Section section(String key) {
      return cx.section(field(key, "an object"), "\"" + key + "\"");
    }

    public String string(String key) {
      Json v = field(key, "a string");
      if (!(v instanceof Json.Str s)) throw cx.error(v.pos(), "expected a string for \"" + key + "\", found " + v.describe(), "");
      return s.value();
    }

    public String optString(String key, String dflt) {
      return obj.get(key) == null ? markUsed(key, dflt) : string(key);
    }

    private String markUsed(String key, String v) {
      used.add(key);
      return v;
    }

    public int integer(String key, int min, int max) {
      String expected = "an integer from " + min + " to " + max;
      Json v = field(key, expected);
      return toInt(key, v, min, max);
    }

    private int toInt(String key, Json v, int min, int max) {
      String expected = "an integer from " + min + " to " + max;
      if (!(v instanceof Json.Num num)) throw cx.error(v.pos(), "expected " + expected + " for \"" + key + "\", found " + v.describe(), "");
      long x;
      try {
        x = Long.parseLong(num.text());
      } catch (NumberFormatException e) {
        throw cx.error(v.pos(), "expected " + expected + " for \"" + key + "\", found " + v.describe(), "write a whole number without a fraction or exponent");
      }
      if (x < min || x > max) throw cx.error(v.pos(), "\"" + key + "\" is " + x + ", out of range", "expected " + expected);
      return (int) x;
    }

    public double number(String key, double min, double max) {
      Json v = field(key, "a number from " + min + " to " + max);
      return toDouble(key, v, min, max);
    }

    private double toDouble(String key, Json v, double min, double max) {
      if (!(v instanceof Json.Num num)) {
        throw cx.error(v.pos(), "expected a number for \"" + key + "\", found " + v.describe(), "SI units: seconds, joules, watts");
      }
      double x = num.toDouble();
      if (!(x >= min && x <= max)) throw cx.error(v.pos(), "\"" + key + "\" is " + num.text() + ", out of range", "expected a number from " + min + " to " + max + " (SI units)");
      return x;
    }

    public List<Integer> intList(String key, int min, int max) {
      Json v = field(key, "an array of integers");
      if (!(v instanceof Json.Arr a)) throw cx.error(v.pos(), "expected an array of integers for \"" + key + "\", found " + v.describe(), "");
      List<Integer> out = new ArrayList<>();
      for (Json item : a.items()) out.add(toInt(key, item, min, max));
      return out;
    }

    public double[] numList(String key, double min, double max) {
      Json v = field(key, "an array of numbers");
      if (!(v instanceof Json.Arr a)) throw cx.error(v.pos(), "expected an array of numbers for \"" + key + "\", found " + v.describe(), "");
      double[] out = new double[a.items().size()];
      for (int i = 0; i < out.length; i++) out[i] = toDouble(key, a.items().get(i), min, max);
      return out;
    }

    public Ctx ctx() {
      return cx;
    }

    /** The chip kind (top level only, after {@link #open}). */
    public String kind() {
      return kind;
    }

    /** Where a field is (or the object itself when it has no such field), for messages. */
    public Json.Pos pos(String key) {
      Json v = obj.get(key);
      return v == null ? obj.pos() : v.pos();
    }

    /** The keys of this object other than "sources" and "note", in file order (for maps such as energyProfiles). */
    public List<String> keys() {
      return obj.fields().keySet().stream().filter(k -> !k.equals("sources") && !k.equals("note")).toList();
    }

    public boolean bool(String key) {
      Json v = field(key, "true or false");
      if (!(v instanceof Json.Bool b)) throw cx.error(v.pos(), "expected true or false for \"" + key + "\", found " + v.describe(), "");
      return b.value();
    }

    public void done() {
      for (var e : obj.fields().entrySet()) {
        if (!used.contains(e.getKey())) {
          List<String> known = used.stream().filter(k -> !k.equals("sources") && !k.equals("note")).toList();
          throw cx.error(e.getValue().pos(), "unknown field \"" + e.getKey() + "\" in " + what,
              known.isEmpty() ? "" : "expected one of: " + String.join(", ", known) + " (or \"sources\", \"note\")");
        }
      }
    }
  }
}
