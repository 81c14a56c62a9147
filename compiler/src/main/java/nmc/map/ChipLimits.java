package nmc.map;

import java.util.List;

/**
 * What the mapping passes need to know about a chip, chip-neutral: the mesh, the per-core budgets and the integer
 * formats of a CUBA LIF core. The compiler cannot see the emulator, so a target fills this record from its own chip
 * description (for Loihi: {@code nmc.targets.loihi.LoihiLimits.of(ChipSpec, chips)}).
 *
 * @param name the chip's name, for messages
 * @param origin where the description came from (a resource or a file), for messages
 * @param mesh tiles per chip, cores per tile, and the board of chips the program may use
 * @param core per-core budgets
 * @param numbers integer formats
 */
public record ChipLimits(String name, String origin, Mesh mesh, Core core, Numbers numbers) {

  /** Tiles {@code tilesX x tilesY} per chip, {@code coresPerTile} cores per tile, a board of {@code chipsX x chipsY}. */
  public record Mesh(int tilesX, int tilesY, int coresPerTile, int chipsX, int chipsY) {
    public int coresPerChip() {
      return tilesX * tilesY * coresPerTile;
    }

    public int chips() {
      return chipsX * chipsY;
    }

    public int cores() {
      return coresPerChip() * chips();
    }

    public Mesh withBoard(int x, int y) {
      return new Mesh(tilesX, tilesY, coresPerTile, x, y);
    }
  }

  /**
   * Per-core budgets.
   *
   * @param synapseMemoryWords words of {@code synapseWordBits} bits; a synapse list is stored in groups of at most
   *     {@link Numbers#synapseGroupMax()} synapses, each with a {@link Numbers#synapseGroupHeaderBits()}-bit header,
   *     padded to whole words
   * @param dendriteAccumulatorEntries compartments x (largest delay + 1) must not exceed this
   */
  public record Core(int compartments, int inputAxons, int outputAxons, int synapseMemoryWords, int synapseWordBits,
      int compartmentProfiles, int thresholdProfiles, int synapseFormats, int maxDelay, int dendriteAccumulatorEntries) {}

  /**
   * Integer formats of the compartment and the synapses (Loihi-like; see docs/chips.md).
   *
   * @param currentDecayOffset added by the chip to the current decay constant (the {@code du + 1} of Loihi)
   * @param vMin the lowest voltage the program will allow (the core's clamp)
   * @param vMax the highest
   * @param weightExponentOnSum true when the weight exponent shifts the summed input (one exponent per core),
   *     false when it shifts every weight
   * @param hostInjectionLatencySteps extra steps a host-injected spike takes
   * @param accumulatorBits the dendritic accumulator's width (plus sign): the input of one step, in state units,
   *     wraps beyond it
   */
  public record Numbers(int decayBits, int currentDecayOffset, int voltageDecayOffset, int stateBits, int accumulatorBits, long vMin, long vMax, int weightShift, int thresholdShift, int weightMantissaBits,
      List<Integer> weightBits, int weightExponentMin, int weightExponentMax, int delayBitsMax,
      List<Integer> sparseIndexBits, int synapseGroupMax, int synapseGroupHeaderBits, int biasMantissaMax,
      int biasExponentMax, int thresholdMantissaMin, int thresholdMantissaMax, int refractoryDelayMin,
      int refractoryDelayMax, int decayMax, boolean weightExponentOnSum, int hostInjectionLatencySteps) {
    public Numbers {
      weightBits = List.copyOf(weightBits);
      sparseIndexBits = List.copyOf(sparseIndexBits);
    }

    public int maxWeightBits() {
      return weightBits.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /**
     * Index bits a sparse synapse needs on a core of {@code n} compartments: the smallest offered width that can
     * address them, or -1 when none can.
     */
    public int indexBits(int n) {
      int need = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 1)));
      return sparseIndexBits.stream().filter(b -> b >= need).mapToInt(Integer::intValue).min().orElse(-1);
    }
  }

  public ChipLimits withBoard(int chipsX, int chipsY) {
    return new ChipLimits(name, origin, mesh.withBoard(chipsX, chipsY), core, numbers);
  }

  /**
   * Words of synapse memory a list of {@code k} synapses of {@code bitsPerSynapse} bits takes: groups of at most
   * {@code synapseGroupMax}, each with its header, padded to whole words (the emulator's program checks count the same).
   */
  public long words(int k, int bitsPerSynapse) {
    int g = numbers.synapseGroupMax(), h = numbers.synapseGroupHeaderBits(), w = core.synapseWordBits();
    long full = k / g, rest = k % g;
    long words = full * ((h + (long) g * bitsPerSynapse + w - 1) / w);
    if (rest > 0) words += (h + rest * bitsPerSynapse + w - 1) / w;
    return words;
  }
}
