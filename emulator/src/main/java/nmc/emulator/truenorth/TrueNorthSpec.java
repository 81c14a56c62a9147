package nmc.emulator.truenorth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nmc.diag.UserError;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.EnergyProfile;

/**
 * A TrueNorth-like chip described by data (a {@code nmc-chip/1} file with {@code "kind": "truenorth"}; format in
 * {@code docs/chips.md}): mesh, tick, per-core resources, number widths, the overflow choice, network-on-chip
 * parameters and the energy profiles with their accounting.
 *
 * <pre>
 * TrueNorthSpec tn = TrueNorthSpec.load("truenorth");        // built in: resource nmc/chips/truenorth.json
 * TrueNorthSpec mine = TrueNorthSpec.load("my-tn.json");     // a modified copy
 * </pre>
 *
 * @param origin where it was read from (resource name or file path), for messages
 * @param typicalWatts published whole-chip power of the reference workload (for checks only), low and high
 */
public record TrueNorthSpec(
    String name,
    String origin,
    String description,
    ChipSpec.Mesh mesh,
    Board board,
    double tickSeconds,
    Core core,
    NumberFormats formats,
    Overflow overflow,
    ChipSpec.NocParams noc,
    String defaultProfile,
    Map<String, Pricing> profiles,
    double[] typicalWatts) {

  /** The TrueNorth-kind chips shipped with nmc. */
  public static final List<String> BUILT_IN = List.of("truenorth");

  public TrueNorthSpec {
    profiles = java.util.Collections.unmodifiableMap(new TreeMap<>(profiles));
    typicalWatts = typicalWatts.clone();
  }

  /** The default board of {@code chipsX} by {@code chipsY} chips (programs may choose another). */
  public record Board(int chipsX, int chipsY) {}

  /**
   * Per-core resources: a crossbar of {@code axons} by {@code neurons}, {@code axonTypes} axon types, and the
   * axonal delays a neuron's destination may use ({@code minDelay}..{@code maxDelay} ticks; the scheduler holds
   * {@code maxDelay + 1} ticks).
   */
  public record Core(int axons, int neurons, int axonTypes, int minDelay, int maxDelay) {
    public int schedulerTicks() {
      return maxDelay + 1;
    }
  }

  /**
   * Integer widths (hardware reference 3.1). Weights, leak and reset value are signed; thresholds unsigned; the
   * threshold mask is a run of at most {@code thresholdMaskBitsMax} ones; the stochastic synapse and leak compare
   * with a {@code randomCompareBits}-bit random number; a packet carries dx and dy in {@code packetOffsetBits} signed bits.
   */
  public record NumberFormats(int weightBits, int leakBits, int potentialBits, int thresholdBits, int resetBits,
      int thresholdMaskBitsMax, int randomCompareBits, int packetOffsetBits) {
    /** The farthest a packet can go in x or in y, in cores. */
    public int reach() { return (1 << (packetOffsetBits - 1)) - 1; }
    public int weightMin() { return -(1 << (weightBits - 1)); }
    public int weightMax() { return (1 << (weightBits - 1)) - 1; }
    public int leakMin() { return -(1 << (leakBits - 1)); }
    public int leakMax() { return (1 << (leakBits - 1)) - 1; }
    public int potentialMin() { return -(1 << (potentialBits - 1)); }
    public int potentialMax() { return (1 << (potentialBits - 1)) - 1; }
    public int thresholdMax() { return (1 << thresholdBits) - 1; }
    public int resetMin() { return -(1 << (resetBits - 1)); }
    public int resetMax() { return (1 << (resetBits - 1)) - 1; }
  }

  /** What happens when V leaves the signed {@code potentialBits} range (not documented; our choice in the file). */
  public enum Overflow {
    /** Clamp to the range after integration and after the leak (default). */
    SATURATE("saturate"),
    /** Keep the low {@code potentialBits} bits (two's complement) after integration and after the leak. */
    WRAP("wrap");

    private final String key;

    Overflow(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    static Overflow byKey(String k) {
      for (Overflow o : values()) if (o.key.equals(k)) return o;
      return null;
    }
  }

  /** How a profile's figures combine (hardware reference 3.4). */
  public enum Accounting {
    /**
     * The synaptic-event figure includes leakage, memory, routing and periphery: every other class and the static
     * power must be zero, so per-hop or per-read costs can never be added on top (the loader refuses them).
     */
    ALL_INCLUSIVE("all_inclusive"),
    /** The classes add up; static power is reported apart (as {@code static_energy_j}). */
    ITEMISED("itemised");

    private final String key;

    Accounting(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    static Accounting byKey(String k) {
      for (Accounting a : values()) if (a.key.equals(k)) return a;
      return null;
    }
  }

  /** One energy profile: per-operation figures (a shared {@link EnergyProfile}), its accounting and static power. */
  public record Pricing(EnergyProfile ops, Accounting accounting, double staticWattsPerChip) {
    public String name() {
      return ops.name();
    }
  }

  /** A built-in chip by name, or a description file when the argument names one. */
  public static TrueNorthSpec load(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath)) return builtIn(nameOrPath);
    Path p = Path.of(nameOrPath);
    if (nameOrPath.endsWith(".json") || nameOrPath.contains("/") || Files.exists(p)) return load(p);
    throw UserError.of("unknown TrueNorth-like chip '" + nameOrPath + "'",
        "built-in: " + String.join(", ", BUILT_IN) + "; or give the path of a chip description (.json) file with \"kind\": \"truenorth\"");
  }

  /** A description file; every mistake is a {@link UserError} with file:line:col. */
  public static TrueNorthSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw UserError.of("chip description file not found: " + file, "give a built-in chip name (truenorth) or an existing .json file");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.of("cannot read chip description file " + file + ": " + e.getMessage(), "");
    }
    return parse(text, file.toString());
  }

  /** Reads a description from text; {@code fileName} is used in messages only. */
  public static TrueNorthSpec parse(String text, String fileName) {
    return TrueNorthFiles.parse(text, fileName);
  }

  private static TrueNorthSpec builtIn(String name) {
    String res = "nmc/chips/" + name + ".json";
    try (InputStream in = TrueNorthSpec.class.getClassLoader().getResourceAsStream(res)) {
      if (in == null) throw new IllegalStateException("built-in chip resource missing: " + res);
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), res);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in chip " + res, e);
    }
  }

  /** The profile of that name (null: the default); a {@link UserError} listing the choices if there is none. */
  public Pricing profile(String profileName) {
    Pricing p = profiles.get(profileName == null ? defaultProfile : profileName);
    if (p == null) {
      throw UserError.of("chip '" + name + "' has no energy profile '" + profileName + "'",
          "choose one of: " + String.join(", ", profiles.keySet()));
    }
    return p;
  }

  public int coresPerChip() {
    return mesh.coresPerChip();
  }
}
