package nmc.targets.truenorth;

import nmc.emulator.truenorth.NeuronParams;
import nmc.emulator.truenorth.ResetMode;
import nmc.emulator.truenorth.TnChipProgram;
import nmc.emulator.truenorth.TnCoreProgram;
import nmc.emulator.truenorth.TrueNorthSpec;
import nmc.map.truenorth.TnLimits;
import nmc.map.truenorth.TnMapping;

/** Turns a {@link TnMapping} into the emulator's {@link TnChipProgram} (whose builder checks every value again). */
final class TnProgramWriter {
  private TnProgramWriter() {}

  /** The mapper's view of a chip description on a board of {@code chips} chips in a row. */
  static TnLimits limits(TrueNorthSpec chip, int chips) {
    TrueNorthSpec.Core c = chip.core();
    TrueNorthSpec.NumberFormats f = chip.formats();
    return new TnLimits(chip.name(), chip.origin(), chip.mesh().tilesX(), chip.mesh().tilesY() * chip.mesh().coresPerTile(), chips, 1,
        c.axons(), c.neurons(), c.axonTypes(), c.minDelay(), c.maxDelay(), f.weightMin(), f.weightMax(), f.leakMin(), f.leakMax(),
        f.thresholdMax(), f.potentialMin(), f.potentialMax(), chip.tickSeconds());
  }

  static TnChipProgram write(TrueNorthSpec chip, TnMapping m) {
    TnChipProgram.Builder prog = TnChipProgram.builder(chip).board(m.limits().chipsX(), m.limits().chipsY());
    for (TnMapping.Core c : m.cores()) {
      TnCoreProgram.Builder b = TnCoreProgram.builder(chip);
      for (int a = 0; a < c.axons(); a++) b.axonType(a, c.axonType()[a]);
      for (int s = 0; s < c.synAxon().length; s++) b.connect(c.synAxon()[s], c.synNeuron()[s]);
      for (int j = 0; j < c.neurons(); j++) {
        // gamma = 0 to R = 0 (the reset is v's zero); kappa = 1: V saturates at -beta
        b.neuron(j, new NeuronParams(c.weights()[j], 0, c.leak()[j], false, c.leakReversal()[j], c.threshold()[j], c.negativeThreshold()[j], 0,
            true, ResetMode.NORMAL, 0, c.v0()[j]));
        if (c.destCore()[j] >= 0) b.destination(j, m.cores().get(c.destCore()[j]).physical(), c.destAxon()[j], c.destDelay()[j]);
      }
      prog.core(c.physical(), b.build());
    }
    return prog.build();
  }
}
