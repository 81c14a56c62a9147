package nmc.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nmc.ir.Connectivity;
import nmc.ir.Decls.Binding;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.StateVar;
import nmc.ir.Dimension;
import nmc.ir.ExprText;
import nmc.ir.Ints;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.json.IrJson;
import nmc.sim.SimResult;

/** Small networks and results for tests that do not need the front end or a real simulator. */
public final class TestNets {
  private TestNets() {}

  /** Two LIF populations, one projection, a spike, a state and a rate probe; 100 ms at 0.1 ms. */
  public static Network small(String name) {
    NeuronModel lif = new NeuronModel("LIF",
        List.of(new Param("tau", Dimension.TIME, "ms", ExprText.parse("0.02"))),
        List.of(new StateVar("v", Dimension.VOLTAGE, "mV", ExprText.parse("-0.065"))),
        List.of(),
        List.of(new Ode("v", ExprText.parse("(-0.065 - v) / tau"), true)),
        ExprText.parse("v > -0.05"), false, List.of(), ExprText.parse("0.002"), IntegrationMethod.EULER, Span.NONE);
    Population.Neurons kind = new Population.Neurons("LIF", List.of(new Binding("tau", new ValueSpec.Const(0.02))),
        List.of(new Binding("v", new ValueSpec.Uniform(-0.065, -0.05))));
    return new Network(name, List.of(lif), List.of(),
        List.of(new Population("exc", 40, kind, Span.NONE), new Population("inh", 10, kind, Span.NONE)),
        List.of(new Projection("ei", "exc", "inh", "v", "delta", List.of(), new Connectivity.FixedProbability(0.1, true),
            new ValueSpec.Const(1e-3), new ValueSpec.Const(0), Projection.Sign.EXCITATORY, Span.NONE)),
        List.of(),
        List.of(new Probe("spk", Probe.Kind.SPIKES, "exc", null, Ints.EMPTY, 0, Span.NONE),
            new Probe("spk_inh", Probe.Kind.SPIKES, "inh", null, Ints.EMPTY, 0, Span.NONE),
            new Probe("v_exc", Probe.Kind.STATE, "exc", "v", Ints.of(0, 1, 2), 0, Span.NONE),
            new Probe("rate_exc", Probe.Kind.RATE, "exc", null, Ints.EMPTY, 0.01, Span.NONE)),
        new RunSettings(0.1, 1e-4, 42));
  }

  /** Writes {@code net} as IR JSON into {@code dir} and returns the file. */
  public static Path irFile(Path dir, Network net) throws IOException {
    Path f = dir.resolve(net.name() + ".ir.json");
    Files.writeString(f, IrJson.print(net));
    return f;
  }

  /** A result with spikes from two populations, a trace with a sine in volts (unit mV) and a rate. */
  public static SimResult result() {
    int n = 600;
    int[] neuron = new int[n];
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      neuron[k] = (k * 7) % 40;
      t[k] = k * 1.5e-4;
    }
    double[] tt = new double[1001];
    double[][] v = new double[2][tt.length];
    for (int k = 0; k < tt.length; k++) {
      tt[k] = k * 1e-4;
      v[0][k] = -0.065 + 0.015 * Math.sin(k * 0.05);
      v[1][k] = -0.060 + 0.005 * Math.cos(k * 0.02);
    }
    return new SimResult("fake", 1000, 1e-4, 0.5,
        List.of(new SimResult.PopulationStats("exc", 40, n), new SimResult.PopulationStats("inh", 10, 50)),
        777,
        List.of(new SimResult.SpikeData("spk", "exc", neuron, t),
            new SimResult.SpikeData("spk_inh", "inh", new int[] {0, 3, 9}, new double[] {0.001, 0.05, 0.0999})),
        List.of(new SimResult.TraceData("v_exc", "exc", "v", "mV", new int[] {0, 5}, tt, v)),
        List.of(new SimResult.RateData("rate_exc", "exc", 0.01, new double[] {1, 5, 9, 4, 3, 2, 8, 7, 6, 5})),
        Map.of("energy_j", 2.5e-6));
  }
}
