package nmc.ann.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nmc.ann.data.Dataset;
import nmc.ir.Network;
import nmc.ir.build.Wiring;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;

/**
 * Runs a converted network on a target over test examples and reads out the classes. Examples go in batches:
 * one IR network holds a copy of the spiking network per example ({@link SnnBuilder}), so a target runs many
 * inferences per call; batches run on {@code jobs} threads at once.
 */
public final class SnnEvaluator {
  private SnnEvaluator() {}

  /**
   * The figures of one (target, timesteps) pair; energy and cores are NaN when the target reports none
   * ({@code energy_j}, {@code cores_used}: the most cores one run of {@code copiesPerRun} copies used).
   */
  public record Result(String target, int timesteps, int count, double accuracy, double synapticOpsPerInference,
      double energyPerInferenceJ, double wallSeconds, int[] predicted, double coresUsed, int copiesPerRun) {}

  /** Told after every batch. */
  @FunctionalInterface
  public interface Listener {
    void batchDone(int examplesDone, int examples);
  }

  /** Connections of one copy of the network, for sizing batches. */
  public static long connectionsPerCopy(Plan plan) {
    long n = 0;
    for (Plan.SpikingLayer l : plan.layers()) {
      for (Plan.Link ln : l.links()) {
        if (ln.source() == Plan.INPUT && plan.options().input() == ConvertOptions.Input.CURRENT) continue;
        n += (long) Wiring.expectedCount(ln.connectivity(), plan.sourceSize(ln.source()), l.size(), false);
      }
    }
    return n;
  }

  /** A batch size that keeps {@code jobs} batches at once within about half of the heap. */
  public static int autoBatch(Plan plan, int jobs, int count) {
    long perCopy = connectionsPerCopy(plan) * 40 + plan.layers().stream().mapToLong(Plan.SpikingLayer::size).sum() * 200 + 10_000;
    long budget = Runtime.getRuntime().maxMemory() / 2 / Math.max(1, jobs);
    int b = (int) Math.max(1, Math.min(256, budget / perCopy));
    // no more copies than needed to give every job some work
    return Math.max(1, Math.min(b, (count + jobs - 1) / jobs));
  }

  public static Result evaluate(Plan plan, Target target, TargetOptions options, Dataset test, int count, int timesteps, int batch,
      int jobs, Listener listener) {
    Plan p = plan.withOptions(plan.options().withTimesteps(timesteps));
    int[] predicted = new int[count];
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    List<int[]> ranges = new ArrayList<>();
    for (int from = 0; from < count; from += batch) ranges.add(new int[] {from, Math.min(count, from + batch)});
    long[] events = new long[ranges.size()];
    double[] energy = new double[ranges.size()];
    double[] cores = new double[ranges.size()];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, ranges.size())));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int r = 0; r < ranges.size(); r++) {
        int ri = r;
        fs.add(pool.submit(() -> {
          int from = ranges.get(ri)[0], to = ranges.get(ri)[1];
          List<float[]> xs = new ArrayList<>();
          for (int e = from; e < to; e++) xs.add(test.example(e));
          Network net = SnnBuilder.build(p, xs, p.name() + "_snn");
          SimResult res = target.run(net, options, Target.Progress.NONE);
          int[] cls = readout(p, res, xs.size());
          System.arraycopy(cls, 0, predicted, from, cls.length);
          events[ri] = res.synapticEvents();
          Double en = energyOf(res.metrics());
          energy[ri] = en == null ? Double.NaN : en;
          cores[ri] = res.metrics().getOrDefault("cores_used", Double.NaN);
          listener.batchDone(done.addAndGet(to - from), count);
          return null;
        }));
      }
      for (Future<?> fu : fs) {
        try {
          fu.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) throw re;
          if (e.getCause() instanceof Error er) throw er;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    int correct = 0;
    for (int e = 0; e < count; e++) if (predicted[e] == test.labels()[e]) correct++;
    long ev = 0;
    double en = 0, most = Double.NaN;
    for (int r = 0; r < ranges.size(); r++) {
      ev += events[r];
      en += energy[r];
      if (!Double.isNaN(cores[r])) most = Double.isNaN(most) ? cores[r] : Math.max(most, cores[r]);
    }
    double wall = (System.nanoTime() - start) * 1e-9;
    return new Result(target.name(), timesteps, count, count == 0 ? 0 : (double) correct / count, (double) ev / count, en / count, wall,
        predicted, most, Math.min(batch, count));
  }

  /**
   * The cores one copy of the network (test example {@code example}) takes on a chip target: a run of one step, read
   * from its {@code cores_used} metric; NaN when the target reports none.
   */
  public static double coresForOneCopy(Plan plan, Target target, TargetOptions options, Dataset test, int example) {
    Network net = SnnBuilder.build(plan.withOptions(plan.options().withTimesteps(1)), List.of(test.example(example)), plan.name() + "_snn");
    return target.run(net, options, Target.Progress.NONE).metrics().getOrDefault("cores_used", Double.NaN);
  }

  /** The target's total energy (J), when it reports one as {@code energy_j}. */
  static Double energyOf(Map<String, Double> metrics) {
    return metrics.get("energy_j");
  }

  /**
   * The class of every copy: the output neuron with the most spikes, ties to the higher potential at the end
   * ({@link ConvertOptions.Readout#SPIKES}), or the highest potential ({@link ConvertOptions.Readout#POTENTIAL}).
   */
  public static int[] readout(Plan p, SimResult res, int copies) {
    int k = p.output().size();
    // the copy each output probe belongs to, so that the probes are scanned once, not once per copy
    Map<String, Integer> spikeProbe = new HashMap<>(), stateProbe = new HashMap<>();
    for (int b = 0; b < copies; b++) {
      String pop = p.output().name() + (copies > 1 ? "_b" + b : "");
      spikeProbe.put(pop + "_spikes", b);
      stateProbe.put(pop + "_v", b);
    }
    int[][] counts = new int[copies][k];
    double[][] v = new double[copies][k];
    for (SimResult.SpikeData s : res.spikes()) {
      Integer b = spikeProbe.get(s.probe());
      if (b != null) for (int n : s.neuron()) counts[b][n]++;
    }
    for (SimResult.TraceData t : res.traces()) {
      Integer b = stateProbe.get(t.probe());
      if (b == null) continue;
      for (int i = 0; i < t.indices().length; i++) v[b][t.indices()[i]] = t.values()[i][t.values()[i].length - 1];
    }
    int[] out = new int[copies];
    for (int b = 0; b < copies; b++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        boolean better = p.options().readout() == ConvertOptions.Readout.POTENTIAL ? v[b][j] > v[b][best]
            : counts[b][j] > counts[b][best] || (counts[b][j] == counts[b][best] && v[b][j] > v[b][best]);
        if (better) best = j;
      }
      out[b] = best;
    }
    return out;
  }
}
