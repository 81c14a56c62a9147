package nmc.targets.loihi;

import nmc.ir.build.SourceSpikes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import nmc.emulator.ChipEmulator;
import nmc.emulator.SpikeLog;
import nmc.ir.Network;
import nmc.ir.Probe;
import nmc.map.ChipMapping;
import nmc.map.LifForm;
import nmc.map.Quantiser;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.chip.ChipProbes;

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
  private final ChipProbes probes;
  private final SourceSpikes[] sources;
  long lateHostSpikes;

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
    sources = new SourceSpikes[np];
    for (int p = 0; p < np; p++) if (m.popSource()[p]) sources[p] = new SourceSpikes(net, net.populations().get(p));
    probes = new ChipProbes(net, m.populations(), m.popOffset(), m.popSource(), this::checkState);
  }

  /** On the chip only v, and u when the model's synaptic state maps onto it, can be read back. */
  private void checkState(Probe pb, int p) {
    LifForm form = m.forms().populations().get(pb.population());
    if (!pb.variable().equals(form.vVariable()) && !pb.variable().equals(form.uVariable())) {
      throw ChipProbes.at(pb, "probe " + pb.name() + " records " + pb.variable() + ", which the chip does not hold", "on target loihi only the membrane "
          + form.vVariable() + (form.uVariable() != null ? " and the synaptic current " + form.uVariable() : "") + " can be recorded"
          + (form.uVariable() == null && form.usesU() ? " (the synaptic states were merged into one current)" : ""));
    }
  }

  /** Sets the initial state and runs every step. */
  void run(ChipEmulator emu, Target.Progress progress) {
    for (ChipMapping.CoreMap c : m.cores()) {
      for (int k = 0; k < c.compartments(); k++) emu.setState(c.physical(), k, c.u0()[k], c.v0()[k]);
    }
    bindState(emu);
    probes.recordState(0);
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
        for (int s = 0; s < firedCount[slot][p]; s++) probes.spike(p, fired[slot][p][s], t, t * dt);
      }
      SpikeLog log = emu.spikes();
      for (int total = log.count(); seen < total; seen++) {
        int[] members = globalOfCore[log.core(seen)];
        int g = members[log.compartment(seen)];
        int p = popOfGlobal[g];
        probes.spike(p, g - m.popOffset()[p], t, (t + 1) * dt);
      }
      probes.recordState((int) (t + 1));
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

  /** Reads v or u of a population's compartments back in SI (what checkState lets a probe ask for). */
  private void bindState(ChipEmulator emu) {
    probes.bindState((p, variable) -> {
      String pop = m.populations().get(p);
      LifForm form = m.forms().populations().get(pop);
      Quantiser.PopulationQ q = m.quantisation().populations().get(pop);
      if (variable.equals(form.vVariable())) {
        double[] vReset = form.vReset();
        return i -> emu.v(m.cores().get(m.coreOf(p, i)).physical(), m.slotOf(p, i)) / q.scale() + vReset[i];
      }
      LifForm.Channel ch = form.channels().get(form.uVariable());
      return i -> emu.u(m.cores().get(m.coreOf(p, i)).physical(), m.slotOf(p, i)) / (q.scale() * q.gain()[i]) / (ch.coef()[i] * ch.scale()[i]);
    });
  }

  SimResult result(ChipEmulator emu, double wall, Map<String, Double> extra) {
    Map<String, Double> metrics = new LinkedHashMap<>(emu.metrics().asMap());
    metrics.put("host_spikes_late", (double) lateHostSpikes);
    metrics.putAll(extra);
    return probes.result(LoihiTarget.NAME, wall, emu.metrics().synapticOps(), metrics);
  }
}
