package nmc.emulator.truenorth;

import java.util.ArrayList;
import java.util.List;
import nmc.diag.UserError;
import nmc.emulator.program.BoardProgram;

/**
 * A whole TrueNorth program for a board of chips: one {@link TnCoreProgram} per used core, by global core id. Core
 * ids follow the Loihi-like program ({@link nmc.emulator.program.ChipProgram}): chip {@code id / coresPerChip}
 * (row-major on the board), then position {@code id % coresPerChip} row-major in the chip's 64 × 64 mesh.
 */
public final class TnChipProgram extends BoardProgram<TrueNorthSpec, TnCoreProgram> {
  private TnChipProgram(TrueNorthSpec chip, int chipsX, int chipsY, TnCoreProgram[] cores) {
    super(chip, chipsX, chipsY, cores);
  }

  public static Builder builder(TrueNorthSpec chip) {
    return new Builder(chip);
  }

  /** Collects the cores, then checks the whole program against the chip. */
  public static final class Builder extends BoardProgram.Builder<TrueNorthSpec, TnCoreProgram, Builder> {
    private Builder(TrueNorthSpec chip) {
      super(chip, chip.board().chipsX(), chip.board().chipsY());
    }

    /** Checks every value against the chip; all problems come together in one {@link UserError}. */
    public TnChipProgram build() {
      List<String> problems = new ArrayList<>();
      TnCoreProgram[] arr = collect(chip.coresPerChip(), chip.name(), TnCoreProgram[]::new, problems);
      nmc.emulator.noc.NocTopology topo = new nmc.emulator.noc.NocTopology(chip.mesh(), chipsX, chipsY);
      for (int id = 0; id < arr.length && problems.size() < PROBLEMS_MAX; id++) {
        if (arr[id] != null) check(id, arr[id], arr, topo, problems);
      }
      failIfAny(problems, chip.name(), chip.origin());
      return new TnChipProgram(chip, chipsX, chipsY, arr);
    }

    private void check(int id, TnCoreProgram p, TnCoreProgram[] all, nmc.emulator.noc.NocTopology topo, List<String> out) {
      TrueNorthSpec.Core c = chip.core();
      TrueNorthSpec.NumberFormats f = chip.formats();
      String at = "core " + id;
      if (p.axons != c.axons() || p.neurons != c.neurons() || p.types != c.axonTypes()) {
        out.add(at + " was built for " + p.axons + " axons x " + p.neurons + " neurons with " + p.types
            + " axon types, but chip '" + chip.name() + "' has " + c.axons() + " x " + c.neurons() + " with " + c.axonTypes());
        return;
      }
      for (int a = 0; a < p.axons; a++) {
        if (p.axonType[a] < 0 || p.axonType[a] >= c.axonTypes()) {
          out.add(at + " axon " + a + ": type " + p.axonType[a] + " is outside 0.." + (c.axonTypes() - 1));
        }
      }
      for (int j = 0; j < p.neurons; j++) {
        NeuronParams q = p.params[j];
        int[] w = q.weights();
        if (!fits(q, c, f)) { // the messages are built only for a neuron that breaks a rule
          String n = at + " neuron " + j + ": ";
          if (w.length != c.axonTypes()) out.add(n + "has " + w.length + " weights, expected one per axon type (" + c.axonTypes() + ")");
          for (int g = 0; g < w.length; g++) range(out, n + "weight of axon type " + g, w[g], f.weightMin(), f.weightMax());
          if (q.stochasticSynapse() < 0 || q.stochasticSynapse() >= (1 << c.axonTypes())) {
            out.add(n + "stochastic-synapse mask " + q.stochasticSynapse() + " names axon types that do not exist");
          }
          range(out, n + "leak λ", q.leak(), f.leakMin(), f.leakMax());
          range(out, n + "threshold α", q.threshold(), 0, f.thresholdMax());
          range(out, n + "negative threshold β", q.negativeThreshold(), 0, f.thresholdMax());
          range(out, n + "threshold mask bits", q.thresholdMaskBits(), 0, f.thresholdMaskBitsMax());
          range(out, n + "reset value R", q.resetValue(), f.resetMin(), f.resetMax());
          range(out, n + "initial potential", q.initialPotential(), f.potentialMin(), f.potentialMax());
        }
        int dc = p.destCore[j];
        if (dc == TnCoreProgram.NO_DESTINATION) continue;
        if (dc < 0 || dc >= all.length || all[dc] == null) {
          out.add(at + " neuron " + j + ": " + "sends to core " + dc + ", which " + (dc < 0 || dc >= all.length ? "does not exist on a " + chipsX + "x" + chipsY + " board" : "has no program"));
        }
        else {
          int rs = topo.routerOf(id), rd = topo.routerOf(dc), reach = f.reach();
          int dx = topo.x(rd) - topo.x(rs), dy = topo.y(rd) - topo.y(rs);
          if (Math.abs(dx) > reach || Math.abs(dy) > reach) {
            out.add(at + " neuron " + j + ": " + "sends to core " + dc + ", " + dx + " cores away in x and " + dy + " in y: a packet reaches at most "
                + reach + " in each (" + f.packetOffsetBits() + "-bit offsets); relay through a neuron in between");
          }
        }
        if (p.destAxon[j] < 0 || p.destAxon[j] >= c.axons()) out.add(at + " neuron " + j + ": " + "sends to axon " + p.destAxon[j] + ", outside 0.." + (c.axons() - 1));
        int d = p.destDelay[j];
        if (d < c.minDelay() || d > c.maxDelay()) {
          out.add(at + " neuron " + j + ": " + "delay " + d + " is outside " + c.minDelay() + ".." + c.maxDelay() + " ticks: the scheduler holds "
              + c.schedulerTicks() + " future ticks and a spike cannot arrive in the tick it was made (hardware reference 3.3, checklist 22)"
              + (d > c.maxDelay() ? "; longer delays need relay neurons" : ""));
        }
      }
    }

    /** Whether every parameter of a neuron is within the chip's formats (the conditions the messages above spell out). */
    private static boolean fits(NeuronParams q, TrueNorthSpec.Core c, TrueNorthSpec.NumberFormats f) {
      int[] w = q.weights();
      if (w.length != c.axonTypes()) return false;
      for (int x : w) if (x < f.weightMin() || x > f.weightMax()) return false;
      return q.stochasticSynapse() >= 0 && q.stochasticSynapse() < (1 << c.axonTypes()) && in(q.leak(), f.leakMin(), f.leakMax())
          && in(q.threshold(), 0, f.thresholdMax()) && in(q.negativeThreshold(), 0, f.thresholdMax())
          && in(q.thresholdMaskBits(), 0, f.thresholdMaskBitsMax()) && in(q.resetValue(), f.resetMin(), f.resetMax())
          && in(q.initialPotential(), f.potentialMin(), f.potentialMax());
    }

    private static boolean in(int v, int lo, int hi) {
      return v >= lo && v <= hi;
    }

    private static void range(List<String> out, String what, int v, int lo, int hi) {
      if (v < lo || v > hi) out.add(what + " is " + v + ", outside " + lo + ".." + hi);
    }
  }
}
