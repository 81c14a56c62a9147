package nmc.runtime.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.reference.ReferenceTarget;

/** A small network and stand-in targets: one that behaves like a chip, one that refuses, one that crashes. */
final class CompareFixtures {
  private CompareFixtures() {}

  /** Poisson input into 40 LIF neurons with random weights: every neuron fires, at its own rate. */
  static final String NET = """
      population src = 20 x poisson(rate = 50 Hz)
      population exc = 40 x LIF(v = uniform(-70 mV, -56 mV))
      projection p: src -> exc.I_syn { connect fixed_probability(0.5); synapse Exp(tau = 5 ms); weight uniform(100 pA, 300 pA) }
      probe spikes exc[0..9]
      run { duration = 200 ms; dt = 0.1 ms; seed = 3 }
      """;

  static Network net() {
    return Frontend.parse("small", NET);
  }

  /**
   * Runs the reference simulator, then drops every spike of the neurons with an odd index in {@code exc} (as a
   * chip that loses them would), and reports chip-like metrics.
   */
  static final class ChipLike implements Target {
    static final Map<String, Double> METRICS = Map.of(
        "cores_used", 3.0, "chips_used", 1.0, "latency_s", 2e-3, "latency_s_per_step", 1e-6,
        "energy_j", 3e-6, "energy_j.synaptic_op", 2e-6, "energy_j.neuron_update", 1e-6, "energy_source.model", 1.0,
        "static_energy_j", 5e-7);

    @Override
    public String name() {
      return "chiplike";
    }

    @Override
    public String description() {
      return "reference minus the spikes of odd neurons of exc";
    }

    @Override
    public SimResult run(Network net, nmc.sim.TargetOptions options, Progress progress) {
      options.rejectUnknown(name(), java.util.List.of());
      SimResult r = new ReferenceTarget().run(net, progress);
      List<SimResult.SpikeData> spikes = new ArrayList<>();
      Map<String, Long> dropped = new HashMap<>();
      for (SimResult.SpikeData s : r.spikes()) {
        if (!s.population().equals("exc")) {
          spikes.add(s);
          continue;
        }
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < s.neuron().length; k++) if (s.neuron()[k] % 2 == 0) keep.add(k);
        int[] n = keep.stream().mapToInt(k -> s.neuron()[k]).toArray();
        double[] t = keep.stream().mapToDouble(k -> s.times()[k]).toArray();
        spikes.add(new SimResult.SpikeData(s.probe(), s.population(), n, t));
        if (s.probe().startsWith("compare_")) dropped.put(s.population(), (long) (s.neuron().length - n.length));
      }
      List<SimResult.PopulationStats> pops = r.populations().stream()
          .map(p -> new SimResult.PopulationStats(p.name(), p.size(), p.spikes() - dropped.getOrDefault(p.name(), 0L))).toList();
      return new SimResult(name(), r.steps(), r.dt(), 0.25, pops, r.synapticEvents(), spikes, r.traces(), r.rates(), METRICS);
    }
  }

  /** A target that cannot run here and says why (as a GPU target without a GPU does). */
  static final class Refusing implements Target {
    @Override
    public String name() {
      return "gpu";
    }

    @Override
    public String description() {
      return "refuses";
    }

    @Override
    public SimResult run(Network net, nmc.sim.TargetOptions options, Progress progress) {
      options.rejectUnknown(name(), java.util.List.of());
      throw UserError.of("no CUDA device found", "run on a machine with an NVIDIA GPU");
    }
  }

  /** A target with a bug. */
  static final class Crashing implements Target {
    @Override
    public String name() {
      return "buggy";
    }

    @Override
    public String description() {
      return "crashes";
    }

    @Override
    public SimResult run(Network net, nmc.sim.TargetOptions options, Progress progress) {
      options.rejectUnknown(name(), java.util.List.of());
      throw new IllegalStateException("index out of range in the mapper");
    }
  }

  static List<Target> all() {
    return List.of(new ReferenceTarget(), new ChipLike(), new Refusing(), new Crashing());
  }
}
