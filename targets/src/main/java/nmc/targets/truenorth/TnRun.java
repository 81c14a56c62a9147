package nmc.targets.truenorth;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import nmc.emulator.SpikeLog;
import nmc.emulator.truenorth.TrueNorthEmulator;
import nmc.ir.Network;
import nmc.map.LifForm;
import nmc.map.truenorth.TnMapping;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.chip.ChipProbes;
import nmc.ir.build.SourceSpikes;

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
  private final ChipProbes probes;
  private final SourceSpikes[] sources;

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
    sources = new SourceSpikes[np];
    for (int p = 0; p < np; p++) if (m.popSource()[p]) sources[p] = new SourceSpikes(net, net.populations().get(p));
    probes = new ChipProbes(net, m.names(), m.popOffset(), m.popSource(), (pb, p) -> {
      LifForm form = m.forms().get(pb.population());
      if (!pb.variable().equals(form.vVariable())) {
        throw ChipProbes.at(pb, "probe " + pb.name() + " records " + pb.variable() + ", which the chip does not hold",
            "on target truenorth only the membrane " + form.vVariable() + " can be recorded (the neuron has no other state)");
      }
    });
  }

  /** Called before each tick runs (tests look at the schedulers). */
  interface TickObserver {
    void beforeTick(long tick);
  }

  void run(TrueNorthEmulator emu, Target.Progress progress) {
    run(emu, progress, t -> {});
  }

  void run(TrueNorthEmulator emu, Target.Progress progress, TickObserver observer) {
    bindState(emu);
    probes.recordState(0);
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
        probes.spike(p, g - m.popOffset()[p], t, (t + 1) * dt);
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
          probes.spike(p, i, t, t * dt);
        }
      }
      probes.recordState((int) (t + 1));
      if ((t + 1) % every == 0) progress.update(t + 1, steps);
    }
  }

  /** Reads a population's membrane potentials back in SI (the only state the chip holds). */
  private void bindState(TrueNorthEmulator emu) {
    probes.bindState((p, variable) -> {
      String pop = m.names().get(p);
      int offset = m.popOffset()[p];
      double scale = m.populations().get(pop).scale();
      double[] vReset = m.forms().get(pop).vReset();
      return i -> emu.potential(m.cores().get(m.coreOf()[offset + i]).physical(), m.slotOf()[offset + i]) / scale + vReset[i];
    });
  }

  SimResult result(TrueNorthEmulator emu, double wall, Map<String, Double> extra) {
    Map<String, Double> metrics = new LinkedHashMap<>(emu.summary());
    metrics.putAll(extra);
    return probes.result(TrueNorthTarget.NAME, wall, emu.metrics().synapticOps(), metrics);
  }
}
