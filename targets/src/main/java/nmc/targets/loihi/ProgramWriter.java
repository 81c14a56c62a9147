package nmc.targets.loihi;

import nmc.emulator.chip.ChipSpec;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CompartmentProfile;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;
import nmc.map.ChipMapping;
import nmc.map.WeightFormat;

/**
 * Writes a {@link ChipMapping} as the emulator's {@link ChipProgram}. A weight format whose synapse lists on a core
 * all target consecutive compartments in order is stored dense (no index bits); the program builder then checks
 * every limit of the chip again.
 */
public final class ProgramWriter {
  private ProgramWriter() {}

  public static ChipProgram write(ChipSpec chip, ChipMapping m) {
    ChipProgram.Builder prog = ChipProgram.builder(chip).board(m.limits().mesh().chipsX(), m.limits().mesh().chipsY());
    int vminExp = LoihiLimits.vminExponent(chip), vmaxExp = LoihiLimits.vmaxExponent(chip);
    for (ChipMapping.CoreMap cm : m.cores()) {
      CoreProgram.Builder b = CoreProgram.builder().voltageLimits(vminExp, vmaxExp);
      for (int k = 0; k < cm.compartments(); k++) {
        int prof = b.compartmentProfile(new CompartmentProfile(cm.du()[k], cm.dv()[k], cm.refractDelay()[k], false));
        int th = b.thresholdProfile(cm.thresholdMantissa()[k]);
        b.compartment(cm.biasMantissa()[k], cm.biasExponent()[k], prof, th);
      }
      boolean[] dense = denseFormats(cm, m.formats().size());
      int[] fmtIndex = new int[m.formats().size()];
      java.util.Arrays.fill(fmtIndex, -1);
      for (int a = 0; a < cm.axonFormat().length; a++) {
        int f = cm.axonFormat()[a];
        if (fmtIndex[f] < 0) fmtIndex[f] = b.synapseFormat(format(m.formats().get(f), dense[f]));
        int id = b.inputAxon(fmtIndex[f]);
        if (id != a) throw new IllegalStateException("axon ids out of order");
      }
      int[] ax = cm.synAxon(), cx = cm.synCx(), w = cm.synWeight(), d = cm.synDelay();
      for (int s = 0; s < ax.length; s++) b.synapse(ax[s], cx[s], w[s], d[s]);
      for (int e = 0; e < cm.outCx().length; e++) b.outputAxon(cm.outCx()[e], cm.outCore()[e], cm.outAxon()[e]);
      prog.core(cm.physical(), b.build());
    }
    return prog.build();
  }

  /** A format is dense on a core when every axon of it lists consecutive compartments in increasing order. */
  private static boolean[] denseFormats(ChipMapping.CoreMap cm, int formats) {
    boolean[] ok = new boolean[formats];
    java.util.Arrays.fill(ok, true);
    int axons = cm.axonFormat().length;
    int[] last = new int[axons];
    java.util.Arrays.fill(last, Integer.MIN_VALUE);
    int[] ax = cm.synAxon(), cx = cm.synCx();
    for (int s = 0; s < ax.length; s++) {
      int a = ax[s];
      if (last[a] != Integer.MIN_VALUE && cx[s] != last[a] + 1) ok[cm.axonFormat()[a]] = false;
      last[a] = cx[s];
    }
    return ok;
  }

  static SynapseFormat format(WeightFormat f, boolean dense) {
    SynapseFormat.Sign sign = switch (f.sign()) {
      case MIXED -> SynapseFormat.Sign.MIXED;
      case EXCITATORY -> SynapseFormat.Sign.EXCITATORY;
      case INHIBITORY -> SynapseFormat.Sign.INHIBITORY;
    };
    return new SynapseFormat(f.bits(), sign, f.exponent(), f.delayBits(), dense ? SynapseFormat.Compression.DENSE : SynapseFormat.Compression.SPARSE);
  }
}
