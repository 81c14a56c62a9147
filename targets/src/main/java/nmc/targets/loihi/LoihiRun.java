package nmc.targets.loihi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.emulator.ChipEmulator;
import nmc.emulator.SpikeLog;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Units;
import nmc.map.ChipMapping;
import nmc.map.LifForm;
import nmc.map.Quantiser;
import nmc.sim.SimResult;
import nmc.sim.Target;

/**
 * Runs a mapped network on the emulator: host spikes in, chip spikes and probed state out, in the reference target's
 * {@link SimResult} form. IR step n is chip step n (the chip integrates a spike sent at step t at t + 1 + delay, as
 * the IR delivers at n + 1 + delay). Spike sources are injected by the host {@code hostInjectionLatencySteps} steps
 * early so they arrive on time; those of the first steps cannot be sent earlier and arrive late (counted in the
 * metric {@code host_spikes_late}). Probed v and u are read every step and converted back to SI through the
 * population's quantisation scale.
 */
final class LoihiRun {
  private final Network net;
  private final ChipMapping m;
  private final long steps;
  private final double dt;
  private final int latency;
  private final int[] popOfGlobal;
  private final int[][] globalOfCore; // physical core -> global ids by compartment
  private final long[] popSpikes;
  private final List<SpikeRec> spikeProbes = new ArrayList<>();
  private final List<StateRec> stateProbes = new ArrayList<>();
  private final List<RateRec> rateProbes = new ArrayList<>();
  private final HostSpikes[] sources;
  long lateHostSpikes;

  private record SpikeRec(Probe probe, int pop, boolean[] selected, int[][] neuron, double[][] times, int[] count) {}

  private record StateRec(Probe probe, int pop, boolean isV, String unit, int[] indices, double[][] values) {}

  private record RateRec(Probe probe, int pop, long[] counts) {}

  LoihiRun(Network net, ChipMapping m) {
    this.net = net;
    this.m = m;
    steps = net.run().steps();
    dt = net.run().dt();
    latency = m.limits().numbers().hostInjectionLatencySteps();
    int np = m.populations().size();
    popOfGlobal = new int[m.popOffset()[np]];
    for (int p = 0; p < np; p++) Arrays.fill(popOfGlobal, m.popOffset()[p], m.popOffset()[p + 1], p);
    globalOfCore = new int[m.limits().mesh().cores()][];
    for (ChipMapping.CoreMap c : m.cores()) globalOfCore[c.physical()] = c.members();
    popSpikes = new long[np];
    sources = new HostSpikes[np];
    for (int p = 0; p < np; p++) if (m.popSource()[p]) sources[p] = new HostSpikes(net, net.populations().get(p));
    for (Probe pb : net.probes()) probe(pb);
  }

  private void probe(Probe pb) {
    int p = m.populations().indexOf(pb.population());
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
        LifForm form = m.forms().populations().get(pb.population());
        NeuronModel model = net.modelOf(net.populations().get(p));
        boolean isV = pb.variable().equals(form.vVariable());
        if (!isV && !pb.variable().equals(form.uVariable())) {
          throw at(pb, "probe " + pb.name() + " records " + pb.variable() + ", which the chip does not hold", "on target loihi only the membrane "
              + form.vVariable() + (form.uVariable() != null ? " and the synaptic current " + form.uVariable() : "") + " can be recorded"
              + (form.uVariable() == null && form.usesU() ? " (the synaptic states were merged into one current)" : ""));
        }
        var sv = model.stateVar(pb.variable()).orElseThrow();
        String unit = sv.unit() == null || sv.unit().isBlank() ? Units.describe(sv.dim()) : sv.unit();
        if (idx == null) {
          idx = new int[size];
          for (int i = 0; i < size; i++) idx[i] = i;
        }
        stateProbes.add(new StateRec(pb, p, isV, unit, idx, new double[idx.length][(int) steps + 1]));
      }
      case RATE -> {
        if (!(pb.bin() > 0)) throw at(pb, "rate probe " + pb.name() + " has bin " + pb.bin() + " s", "give a positive bin width");
        int bins = (int) Math.max(1, Math.ceil(steps * dt / pb.bin() - 1e-9));
        rateProbes.add(new RateRec(pb, p, new long[bins]));
      }
    }
  }

  /** Sets the initial state and runs every step. */
  void run(ChipEmulator emu, Target.Progress progress) {
    for (ChipMapping.CoreMap c : m.cores()) {
      for (int k = 0; k < c.compartments(); k++) emu.setState(c.physical(), k, c.u0()[k], c.v0()[k]);
    }
    recordState(emu, 0);
    int np = m.populations().size();
    // source spikes of steps t .. t + latency, computed ahead: ring of lists
    int ring = latency + 1;
    int[][][] fired = new int[ring][np][];
    int[][] firedCount = new int[ring][np];
    for (int r = 0; r < ring; r++) for (int p = 0; p < np; p++) fired[r][p] = new int[16];
    for (long n = 0; n < Math.min(latency, steps); n++) compute(n, fired[(int) (n % ring)], firedCount[(int) (n % ring)]);
    long every = Math.max(1, steps / 100);
    int seen = 0;
    for (long t = 0; t < steps; t++) {
      long ahead = t + latency;
      if (ahead < steps) {
        compute(ahead, fired[(int) (ahead % ring)], firedCount[(int) (ahead % ring)]);
        inject(emu, fired[(int) (ahead % ring)], firedCount[(int) (ahead % ring)]);
      }
      if (t == 0) {
        for (long n = 0; n < Math.min(latency, steps); n++) {
          lateHostSpikes += inject(emu, fired[(int) (n % ring)], firedCount[(int) (n % ring)]);
        }
      }
      emu.step();
      // sources of IR step t count as emitted now (time t_n)
      int slot = (int) (t % ring);
      for (int p = 0; p < np; p++) {
        if (!m.popSource()[p]) continue;
        for (int s = 0; s < firedCount[slot][p]; s++) spike(p, fired[slot][p][s], t, t * dt);
      }
      SpikeLog log = emu.spikes();
      for (int total = log.count(); seen < total; seen++) {
        int[] members = globalOfCore[log.core(seen)];
        int g = members[log.compartment(seen)];
        int p = popOfGlobal[g];
        spike(p, g - m.popOffset()[p], t, (t + 1) * dt);
      }
      recordState(emu, (int) (t + 1));
      if ((t + 1) % every == 0) progress.update(t + 1, steps);
    }
  }

  private void compute(long n, int[][] out, int[] count) {
    int[][] box = new int[1][];
    for (int p = 0; p < out.length; p++) {
      if (sources[p] == null) continue;
      box[0] = out[p];
      count[p] = sources[p].fire(n, box);
      out[p] = box[0];
    }
  }

  /** Sends the given source spikes to every (core, axon) they reach; returns how many sources had targets. */
  private long inject(ChipEmulator emu, int[][] fired, int[] count) {
    long sent = 0;
    for (int p = 0; p < fired.length; p++) {
      for (int s = 0; s < count[p]; s++) {
        int g = m.popOffset()[p] + fired[p][s];
        int a = m.hostStart()[g], b = m.hostStart()[g + 1];
        for (int r = a; r < b; r++) emu.injectSpike(m.hostCore()[r], m.hostAxon()[r]);
        if (b > a) sent++;
      }
    }
    return sent;
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

  private void recordState(ChipEmulator emu, int k) {
    for (StateRec sr : stateProbes) {
      String pop = m.populations().get(sr.pop());
      LifForm form = m.forms().populations().get(pop);
      Quantiser.PopulationQ q = m.quantisation().populations().get(pop);
      for (int r = 0; r < sr.indices().length; r++) {
        int i = sr.indices()[r];
        int core = m.cores().get(m.coreOf(sr.pop(), i)).physical(), cx = m.slotOf(sr.pop(), i);
        double value;
        if (sr.isV()) {
          value = emu.v(core, cx) / q.scale() + form.vReset()[i];
        } else {
          LifForm.Channel ch = form.channels().get(form.uVariable());
          double drive = emu.u(core, cx) / (q.scale() * q.gain()[i]);
          value = drive / (ch.coef()[i] * ch.scale()[i]);
        }
        sr.values()[r][k] = value;
      }
    }
  }

  SimResult result(ChipEmulator emu, double wall, Map<String, Double> extra) {
    List<SimResult.PopulationStats> stats = new ArrayList<>();
    for (int p = 0; p < m.populations().size(); p++) {
      stats.add(new SimResult.PopulationStats(m.populations().get(p), m.popOffset()[p + 1] - m.popOffset()[p], popSpikes[p]));
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
    Map<String, Double> metrics = new LinkedHashMap<>(emu.metrics().asMap());
    metrics.put("host_spikes_late", (double) lateHostSpikes);
    metrics.putAll(extra);
    return new SimResult(LoihiTarget.NAME, steps, dt, wall, stats, emu.metrics().synapticOps(), spikes, traces, rates, metrics);
  }

  private static UserError at(Probe pb, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(pb.span(), message, hint, "")));
  }
}
