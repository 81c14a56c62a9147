package nmc.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.sim.SimResult;
import nmc.sim.Target;

/**
 * A target for tests of the command line (registered only on the test class path). It produces a small,
 * deterministic result from the probes of a network; networks with special names make it misbehave:
 * {@code boom} crashes half-way, {@code toolarge} refuses as the simulator does for networks that do not fit
 * in memory, {@code flaky} gives different spike counts from run to run.
 */
public final class FakeTarget implements Target {
  static final AtomicInteger RUNS = new AtomicInteger();

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String description() {
    return "test double that makes up spikes";
  }

  @Override
  public SimResult run(Network net, nmc.sim.TargetOptions options, Progress progress) {
    options.rejectUnknown(name(), java.util.List.of());
    int run = RUNS.incrementAndGet();
    long steps = net.run().steps();
    double dt = net.run().dt();
    progress.update(steps / 2, steps);
    switch (net.name()) {
      case "boom" -> throw new IllegalStateException("simulated crash in the middle of a run");
      case "toolarge" -> throw UserError.of("the network needs 93 GiB but the Java heap is 4 GiB", "make it smaller");
      default -> { }
    }
    List<SimResult.PopulationStats> pops = new ArrayList<>();
    for (Population p : net.populations()) pops.add(new SimResult.PopulationStats(p.name(), p.size(), spikesOf(p.size()) + (net.name().equals("flaky") ? run : 0)));
    List<SimResult.SpikeData> spikes = new ArrayList<>();
    List<SimResult.TraceData> traces = new ArrayList<>();
    List<SimResult.RateData> rates = new ArrayList<>();
    for (Probe pr : net.probes()) {
      int size = net.population(pr.population()).map(Population::size).orElse(1);
      switch (pr.kind()) {
        case SPIKES -> {
          int n = spikesOf(size);
          int[] neuron = new int[n];
          double[] t = new double[n];
          for (int k = 0; k < n; k++) {
            neuron[k] = k % size;
            t[k] = (k + 1) * dt * 3;
          }
          spikes.add(new SimResult.SpikeData(pr.name(), pr.population(), neuron, t));
        }
        case STATE -> {
          int[] idx = pr.indices().isEmpty() ? new int[] {0, 1} : pr.indices().values();
          double[] t = new double[(int) steps + 1];
          double[][] v = new double[idx.length][t.length];
          for (int k = 0; k < t.length; k++) {
            t[k] = k * dt;
            for (int i = 0; i < idx.length; i++) v[i][k] = -0.065 + 0.01 * Math.sin(k * 0.01 + i);
          }
          traces.add(new SimResult.TraceData(pr.name(), pr.population(), pr.variable(), "mV", idx, t, v));
        }
        case RATE -> {
          int bins = (int) Math.max(1, Math.round(steps * dt / pr.bin()));
          double[] hz = new double[bins];
          for (int b = 0; b < bins; b++) hz[b] = 5 + b % 3;
          rates.add(new SimResult.RateData(pr.name(), pr.population(), pr.bin(), hz));
        }
      }
    }
    progress.update(steps, steps);
    return new SimResult("fake", steps, dt, 0.01, pops, 1234, spikes, traces, rates, Map.of("energy_j", 1.5e-6));
  }

  static int spikesOf(int size) {
    return 2 * size + 3;
  }
}
