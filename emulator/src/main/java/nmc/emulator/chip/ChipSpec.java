package nmc.emulator.chip;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nmc.diag.UserError;

/**
 * A chip described by data: mesh geometry, per-core limits, number formats, behaviour choices, network-on-chip
 * parameters and the energy/time profiles. Load one with {@link #load(String)} (a built-in name such as
 * {@code loihi}, or a path to a copy a user changed); the format is documented in {@code docs/chips.md}.
 *
 * @param origin where it was read from (resource name or file path), for messages
 */
public record ChipSpec(
    String name,
    String origin,
    String description,
    Mesh mesh,
    Board board,
    CoreLimits core,
    NumberFormats formats,
    Behaviour behaviour,
    NocParams noc,
    String defaultProfile,
    Map<String, EnergyProfile> profiles) {

  /** The chips shipped with nmc (resources {@code nmc/chips/<name>.json}). */
  public static final List<String> BUILT_IN = List.of("loihi");

  /** Built-in descriptions of other kinds (loaded by their own classes; {@link #load} explains where). */
  public static final List<String> BUILT_IN_OTHER_KINDS = List.of("truenorth");

  public ChipSpec {
    profiles = java.util.Collections.unmodifiableMap(new TreeMap<>(profiles));
  }

  /** Tiles on one chip: {@code tilesX} by {@code tilesY}, each with one router and {@code coresPerTile} cores. */
  public record Mesh(int tilesX, int tilesY, int coresPerTile) {
    public int coresPerChip() {
      return tilesX * tilesY * coresPerTile;
    }
  }

  /**
   * The default board: {@code chipsX} by {@code chipsY} chips joined into one larger mesh by chip-to-chip links.
   *
   * @param interChipBarrierSeconds added to the barrier when a program spans more than one chip
   * @param staticWattsPerChip static power, reported separately from the per-operation energy
   */
  public record Board(int chipsX, int chipsY, double interChipBarrierSeconds, double staticWattsPerChip) {}

  /**
   * Per-core resources.
   *
   * @param dendriteAccumulatorEntries compartments times (largest delay used + 1) must not exceed this
   */
  public record CoreLimits(int compartments, int inputAxons, int outputAxons, int synapseMemoryWords,
      int synapseWordBits, int compartmentProfiles, int thresholdProfiles, int synapseFormats, int maxDelay,
      int dendriteAccumulatorEntries) {}

  /** Integer widths and ranges of the compartment and synapse arithmetic (hardware reference 1.2, 1.3). */
  public record NumberFormats(
      int decayBits, int currentDecayOffset, int voltageDecayOffset,
      int stateBits, int accumulatorBits, int weightShift, int thresholdShift,
      int weightMantissaBits, List<Integer> weightBits, int weightExponentMin, int weightExponentMax,
      int delayBitsMax, List<Integer> sparseIndexBits, int synapseGroupMax, int synapseGroupHeaderBits,
      int biasMantissaMax, int biasExponentMax, int thresholdMantissaMin, int thresholdMantissaMax,
      int refractoryDelayMin, int refractoryDelayMax, int decayMax,
      int vminExponentMax, int vmaxExponentMax, int vmaxExponentBase,
      int noiseExponentMax, int noiseOffsetMin, int noiseOffsetMax) {
    public NumberFormats {
      weightBits = List.copyOf(weightBits);
      sparseIndexBits = List.copyOf(sparseIndexBits);
    }
  }

  /** Choices where the sources record two behaviours. */
  public record Behaviour(WeightExponentMode weightExponent, int hostInjectionLatencySteps) {}

  /**
   * Network-on-chip: routing algorithm (only {@code xy}, dimension order), input buffer depth per router port
   * (and per core input queue), and the cycle time (one message per link per cycle).
   */
  public record NocParams(String routing, int bufferDepth, double cycleSeconds) {}

  /** A built-in chip by name, or a chip description file when the argument names one. */
  public static ChipSpec load(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath) || BUILT_IN_OTHER_KINDS.contains(nameOrPath)) return ChipFiles.builtIn(nameOrPath);
    Path p = Path.of(nameOrPath);
    if (nameOrPath.endsWith(".json") || nameOrPath.contains("/") || java.nio.file.Files.exists(p)) return load(p);
    throw UserError.of("unknown chip '" + nameOrPath + "'",
        "built-in chips: " + String.join(", ", BUILT_IN) + "; or give the path of a chip description (.json) file");
  }

  /** A chip description file (see {@code docs/chips.md}); every mistake is a {@link UserError} with file:line:col. */
  public static ChipSpec load(Path file) {
    return ChipFiles.read(file);
  }

  /** Reads a chip description from text; {@code fileName} is used in messages only. */
  public static ChipSpec parse(String text, String fileName) {
    return ChipFiles.parse(text, fileName);
  }

  /** The whole profile of that name; a {@link UserError} listing the choices if there is none. */
  public EnergyProfile profile(String profileName) {
    EnergyProfile p = profiles.get(profileName == null ? defaultProfile : profileName);
    if (p == null) {
      throw UserError.of("chip '" + name + "' has no energy profile '" + profileName + "'",
          "choose one of: " + String.join(", ", profiles.keySet()));
    }
    return p;
  }

  public EnergyProfile defaultEnergyProfile() {
    return profile(defaultProfile);
  }

  public int coresPerChip() {
    return mesh.coresPerChip();
  }
}
