package nmc.emulator.program;

import java.util.List;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;

/** The checks a core program must pass to fit the chip (hardware reference 1.1, 1.2, 1.3, checklist 14). */
final class ProgramChecks {
  private ProgramChecks() {}

  static void check(ChipSpec chip, int id, CoreProgram p, CoreProgram[] all, List<String> out) {
    ChipSpec.CoreLimits lim = chip.core();
    ChipSpec.NumberFormats f = chip.formats();
    String at = "core " + id + ": ";
    int n = p.compartments();
    limit(out, at, "compartments", n, lim.compartments());
    limit(out, at, "compartment profiles", p.profiles().size(), lim.compartmentProfiles());
    limit(out, at, "threshold profiles", p.thresholdMantissa().length, lim.thresholdProfiles());
    limit(out, at, "synapse formats", p.formats().size(), lim.synapseFormats());
    limit(out, at, "input axons", p.inputAxons(), lim.inputAxons());
    limit(out, at, "output axons (fan-out edges)", p.outputEdges(), lim.outputAxons());

    for (int i = 0; i < p.profiles().size(); i++) {
      CompartmentProfile cp = p.profiles().get(i);
      range(out, at + "compartment profile " + i + ": decayU", cp.decayU(), 0, f.decayMax());
      range(out, at + "compartment profile " + i + ": decayV", cp.decayV(), 0, f.decayMax());
      range(out, at + "compartment profile " + i + ": refractDelay", cp.refractDelay(), f.refractoryDelayMin(), f.refractoryDelayMax());
    }
    int[] vth = p.thresholdMantissa();
    for (int i = 0; i < vth.length; i++) range(out, at + "threshold profile " + i, vth[i], f.thresholdMantissaMin(), f.thresholdMantissaMax());
    int[] bm = p.biasMantissa(), be = p.biasExponent();
    for (int c = 0; c < n; c++) {
      if (Math.abs(bm[c]) > f.biasMantissaMax()) out.add(at + "compartment " + c + ": bias mantissa " + bm[c] + " outside +-" + f.biasMantissaMax());
      if (be[c] < 0 || be[c] > f.biasExponentMax()) range(out, at + "compartment " + c + ": bias exponent", be[c], 0, f.biasExponentMax());
    }
    range(out, at + "vmin exponent", p.vminExponent(), 0, f.vminExponentMax());
    range(out, at + "vmax exponent", p.vmaxExponent(), 0, f.vmaxExponentMax());
    var nz = p.noise();
    range(out, at + "noise exponent", nz.exponent(), 0, f.noiseExponentMax());
    range(out, at + "noise mantissa offset", nz.mantissaOffset(), f.noiseOffsetMin(), f.noiseOffsetMax());

    Integer sharedExp = null;
    int[] indexBitsOf = new int[p.formats().size()];
    int needIndex = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 1)));
    int sparseIndexBits = f.sparseIndexBits().stream().filter(b -> b >= needIndex).min(Integer::compare).orElse(-1);
    for (int i = 0; i < p.formats().size(); i++) {
      SynapseFormat sf = p.formats().get(i);
      String fa = at + "synapse format " + i + ": ";
      if (!f.weightBits().contains(sf.weightBits())) out.add(fa + "weightBits " + sf.weightBits() + " is not one of " + f.weightBits());
      if (sf.sign() == SynapseFormat.Sign.MIXED && sf.weightBits() < 2) out.add(fa + "a mixed-sign format needs at least 2 weight bits");
      range(out, fa + "weight exponent", sf.weightExponent(), f.weightExponentMin(), f.weightExponentMax());
      range(out, fa + "delay bits", sf.delayBits(), 0, f.delayBitsMax());
      if (sf.compression() == SynapseFormat.Compression.SPARSE && sparseIndexBits < 0) {
        out.add(fa + n + " compartments need " + needIndex + " index bits; the chip offers " + f.sparseIndexBits());
      }
      indexBitsOf[i] = sf.compression() == SynapseFormat.Compression.SPARSE ? Math.max(sparseIndexBits, 0) : 0;
    }

    int[] axFmt = p.axonFormat(), start = p.axonStart(), syCx = p.synapseCompartment(), syW = p.synapseWeight(), syD = p.synapseDelay();
    int maxDelayUsed = 0;
    long words = 0;
    int wordBits = chip.core().synapseWordBits();
    for (int a = 0; a < axFmt.length; a++) {
      SynapseFormat sf = p.formats().get(axFmt[a]);
      if (chip.behaviour().weightExponent() == WeightExponentMode.ON_SUM && start[a + 1] > start[a]) {
        if (sharedExp == null) sharedExp = sf.weightExponent();
        else if (sharedExp != sf.weightExponent()) {
          out.add(at + "weight exponent mode on_sum needs one weight exponent per core, found " + sharedExp + " and " + sf.weightExponent());
          sharedExp = sf.weightExponent();
        }
      }
      int bits = sf.weightBits() + sf.delayBits() + indexBitsOf[axFmt[a]];
      int k = start[a + 1] - start[a];
      for (int g = 0; g < k; g += f.synapseGroupMax()) {
        int inGroup = Math.min(f.synapseGroupMax(), k - g);
        words += (f.synapseGroupHeaderBits() + (long) inGroup * bits + wordBits - 1) / wordBits;
      }
      int minW = sf.minWeight(), maxW = sf.maxWeight(), delayLimit = 1 << sf.delayBits(), maxDelay = chip.core().maxDelay();
      boolean dense = sf.compression() == SynapseFormat.Compression.DENSE;
      for (int s = start[a]; s < start[a + 1]; s++) {
        maxDelayUsed = Math.max(maxDelayUsed, syD[s]);
        boolean ok = syCx[s] < n && syW[s] >= minW && syW[s] <= maxW && syD[s] >= 0 && syD[s] < delayLimit && syD[s] <= maxDelay
            && !(dense && s > start[a] && syCx[s] != syCx[s - 1] + 1);
        if (ok) continue; // the messages are built only for a synapse that breaks a rule
        String sa = at + "axon " + a + " synapse " + (s - start[a]) + ": ";
        if (syCx[s] >= n) out.add(sa + "targets compartment " + syCx[s] + " but the core has " + n);
        if (syW[s] < minW || syW[s] > maxW) {
          out.add(sa + "weight " + syW[s] + " outside [" + minW + ", " + maxW + "] of its format (" + sf.weightBits() + " bits, " + sf.sign() + ")");
        }
        if (syD[s] < 0 || syD[s] >= delayLimit) out.add(sa + "delay " + syD[s] + " does not fit the format's " + sf.delayBits() + " delay bits");
        if (syD[s] > maxDelay) out.add(sa + "delay " + syD[s] + " exceeds the chip's maximum " + maxDelay);
        if (dense && s > start[a] && syCx[s] != syCx[s - 1] + 1) {
          out.add(sa + "a dense synapse list must target consecutive compartments in order");
        }
      }
    }
    limit(out, at, "synapse memory words", words, lim.synapseMemoryWords());
    long accEntries = (long) n * (maxDelayUsed + 1);
    if (accEntries > lim.dendriteAccumulatorEntries()) {
      out.add(at + n + " compartments with delays up to " + maxDelayUsed + " need " + accEntries
          + " dendritic accumulator entries; the core has " + lim.dendriteAccumulatorEntries());
    }

    int[] oc = p.outCore(), oa = p.outAxon();
    for (int e = 0; e < oc.length; e++) {
      if (oc[e] >= all.length || all[oc[e]] == null) out.add(at + "fan-out edge " + e + " goes to core " + oc[e] + ", which has no program");
      else if (oa[e] >= all[oc[e]].inputAxons()) out.add(at + "fan-out edge " + e + " goes to axon " + oa[e] + " of core " + oc[e] + ", which has " + all[oc[e]].inputAxons());
    }
  }

  private static void limit(List<String> out, String at, String what, long used, long max) {
    if (used > max) out.add(at + used + " " + what + ", the chip allows " + max + " per core");
  }

  private static void range(List<String> out, String what, int v, int min, int max) {
    if (v < min || v > max) out.add(what + " is " + v + ", expected " + min + ".." + max);
  }
}
