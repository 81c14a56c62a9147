package nmc.targets.truenorth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.emulator.SpikeLog;
import nmc.emulator.truenorth.TrueNorthEmulator;
import nmc.ir.Network;
import nmc.ir.Probe;
import nmc.ir.Units;
import nmc.map.LifForm;
import nmc.map.truenorth.TnMapping;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.loihi.HostSpikes;

/**
 * Runs a mapped network on the TrueNorth emulator: IR step n is tick n. A source spike of step n is written by the
 * host into each target axon's scheduler for tick n + d (d = IR delay in steps + 1), exactly when the IR delivers
 * it; a chip neuron's spike in tick n is recorded at t_{n+1}, as the IR records it. Splitter neurons' spikes are not
 * results. Probed v is read every tick and converted back to SI through the population's scale.
 */
final class TnRun {
  private final Network net;
  private final TnMapping m;
  private final long steps;
  private final double dt;
  private final int[] popOfGlobal;
  private final int[][] globalOfCore;
  private final long[] popSpikes;
  private final List<SpikeRec> spikeProbes = new ArrayList<>();
  private final List<StateRec> stateProbes = new ArrayList<>();
  private final List<RateRec> rateProbes = new ArrayList<>();
  private final HostSpikes[] sources;

  private record SpikeRec(Probe probe, int pop, boolean[] selected, int[][] neuron, double[][] times, int[] count) {}

  private record StateRec(Probe probe, int pop, String unit, int[] indices, double[][] values) {}

  private record RateRec(Probe probe, int pop, long[] counts) {}

  TnRun(Network net, TnMapping m) {
    this.net = net;
    this.m = m;
    steps = net.run().steps();
    dt = net.run().dt();
    int np = m.names().size();
    popOfGlobal = new int[m.popOffset()[np]];
    for (int p = 0; p < np; p++) Arrays.fill(popOfGlobal, m.popOffset()[p], m.popOffset()[p + 1], p);
    int maxPhys = m.cores().stream().mapToInt(TnMapping.Core::physical).max().orElse(-1);
    globalOfCore = new int[maxPhys + 1][];
    for (TnMapping.Core c : m.cores()) globalOfCore[c.physical()] = c.members();
    popSpikes = new long[np];
    sources = new HostSpikes[np];
    for (int p = 0; p < np; p++) if (m.popSource()[p]) sources[p] = new HostSpikes(net, net.populations().get(p));
    for (Probe pb : net.probes()) probe(pb);
  }

  private void probe(Probe pb) {
    int p = m.names().indexOf(pb.population());
    if (p < 0) throw at(pb, "probe " + pb.name() + " names population '" + pb.population() + "', which does not exist", "");
    int size = m.popOffset()[p + 1] - m.popOffset()[p];
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
        if (m.popSource()[p]) throw at(pb, "probe " + pb.name() + " records " + pb.variable() + " of spike source " + pb.population(), "probe its spikes");
        LifForm form = m.forms().get(pb.population());
        if (!pb.variable().equals(form.vVariable())) {
          throw at(pb, "probe " + pb.name() + " records " + pb.variable() + ", which the chip does not hold",
              "on target truenorth only the membrane " + form.vVariable() + " can be recorded (the neuron has no other state)");
        }
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

  /** Called before each tick runs (tests look at the schedulers). */
  interface TickObserver {
    void beforeTick(long tick);
  }

  void run(TrueNorthEmulator emu, Target.Progress progress) {
    run(emu, progress, t -> {});
  }

  void run(TrueNorthEmulator emu, Target.Progress progress, TickObserver observer) {
    recordState(emu, 0);
    int np = m.names().size();
    int[][] box = new int[1][];
    int[][] fired = new int[np][];
    for (int p = 0; p < np; p++) fired[p] = new int[16];
    long every = Math.max(1, steps / 100);
    int seen = 0;
    for (long t = 0; t < steps; t++) {
      observer.beforeTick(t);
      emu.step();
      SpikeLog log = emu.spikes();
      for (int total = log.count(); seen < total; seen++) {
        int g = globalOfCore[log.core(seen)][log.compartment(seen)];
        if (g < 0) continue; // a splitter
        int p = popOfGlobal[g];
        spike(p, g - m.popOffset()[p], t, (t + 1) * dt);
      }
      // source spikes of step t count as emitted at t_n and are integrated d ticks later
      for (int p = 0; p < np; p++) {
        if (sources[p] == null) continue;
        box[0] = fired[p];
        int n = sources[p].fire(t, box);
        fired[p] = box[0];
        for (int s = 0; s < n; s++) {
          int i = fired[p][s], g = m.popOffset()[p] + i;
          for (int r = m.hostStart()[g]; r < m.hostStart()[g + 1]; r++) {
            emu.injectSpike(m.cores().get(m.hostCore()[r]).physical(), m.hostAxon()[r], t + m.hostDelay()[r]);
          }
          spike(p, i, t, t * dt);
        }
      }
      recordState(emu, (int) (t + 1));
      if ((t + 1) % every == 0) progress.update(t + 1, steps);
    }
  }

  private void spike(int p, int i, long step, double time) {
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

  private void recordState(TrueNorthEmulator emu, int k) {
    for (StateRec sr : stateProbes) {
      String pop = m.names().get(sr.pop());
      LifForm form = m.forms().get(pop);
      double scale = m.populations().get(pop).scale();
      for (int r = 0; r < sr.indices().length; r++) {
        int i = sr.indices()[r], g = m.popOffset()[sr.pop()] + i;
        sr.values()[r][k] = emu.potential(m.cores().get(m.coreOf()[g]).physical(), m.slotOf()[g]) / scale + form.vReset()[i];
      }
    }
  }

  SimResult result(TrueNorthEmulator emu, double wall, Map<String, Double> extra) {
    List<SimResult.PopulationStats> stats = new ArrayList<>();
    for (int p = 0; p < m.names().size(); p++) {
      stats.add(new SimResult.PopulationStats(m.names().get(p), m.popOffset()[p + 1] - m.popOffset()[p], popSpikes[p]));
    }
    List<SimResult.SpikeData> spikes = spikeProbes.stream().map(sp -> new SimResult.SpikeData(sp.probe().name(), sp.probe().population(),
        Arrays.copyOf(sp.neuron()[0], sp.count()[0]), Arrays.copyOf(sp.times()[0], sp.count()[0]))).toList();
    double[] times = new double[(int) steps + 1];
    for (int k = 0; k < times.length; k++) times[k] = k * dt;
    List<SimResult.TraceData> traces = stateProbes.stream().map(sr -> new SimResult.TraceData(sr.probe().name(), sr.probe().population(),
        sr.probe().variable(), sr.unit(), sr.indices().clone(), times, sr.values())).toList();
    List<SimResult.RateData> rates = rateProbes.stream().map(rr -> {
      int size = m.popOffset()[rr.pop() + 1] - m.popOffset()[rr.pop()];
      double[] hz = new double[rr.counts().length];
      for (int b = 0; b < hz.length; b++) hz[b] = size == 0 ? 0 : rr.counts()[b] / (size * rr.probe().bin());
      return new SimResult.RateData(rr.probe().name(), rr.probe().population(), rr.probe().bin(), hz);
    }).toList();
    Map<String, Double> metrics = new LinkedHashMap<>(emu.summary());
    metrics.putAll(extra);
    return new SimResult(TrueNorthTarget.NAME, steps, dt, wall, stats, emu.metrics().synapticOps(), spikes, traces, rates, metrics);
  }

  private static UserError at(Probe pb, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(pb.span(), message, hint, "")));
  }
}
