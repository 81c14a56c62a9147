package nmc.targets.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.ir.Probe;
import nmc.sim.SimResult;
import nmc.sim.Target;

/**
 * One run of a compiled kernel: allocates every shared array off-heap, hands their addresses to the kernel, runs
 * the steps in chunks (draining spike records between chunks and reporting progress), and reads the results
 * straight from the shared memory.
 */
public final class NativeRun {
  private NativeRun() {}

  record Timing(double setupSeconds, double compileSeconds, long startNanos) {}

  /**
   * Reads energy counters right around the simulation loop, the interval {@code run_s} measures: {@code start} just
   * before it, {@code stop} just after it (also when it fails), so that compilation, buffer fills and the results'
   * assembly are not counted.
   */
  public record Meter(Runnable start, Runnable stop) {
    public static final Meter NONE = new Meter(() -> {}, () -> {});
  }

  /**
   * Compiles {@code low}'s source with {@code toolchain} (or takes it from the cache) and runs it, as the target
   * named {@code target}; {@code startNanos} is when the target's run began (setup is counted from there).
   */
  public static SimResult compileAndRun(String target, Lowering low, Toolchain toolchain, long startNanos, Target.Progress progress) {
    return compileAndRun(target, low, toolchain, startNanos, progress, Meter.NONE);
  }

  /** ... with {@code meter} read around the simulation loop. */
  public static SimResult compileAndRun(String target, Lowering low, Toolchain toolchain, long startNanos, Target.Progress progress, Meter meter) {
    double setup = (System.nanoTime() - startNanos) * 1e-9;
    Toolchain.Compiled k = toolchain.kernel(low.source, low.net.name());
    return run(target, low, k.kernel(), new Timing(setup, k.compileSeconds(), startNanos), progress == null ? Target.Progress.NONE : progress, meter);
  }

  static SimResult run(String target, Lowering low, NmcKernel kernel, Timing timing, Target.Progress progress) {
    return run(target, low, kernel, timing, progress, Meter.NONE);
  }

  static SimResult run(String target, Lowering low, NmcKernel kernel, Timing timing, Target.Progress progress, Meter meter) {
    List<Buffer> buffers = low.buffers;
    if (kernel.nmc_buffer_count() != buffers.size()) throw new IllegalStateException("kernel expects " + kernel.nmc_buffer_count() + " buffers");
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment table = arena.allocate(NmcKernel.C_POINTER, Math.max(1, buffers.size()));
      Map<String, MemorySegment> seg = new LinkedHashMap<>();
      long nativeBytes = 0;
      for (int b = 0; b < buffers.size(); b++) {
        Buffer buf = buffers.get(b);
        MemorySegment s;
        try {
          s = arena.allocate(Math.max(8, buf.bytes()), 64);
        } catch (OutOfMemoryError e) {
          throw UserError.of("not enough memory for network " + low.net.name() + " on the cpu target (" + buf.comment() + ": " + buf.bytes() + " bytes)",
              "a smaller network, or fewer recorded neurons");
        }
        if (buf.fill() != null) buf.fill().into(s);
        seg.put(buf.field(), s);
        table.setAtIndex(NmcKernel.C_POINTER, b, s);
        nativeBytes += buf.bytes();
      }
      int threads = low.opt.threads();
      MemorySegment math = low.opt.hostMath() ? NmcKernel.javaMath() : MemorySegment.NULL;
      MemorySegment sim = kernel.nmc_create(table, buffers.size(), threads, low.seed, math);
      if (sim.equals(MemorySegment.NULL)) {
        String why = kernel.nmc_error();
        throw UserError.of("the " + target + " kernel for network " + low.net.name() + " could not start ("
            + (why.isEmpty() ? "out of memory, or no OpenMP for " + threads + " threads" : why) + ")", "try fewer threads or a smaller network");
      }
      MemorySegment ctl = seg.get("ctl");
      Recorded[] rec = new Recorded[low.spikeRecs.size()];
      for (int r = 0; r < rec.length; r++) rec[r] = new Recorded();
      long steps = low.steps;
      long chunk = Math.max(1, steps / 50);
      double runSeconds;
      meter.start().run();
      long t0 = System.nanoTime();
      try {
        long from = 0;
        if (steps == 0) kernel.nmc_run(sim, 0, 0);
        while (from < steps) {
          long to = Math.min(steps, from + chunk);
          long reached = kernel.nmc_run(sim, from, to);
          if (reached < 0) {
            String why = kernel.nmc_error();
            throw UserError.of("the " + target + " kernel for network " + low.net.name() + " failed at step " + from + ": "
                + (reached == -1 ? "out of memory for spikes in flight" : !why.isEmpty() ? why : "OpenMP gave it fewer threads than asked"), "try fewer threads");
          }
          drain(low, seg, ctl, rec);
          if (reached <= from) throw new IllegalStateException("kernel made no progress at step " + from);
          from = reached;
          progress.update(from, steps);
        }
      } finally {
        runSeconds = (System.nanoTime() - t0) * 1e-9;
        try {
          meter.stop().run();
        } finally {
          kernel.nmc_destroy(sim);
        }
      }
      return result(target, low, seg, ctl, rec, timing, runSeconds, nativeBytes);
    }
  }

  /** The spikes recorded for one population so far. */
  private static final class Recorded {
    int[] idx = new int[64];
    int[] step = new int[64];
    int count;
  }

  private static void drain(Lowering low, Map<String, MemorySegment> seg, MemorySegment ctl, Recorded[] rec) {
    for (Lowering.SpikeRec r : low.spikeRecs) {
      long at = low.ctlRecords + r.slot();
      int c = (int) ctl.getAtIndex(ValueLayout.JAVA_LONG, at);
      if (c == 0) continue;
      Recorded d = rec[r.slot()];
      if (d.count + c > d.idx.length) {
        int cap = Math.max(d.count + c, d.idx.length * 2);
        d.idx = Arrays.copyOf(d.idx, cap);
        d.step = Arrays.copyOf(d.step, cap);
      }
      MemorySegment.copy(seg.get(r.idx()), ValueLayout.JAVA_INT, 0, d.idx, d.count, c);
      MemorySegment.copy(seg.get(r.step()), ValueLayout.JAVA_INT, 0, d.step, d.count, c);
      d.count += c;
      ctl.setAtIndex(ValueLayout.JAVA_LONG, at, 0);
    }
  }

  private static SimResult result(String target, Lowering low, Map<String, MemorySegment> seg, MemorySegment ctl, Recorded[] rec, Timing timing,
      double runSeconds, long nativeBytes) {
    double dt = low.dt;
    long steps = low.steps;
    List<SimResult.PopulationStats> stats = new ArrayList<>();
    for (Lowering.Pop g : low.pops) stats.add(new SimResult.PopulationStats(g.name, g.size, ctl.getAtIndex(ValueLayout.JAVA_LONG, low.ctlSpikes + g.index)));
    long events = 0, connections = 0, synapseBytes = 0;
    for (Lowering.Proj j : low.projs) {
      events += ctl.getAtIndex(ValueLayout.JAVA_LONG, low.ctlEvents + j.index);
      connections += j.count;
      synapseBytes += j.synapseBytes();
    }

    List<SimResult.SpikeData> spikes = new ArrayList<>();
    for (Probe p : low.net.probes()) {
      if (p.kind() != Probe.Kind.SPIKES) continue;
      Lowering.Pop g = low.popByName.get(p.population());
      Recorded d = rec[g.rec.slot()];
      boolean[] sel = null;
      if (p.indices() != null && !p.indices().isEmpty()) {
        sel = new boolean[g.size];
        for (int i : p.indices().values()) sel[i] = true;
      }
      int[] neuron = new int[d.count];
      double[] times = new double[d.count];
      int m = 0;
      boolean source = g.kind != Lowering.Kind.NEURONS;
      for (int q = 0; q < d.count; q++) {
        int i = d.idx[q];
        if (sel != null && !sel[i]) continue;
        long n = d.step[q];
        neuron[m] = i;
        times[m] = source ? n * dt : (n + 1) * dt;
        m++;
      }
      spikes.add(new SimResult.SpikeData(p.name(), g.name, Arrays.copyOf(neuron, m), Arrays.copyOf(times, m)));
    }

    double[] times = new double[(int) steps + 1];
    for (int k = 0; k < times.length; k++) times[k] = k * dt;
    List<SimResult.TraceData> traces = new ArrayList<>();
    for (Lowering.TraceRec t : low.traces) {
      MemorySegment s = seg.get(t.field());
      double[][] values = new double[t.indices().length][(int) steps + 1];
      for (int r = 0; r < values.length; r++) {
        long base = (long) r * (steps + 1);
        if (low.real == Buffer.Elem.F64) {
          MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE, base * 8, values[r], 0, values[r].length);
        } else {
          for (int k = 0; k < values[r].length; k++) values[r][k] = s.getAtIndex(ValueLayout.JAVA_FLOAT, base + k);
        }
      }
      traces.add(new SimResult.TraceData(t.probe().name(), t.pop().name, t.variable(), t.unit(), t.indices().clone(), times, values));
    }

    List<SimResult.RateData> rates = new ArrayList<>();
    for (Lowering.RateRec r : low.rates) {
      MemorySegment s = seg.get(r.field());
      double[] hz = new double[r.bins()];
      for (int b = 0; b < hz.length; b++) hz[b] = r.pop().size == 0 ? 0 : s.getAtIndex(ValueLayout.JAVA_LONG, b) / (r.pop().size * r.bin());
      rates.add(new SimResult.RateData(r.probe().name(), r.pop().name, r.bin(), hz));
    }

    double wall = (System.nanoTime() - timing.startNanos()) * 1e-9;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("compile_s", timing.compileSeconds());
    metrics.put("run_s", runSeconds);
    metrics.put("setup_s", timing.setupSeconds());
    metrics.put("threads", (double) low.opt.threads());
    metrics.put("connections", (double) connections);
    metrics.put("native_bytes", (double) nativeBytes);
    if (connections > 0) metrics.put("synapse_bytes_per_connection", synapseBytes / (double) connections);
    return new SimResult(target, steps, dt, wall, stats, events, spikes, traces, rates, metrics);
  }
}
