package nmc.targets.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.ir.CurrentInput;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.SynapseModel;
import nmc.ir.build.Connections;
import nmc.ir.build.Wiring;
import nmc.sim.SimResult;
import nmc.sim.Target;

/**
 * A network instantiated for the reference simulator, and its clock-driven loop. One step n (common.md):
 * deliver the spikes due (1), sum inputs into ports (2), integrate synapse then neuron state (3), test thresholds,
 * reset, start refractory periods (4), fire the spike sources (5), and send every spike of the step into the rings
 * of its outgoing projections (6).
 */
final class Simulation {
  private final Network net;
  private final double dt;
  private final long steps;
  private final Clock clock;
  private final Map<String, SpikeGroup> groups = new LinkedHashMap<>();
  private final List<NeuronGroup> neurons = new ArrayList<>();
  private final List<SourceGroup> sources = new ArrayList<>();
  private final List<SynapseGroup> synapses = new ArrayList<>();
  private final Map<SpikeGroup, SynapseGroup[]> outgoing = new HashMap<>();
  private final List<InputDrive> inputs = new ArrayList<>();
  private final Recorder recorder;
  private long connections;

  Simulation(Network net) {
    this.net = net;
    dt = net.run().dt();
    steps = net.run().steps();
    long seed = net.run().seed();
    clock = new Clock(dt);
    for (Population p : net.populations()) {
      SpikeGroup g = switch (p.kind()) {
        case Population.Neurons n -> {
          var model = net.neuronModel(n.model()).orElseThrow(() -> Errors.at(p.span(),
              "population " + p.name() + " uses neuron model '" + n.model() + "', which is not defined", ""));
          NeuronGroup ng = new NeuronGroup(p, model, clock, seed, dt);
          neurons.add(ng);
          yield ng;
        }
        case Population.Poisson ps -> source(net, p);
        case Population.SpikeTimes st -> source(net, p);
      };
      groups.put(p.name(), g);
    }
    Map<SpikeGroup, List<SynapseGroup>> out = new HashMap<>();
    for (Projection pr : net.projections()) {
      SpikeGroup pre = group(pr.pre(), pr);
      if (!(group(pr.post(), pr) instanceof NeuronGroup post)) {
        throw Errors.at(pr.span(), "projection " + pr.name() + " targets spike source " + pr.post(), "a projection must end on neurons");
      }
      SynapseModel model = synapseModel(pr);
      Connections c = Wiring.connect(pr, pre.size, post.size, pr.pre().equals(pr.post()), seed);
      connections += c.count();
      SynapseGroup sg = new SynapseGroup(pr, model, pre, post, c, clock);
      synapses.add(sg);
      out.computeIfAbsent(pre, x -> new ArrayList<>()).add(sg);
    }
    out.forEach((g, l) -> outgoing.put(g, l.toArray(SynapseGroup[]::new)));
    for (CurrentInput ci : net.currents()) {
      SpikeGroup g = groups.get(ci.population());
      if (!(g instanceof NeuronGroup ng)) {
        throw Errors.at(ci.span(), "current " + ci.name() + " drives '" + ci.population() + "', which is not a population of neurons", "");
      }
      inputs.add(new InputDrive(ci, ng, seed));
    }
    recorder = new Recorder(net.probes(), groups, steps, dt);
  }

  private SpikeGroup group(String name, Projection pr) {
    SpikeGroup g = groups.get(name);
    if (g == null) throw Errors.at(pr.span(), "projection " + pr.name() + " names population '" + name + "', which does not exist", "");
    return g;
  }

  private SynapseModel synapseModel(Projection pr) {
    if (pr.synapse() == null) return SynapseGroup.DELTA;
    return net.synapseModel(pr.synapse()).orElseGet(() -> {
      if (pr.synapse().equals("Delta")) return SynapseGroup.DELTA;
      throw Errors.at(pr.span(), "projection " + pr.name() + " uses synapse model '" + pr.synapse() + "', which is not defined", "");
    });
  }

  SimResult run(Target.Progress progress, long startNanos) {
    double setup = (System.nanoTime() - startNanos) * 1e-9;
    long every = Math.max(1, steps / 100);
    recorder.state(0);
    long events = 0;
    long loopStart = System.nanoTime();
    for (long n = 0; n < steps; n++) {
      double tn = n * dt, tNext = (n + 1) * dt;
      clock.t = tn;
      for (SynapseGroup s : synapses) s.deliver(n);
      for (NeuronGroup g : neurons) g.clearPorts();
      for (InputDrive in : inputs) in.apply(tn);
      for (SynapseGroup s : synapses) s.addCurrent();
      for (SynapseGroup s : synapses) s.integrate(tn, dt);
      for (NeuronGroup g : neurons) g.integrate(n, tn, dt);
      clock.t = tNext;
      for (NeuronGroup g : neurons) g.threshold(n);
      for (SourceGroup g : sources) {
        g.spikedCount = 0;
        g.fire(n);
        g.totalSpikes += g.spikedCount;
      }
      for (SpikeGroup g : groups.values()) {
        if (g.spikedCount == 0) continue;
        recorder.spikes(g, n);
        SynapseGroup[] outs = outgoing.get(g);
        if (outs == null) continue;
        for (SynapseGroup s : outs) {
          for (int q = 0; q < g.spikedCount; q++) s.emit(g.spiked[q], n);
        }
      }
      recorder.state((int) (n + 1));
      if ((n + 1) % every == 0) progress.update(n + 1, steps);
    }
    double loop = (System.nanoTime() - loopStart) * 1e-9;
    for (SynapseGroup s : synapses) events += s.events;
    double wall = (System.nanoTime() - startNanos) * 1e-9;
    List<SimResult.PopulationStats> stats = groups.values().stream()
        .map(g -> new SimResult.PopulationStats(g.name, g.size, g.totalSpikes)).toList();
    return new SimResult(ReferenceTarget.NAME, steps, dt, wall, stats, events, recorder.spikeData(), recorder.traceData(steps),
        recorder.rateData(), Map.of("connections", (double) connections, "setup_s", setup, "run_s", loop));
  }

  private SourceGroup source(Network net, Population p) {
    SourceGroup g = new SourceGroup(net, p);
    sources.add(g);
    return g;
  }
}
