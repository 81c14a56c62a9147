package nmc.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;

/** Loads a sample of this module and runs it on a registered target. */
final class Samples {
  private Samples() {}

  static Path path(String file) {
    Path p = Path.of(file);
    if (!Files.exists(p)) p = Path.of("samples", file); // when run from the repository root
    return p;
  }

  static Network load(String file) {
    return Frontend.load(path(file));
  }

  static Target target(String name) {
    return ServiceLoader.load(Target.class).stream().map(ServiceLoader.Provider::get)
        .filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no target " + name));
  }

  static SimResult run(Network net) {
    return target("reference").run(net, Target.Progress.NONE);
  }

  static SimResult.SpikeData spikes(SimResult r, String population) {
    return r.spikes().stream().filter(s -> s.population().equals(population)).findFirst()
        .orElseThrow(() -> new AssertionError("no spike probe on " + population));
  }

  /** Spike times (s) of one neuron of a probed population. */
  static double[] times(SimResult r, String population, int neuron) {
    SimResult.SpikeData s = spikes(r, population);
    java.util.stream.DoubleStream.Builder b = java.util.stream.DoubleStream.builder();
    for (int k = 0; k < s.neuron().length; k++) if (s.neuron()[k] == neuron) b.add(s.times()[k]);
    return b.build().toArray();
  }

  static Path shared() {
    return Path.of(System.getProperty("nmc.shared", "../shared"));
  }
}
