package nmc.ir.build;

import java.util.Locale;
import nmc.diag.UserError;
import nmc.ir.CurrentInput;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;

/**
 * How much memory a run of a network needs, estimated by arithmetic alone (no wiring, no allocation), so a
 * network of 10^10 neurons is refused in microseconds instead of after minutes of swapping. The figures follow the
 * reference simulator's layout (float64 structure of arrays, CSR synapses); other targets are no bigger per element.
 */
public final class Footprint {
  private Footprint() {}

  /** The share of the JVM's maximum heap a run may plan to use. */
  public static final double USABLE_SHARE = 0.8;

  /** Per connection: target index (4), weight (8), delay in seconds (8) and in steps (4). */
  public static final int BYTES_PER_CONNECTION = 24;

  /** Scratch arrays per neuron for expression evaluation and integration (RK4 needs four per ODE). */
  static final int SCRATCH_ARRAYS = 12;

  /** The firing rate assumed when sizing spike recordings and spikes in flight. */
  public static final double ASSUMED_RATE_HZ = 50;

  /** The estimate: element counts and bytes by kind. */
  public record Estimate(long neurons, double connections, double neuronBytes, double synapseBytes, double recordingBytes) {
    public double totalBytes() {
      return neuronBytes + synapseBytes + recordingBytes;
    }

    /** E.g. {@code "about 93.1 GiB (10000000000 neurons, 2.0e+12 connections)"}. */
    @Override
    public String toString() {
      return "about " + human(totalBytes()) + " (" + neurons + " neurons, " + String.format(Locale.ROOT, "%.3g", connections) + " connections)";
    }
  }

  public static Estimate estimate(Network net) {
    double dt = net.run().dt();
    long steps = net.run().steps();
    long neurons = 0;
    double neuronBytes = 0, synapseBytes = 0, recordingBytes = 0, connections = 0;
    for (Population p : net.populations()) {
      neurons += p.size();
      neuronBytes += (double) p.size() * bytesPerElement(net, p);
    }
    for (Projection pr : net.projections()) {
      long pre = size(net, pr.pre()), post = size(net, pr.post());
      double c = Wiring.expectedCount(pr.connectivity(), pre, post, pr.pre().equals(pr.post()));
      connections += c;
      double bytes = c * BYTES_PER_CONNECTION + 4.0 * (pre + 1);
      SynapseModel sm = pr.synapse() == null ? null : net.synapseModel(pr.synapse()).orElse(null);
      if (sm != null) bytes += 8.0 * (sm.postState().size() * post + sm.preState().size() * pre) * 2;
      double slots = maxDelay(pr.delay()) / dt + 2;
      bytes += 4.0 * pre * Math.min(slots, 1 + slots * dt * ASSUMED_RATE_HZ) + 16 * slots; // spikes in flight
      synapseBytes += bytes;
    }
    for (CurrentInput ci : net.currents()) neuronBytes += 8.0 * size(net, ci.population());
    for (Probe pb : net.probes()) {
      long n = pb.indices() == null || pb.indices().isEmpty() ? size(net, pb.population()) : pb.indices().size();
      recordingBytes += switch (pb.kind()) {
        case STATE -> 8.0 * n * (steps + 1);
        case SPIKES -> 12.0 * n * steps * dt * ASSUMED_RATE_HZ;
        case RATE -> 8.0 * (steps * dt / Math.max(pb.bin(), dt) + steps + 1);
      };
    }
    return new Estimate(neurons, connections, neuronBytes, synapseBytes, recordingBytes);
  }

  /** Throws a {@link UserError} when the estimate exceeds {@link #USABLE_SHARE} of {@code Runtime.maxMemory()}. */
  public static Estimate check(Network net) {
    return check(net, Runtime.getRuntime().maxMemory());
  }

  /** As {@link #check(Network)} against a given heap limit in bytes. */
  public static Estimate check(Network net, long maxMemory) {
    Estimate e = estimate(net);
    if (e.totalBytes() > USABLE_SHARE * maxMemory) {
      throw UserError.of("network '" + net.name() + "' needs " + e + " but the JVM may use " + human(maxMemory),
          "reduce the population sizes or raise -Xmx (NMC_JAVA_OPTS)");
    }
    return e;
  }

  /** Bytes with a binary unit and one decimal: {@code 93.1 GiB}, {@code 512.0 KiB}, {@code 17 B}. */
  public static String human(double bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) return String.format(Locale.ROOT, "%.0f B", bytes);
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static double bytesPerElement(Network net, Population p) {
    return switch (p.kind()) {
      case Population.Neurons n -> {
        NeuronModel m = net.neuronModel(n.model()).orElse(null);
        if (m == null) yield 8.0 * SCRATCH_ARRAYS;
        int odeCopies = m.method() == IntegrationMethod.RK4 ? 4 : 1;
        yield 8.0 * (m.parameters().size() + m.state().size() + m.ports().size() + odeCopies * m.odes().size() + SCRATCH_ARRAYS) + 8;
      }
      case Population.Poisson ps -> 8.0;
      case Population.SpikeTimes st -> 8.0 * st.times().stream().mapToLong(v -> v.size()).average().orElse(0) + 8;
    };
  }

  private static double maxDelay(ValueSpec d) {
    if (d == null) return 0;
    return switch (d) {
      case ValueSpec.Const c -> Math.max(0, c.value());
      case ValueSpec.Uniform u -> Math.max(0, Math.max(u.low(), u.high()));
      case ValueSpec.Normal g -> Math.max(0, g.mean() + 5 * Math.abs(g.sd()));
      case ValueSpec.Values v -> { double m = 0; for (double x : v.values().toArray()) m = Math.max(m, x); yield m; }
      case ValueSpec.Computed c -> { Double v = Materialize.uniformValue(c); yield v == null ? 0 : Math.max(0, v); }
    };
  }

  private static long size(Network net, String pop) {
    return net.population(pop).map(Population::size).orElse(0);
  }
}
