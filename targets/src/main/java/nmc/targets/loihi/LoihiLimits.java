package nmc.targets.loihi;

import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;
import nmc.map.ChipLimits;

/** Fills the compiler's chip-neutral {@link ChipLimits} from an emulator {@link ChipSpec}. */
public final class LoihiLimits {
  private LoihiLimits() {}

  /** The limits of {@code chips} chips of this kind in a row (a {@code chips x 1} board). */
  public static ChipLimits of(ChipSpec chip, int chips) {
    ChipSpec.NumberFormats f = chip.formats();
    ChipSpec.CoreLimits c = chip.core();
    ChipLimits.Mesh mesh = new ChipLimits.Mesh(chip.mesh().tilesX(), chip.mesh().tilesY(), chip.mesh().coresPerTile(), chips, 1);
    ChipLimits.Core core = new ChipLimits.Core(c.compartments(), c.inputAxons(), c.outputAxons(), c.synapseMemoryWords(), c.synapseWordBits(),
        c.compartmentProfiles(), c.thresholdProfiles(), c.synapseFormats(), c.maxDelay(), c.dendriteAccumulatorEntries());
    ChipLimits.Numbers n = new ChipLimits.Numbers(f.decayBits(), f.currentDecayOffset(), f.voltageDecayOffset(), f.stateBits(), f.accumulatorBits(),
        -(1L << vminExponent(chip)) + 1, (1L << (f.vmaxExponentBase() + 2 * vmaxExponent(chip))) - 1, f.weightShift(), f.thresholdShift(),
        f.weightMantissaBits(), f.weightBits(), f.weightExponentMin(), f.weightExponentMax(), f.delayBitsMax(), f.sparseIndexBits(),
        f.synapseGroupMax(), f.synapseGroupHeaderBits(), f.biasMantissaMax(), f.biasExponentMax(), f.thresholdMantissaMin(),
        f.thresholdMantissaMax(), f.refractoryDelayMin(), f.refractoryDelayMax(), f.decayMax(),
        chip.behaviour().weightExponent() == WeightExponentMode.ON_SUM, chip.behaviour().hostInjectionLatencySteps());
    return new ChipLimits(chip.name(), chip.origin(), mesh, core, n);
  }

  /** vmin = -2^k + 1 with k the state width (v may go as low as the state allows). */
  static int vminExponent(ChipSpec chip) {
    return Math.min(chip.formats().stateBits(), chip.formats().vminExponentMax());
  }

  /** vmax = 2^(base + 2m) - 1 with the largest m that stays within the state width. */
  static int vmaxExponent(ChipSpec chip) {
    ChipSpec.NumberFormats f = chip.formats();
    int m = f.vmaxExponentMax();
    while (m > 0 && f.vmaxExponentBase() + 2 * m > f.stateBits()) m--;
    return m;
  }
}
