package nmc.targets.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Probe;
import nmc.ir.Units;
import nmc.sim.SimResult;

/**
 * The probes of a network run on a chip target, in the reference target's {@link SimResult} form: population spike
 * counts, spike and rate probes fed by {@link #spike}, and state probes whose values the target reads back from the
 * chip (through {@link StateReader}) and converts to SI. Populations are numbered as the target's mapping numbers
 * them ({@code names}, {@code popOffset}).
 */
public final class ChipProbes {
  /** Refuses, with a message for the user, a state variable the chip does not hold. */
  @FunctionalInterface
  public interface StateCheck {
    void check(Probe probe, int pop);
  }

  /**
   * How to read {@code variable} of population {@code pop} from the chip: a function from the neuron's index to its
   * SI value now. Asked once per state probe ({@link #bindState}), so the per-step reads do no lookups.
   */
  @FunctionalInterface
  public interface StateReader {
    IntToDoubleFunction bind(int pop, String variable);
  }

  private record SpikeRec(Probe probe, int pop, boolean[] selected, int[][] neuron, double[][] times, int[] count) {}

  private record StateRec(Probe probe, int pop, String unit, int[] indices, double[][] values) {}

  private record RateRec(Probe probe, int pop, long[] counts) {}

  private final List<String> names;
  private final int[] popOffset;
  private final long steps;
  private final double dt;
  private final long[] popSpikes;
  private final List<SpikeRec> spikeProbes = new ArrayList<>();
  private final List<StateRec> stateProbes = new ArrayList<>();
  private final List<RateRec> rateProbes = new ArrayList<>();
  private IntToDoubleFunction[] readers = new IntToDoubleFunction[0];

  public ChipProbes(Network net, List<String> names, int[] popOffset, boolean[] popSource, StateCheck check) {
    this.names = names;
    this.popOffset = popOffset;
    this.steps = net.run().steps();
    this.dt = net.run().dt();
    this.popSpikes = new long[names.size()];
    for (Probe pb : net.probes()) add(net, pb, popSource, check);
  }

  private void add(Network net, Probe pb, boolean[] popSource, StateCheck check) {
    int p = names.indexOf(pb.population());
    if (p < 0) throw at(pb, "probe " + pb.name() + " names population '" + pb.population() + "', which does not exist", "");
    int size = popOffset[p + 1] - popOffset[p];
    int[] idx = pb.indices() == null || pb.indices().isEmpty() ? null : pb.indices().values();
    if (idx != null) {
      for (int i : idx) if (i < 0 || i >= size) throw at(pb, "probe " + pb.name() + " asks for neuron " + i + " of " + pb.population() + ", which has " + size, "indices start at 0");
    }
    switch (pb.kind()) {
      case SPIKES -> {
        boolean[] sel = null;
        if (idx != null) {
          sel = new boolean[size];
          for (int i : idx) sel[i] = true;
        }
        spikeProbes.add(new SpikeRec(pb, p, sel, new int[][] {new int[64]}, new double[][] {new double[64]}, new int[1]));
      }
      case STATE -> {
        if (popSource[p]) throw at(pb, "probe " + pb.name() + " records " + pb.variable() + " of spike source " + pb.population(), "probe its spikes");
        check.check(pb, p);
        var sv = net.modelOf(net.populations().get(p)).stateVar(pb.variable()).orElseThrow();
        String unit = sv.unit() == null || sv.unit().isBlank() ? Units.describe(sv.dim()) : sv.unit();
        if (idx == null) {
          idx = new int[size];
          for (int i = 0; i < size; i++) idx[i] = i;
        }
        stateProbes.add(new StateRec(pb, p, unit, idx, new double[idx.length][(int) steps + 1]));
      }
      case RATE -> {
        if (!(pb.bin() > 0)) throw at(pb, "rate probe " + pb.name() + " has bin " + pb.bin() + " s", "give a positive bin width");
        int bins = (int) Math.max(1, Math.ceil(steps * dt / pb.bin() - 1e-9));
        rateProbes.add(new RateRec(pb, p, new long[bins]));
      }
    }
  }

  /** Neuron {@code i} of population {@code p} spiked in step {@code step}, recorded at {@code time}. */
  public void spike(int p, int i, long step, double time) {
    popSpikes[p]++;
    for (SpikeRec sp : spikeProbes) {
      if (sp.pop() != p || (sp.selected() != null && !sp.selected()[i])) continue;
      int c = sp.count()[0];
      if (c == sp.neuron()[0].length) {
        sp.neuron()[0] = Arrays.copyOf(sp.neuron()[0], c * 2);
        sp.times()[0] = Arrays.copyOf(sp.times()[0], c * 2);
      }
      sp.neuron()[0][c] = i;
      sp.times()[0][c] = time;
      sp.count()[0] = c + 1;
    }
    for (RateRec rr : rateProbes) {
      if (rr.pop() != p) continue;
      int bin = (int) Math.min(rr.counts().length - 1, (long) ((step + 0.5) * dt / rr.probe().bin()));
      rr.counts()[bin]++;
    }
  }

  /** Binds every state probe to the chip it reads from; before the first {@link #recordState}. */
  public void bindState(StateReader reader) {
    readers = new IntToDoubleFunction[stateProbes.size()];
    for (int j = 0; j < readers.length; j++) readers[j] = reader.bind(stateProbes.get(j).pop(), stateProbes.get(j).probe().variable());
  }

  /** Records every state probe as sample {@code k} (0 = the initial state). */
  public void recordState(int k) {
    for (int j = 0; j < readers.length; j++) {
      StateRec sr = stateProbes.get(j);
      IntToDoubleFunction read = readers[j];
      for (int r = 0; r < sr.indices().length; r++) sr.values()[r][k] = read.applyAsDouble(sr.indices()[r]);
    }
  }

  public SimResult result(String target, double wall, long synapticOps, Map<String, Double> metrics) {
    List<SimResult.PopulationStats> stats = new ArrayList<>();
    for (int p = 0; p < names.size(); p++) stats.add(new SimResult.PopulationStats(names.get(p), popOffset[p + 1] - popOffset[p], popSpikes[p]));
    List<SimResult.SpikeData> spikes = spikeProbes.stream().map(sp -> new SimResult.SpikeData(sp.probe().name(), sp.probe().population(),
        Arrays.copyOf(sp.neuron()[0], sp.count()[0]), Arrays.copyOf(sp.times()[0], sp.count()[0]))).toList();
    double[] times = new double[(int) steps + 1];
    for (int k = 0; k < times.length; k++) times[k] = k * dt;
    List<SimResult.TraceData> traces = stateProbes.stream().map(sr -> new SimResult.TraceData(sr.probe().name(), sr.probe().population(),
        sr.probe().variable(), sr.unit(), sr.indices().clone(), times, sr.values())).toList();
    List<SimResult.RateData> rates = rateProbes.stream().map(rr -> {
      int size = popOffset[rr.pop() + 1] - popOffset[rr.pop()];
      double[] hz = new double[rr.counts().length];
      for (int b = 0; b < hz.length; b++) hz[b] = size == 0 ? 0 : rr.counts()[b] / (size * rr.probe().bin());
      return new SimResult.RateData(rr.probe().name(), rr.probe().population(), rr.probe().bin(), hz);
    }).toList();
    return new SimResult(target, steps, dt, wall, stats, synapticOps, spikes, traces, rates, metrics);
  }

  /** A user error at a probe's line. */
  public static UserError at(Probe pb, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(pb.span(), message, hint, "")));
  }
}
