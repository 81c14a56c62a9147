package nmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.CurrentInput;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constructs of the language, one by one, and the diagnostics of their misuse. */
class LanguageTest {
  static Network net(String text) {
    return Frontend.parse("t.snn", text);
  }

  /** The messages of the diagnostics {@code text} produces (it must fail). */
  static List<String> errors(String text) {
    UserError e = assertThrows(UserError.class, () -> net(text));
    return e.diagnostics().stream().map(Diagnostic::message).toList();
  }

  static void assertError(String text, String fragment) {
    List<String> msgs = errors(text);
    assertTrue(msgs.stream().anyMatch(m -> m.contains(fragment)), "expected an error containing '" + fragment + "' but got " + msgs);
  }

  @Test
  void semicolonsNewlinesCommentsAndContinuationLinesAllSeparateOrJoinStatements() {
    Network n = net("""
        /* a block comment
           over two lines */
        neuron N { parameters { tau = 10 ms; E = -70 mV }; state { v = E }
          equations {
            dv/dt = (E -
                     v) / tau       // an operator at the end of a line continues the statement
            let unused = (v
              + E)                  // so does an open parenthesis
          }
        }
        population p = 2 x N(); probe p.v
        """);
    assertEquals(2, n.population("p").orElseThrow().size());
    assertEquals("(E - v) / tau", n.neuronModel("N").orElseThrow().odes().get(0).rhs().toText());
  }

  @Test
  void defaultsOfTheRunBlockAndTheNetworkNameComeFromTheFileName() {
    Network n = Frontend.parse("dir/my_net.snn", "population p = 1 x LIF()");
    assertEquals("my_net", n.name());
    assertEquals(new RunSettings(1.0, 1e-4, 1), n.run());
    assertEquals(List.of("LIF"), n.neuronModels().stream().map(m -> m.name()).toList()); // only used models
    assertTrue(n.synapseModels().isEmpty());
  }

  @Test
  void importsAreRelativeToTheImportingFileAndLoadedOnce(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/base.snn"), "neuron Base { parameters { tau = 5 ms }; state { v = 0 mV }; equations { dv/dt = -v / tau } }");
    Files.writeString(dir.resolve("lib/a.snn"), "import \"base.snn\"\npopulation pa = 1 x Base()");
    Files.writeString(dir.resolve("lib/b.snn"), "import \"base.snn\"\npopulation pb = 2 x Base()");
    Files.writeString(dir.resolve("main.snn"), "import \"lib/a.snn\"\nimport \"lib/b.snn\"\nprobe spikes pa");
    Network n = Frontend.load(dir.resolve("main.snn"));
    assertEquals(List.of("pa", "pb"), n.populations().stream().map(Population::name).toList());
    assertEquals(1, n.neuronModels().size());
  }

  @Test
  void aUserModelShadowsTheStandardLibrary() {
    Network n = net("""
        neuron LIF { parameters { tau = 1 ms }; state { v = 0 mV }; equations { dv/dt = -v / tau } }
        population p = 1 x LIF(tau = 3 ms)
        """);
    assertEquals(List.of("tau"), n.neuronModel("LIF").orElseThrow().parameters().stream().map(p -> p.name()).toList());
  }

  @Test
  void populationArgumentsDistributionsListsAndExpressions() {
    Network n = net("""
        population p = 3 x LIF(V_reset = E_L - 5 mV, tau_m = [10, 20, 30] ms, C_m = normal(250 pF, 10 pF), v = uniform(-70 mV, -60 mV))
        """);
    Population.Neurons k = assertInstanceOf(Population.Neurons.class, n.population("p").orElseThrow().kind());
    assertEquals("E_L - 0.005", assertInstanceOf(ValueSpec.Computed.class, k.parameter("V_reset").orElseThrow()).expr().toText());
    assertEquals(new ValueSpec.Values(Vec.of(0.01, 0.02, 0.03)), k.parameter("tau_m").orElseThrow());
    assertEquals(new ValueSpec.Normal(250e-12, 10e-12), k.parameter("C_m").orElseThrow());
    assertEquals(new ValueSpec.Uniform(-0.07, -0.06), k.initialValue("v").orElseThrow());
    // every parameter and state variable has a binding, defaults filled in
    assertEquals(7, k.parameters().size());
  }

  @Test
  void aParameterMayOnlyUseParametersDeclaredBeforeIt() {
    assertError("population p = 1 x LIF(C_m = 25 * I_e / (1 pA) * 1 pF)", "can only use the parameters of LIF declared before it, not I_e");
  }

  @Test
  void spikeSources() {
    Network n = net("""
        population stim = 3 x poisson(rate = 10 Hz, from 100 ms, to 1 s)
        population inp = 2 x spike_times([7, 1, 5] ms, [2] ms)
        """);
    assertEquals(new Population.Poisson(new ValueSpec.Const(10), 0.1, 1.0), n.population("stim").orElseThrow().kind());
    Population.SpikeTimes st = assertInstanceOf(Population.SpikeTimes.class, n.population("inp").orElseThrow().kind());
    assertEquals(List.of(Vec.of(0.001, 0.005, 0.007), Vec.of(0.002)), st.times());
    assertError("population inp = 3 x spike_times([1] ms, [2] ms)", "spike_times gives 2 lists of times but population inp has 3 sources");
    assertError("population stim = 3 x poisson(rate = 10 mV)", "the rate of stim expects a rate (Hz) but got a voltage (V)");
  }

  @Test
  void connectionRulesAndStaticConnectionCounts() {
    Network n = net("""
        population a = 4 x LIF()
        population img = 36 x poisson(rate = 5 Hz)
        population maps = 32 x LIF()
        projection aa: a -> a.v { connect all_to_all(autapses = false); weight [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] mV; delay uniform(1 ms, 2 ms) }
        projection ex: a -> a.v { connect explicit(pre = [0, 1], post = [3, 3]); weight 1 mV }
        projection fan: a -> a.v { connect fixed_fan_in(2, autapses = false); weight 1 mV }
        projection conv: img -> maps.I_syn { connect conv2d(in = 6 x 6 x 1, out_channels = 2, kernel = 3 x 3, stride = 1, padding = 0)
                                             synapse Exp(tau = 2 ms); weight [1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9] pA }
        """);
    Projection aa = n.projections().get(0);
    assertEquals(new Connectivity.AllToAll(false), aa.connectivity());
    assertEquals(new ValueSpec.Uniform(0.001, 0.002), aa.delay());
    assertEquals(new Connectivity.Explicit(nmc.ir.Ints.of(0, 1), nmc.ir.Ints.of(3, 3)), n.projections().get(1).connectivity());
    assertEquals(new Connectivity.FixedFanIn(2, false), n.projections().get(2).connectivity());
    assertEquals(new Connectivity.Conv2d(6, 6, 1, 2, 3, 3, 1, 0), n.projections().get(3).connectivity());
    assertEquals(List.of(new nmc.ir.Decls.Binding("tau", new ValueSpec.Const(0.002))), n.projections().get(3).synapseParameters());
    // all_to_all without autapses on 4 neurons: 12 connections, so 11 weights is the wrong length
    assertError("population a = 4 x LIF()\nprojection aa: a -> a.v { connect all_to_all(autapses = false); weight [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] mV }",
        "the weight of aa has 11 values but there are 12 connections in aa");
    assertError("population a = 4 x LIF()\npopulation b = 3 x LIF()\nprojection ab: a -> b.v { connect one_to_one; weight 1 mV }",
        "one_to_one needs populations of the same size, but a has 4 and b has 3");
    assertError("population img = 36 x poisson(rate = 5 Hz)\npopulation maps = 30 x LIF()\n"
        + "projection c: img -> maps.I_syn { connect conv2d(in = 6 x 6 x 1, out_channels = 2, kernel = 3 x 3); synapse Exp; weight 1 pA }",
        "conv2d writes 4 x 4 x 2 = 32 outputs, but maps has 30");
    assertError("population a = 4 x LIF()\nprojection aa: a -> a.v { connect fixed_fan_in(4, autapses = false); weight 1 mV }",
        "offers only 3");
    assertError("population a = 4 x LIF()\nprojection aa: a -> a.v { connect fixed_probability(1.5); weight 1 mV }",
        "a probability must lie between 0 and 1");
    assertError("population a = 4 x LIF()\nprojection aa: a -> a.v { connect all_to_al; weight 1 mV }", "unknown connection rule all_to_al");
  }

  @Test
  void everyStandardLibraryModelLowersWhereItFits() {
    Network n = net("""
        population lif = 2 x LIF()
        population cond = 2 x LIFCond()
        population perfect = 2 x IF()
        population izh = 2 x Izhikevich()
        population fhn = 2 x FitzHughNagumo()
        population adex = 2 x AdEx()
        population thr = 2 x Threshold()
        population hh = 2 x HH()
        projection d: lif -> lif.v { connect one_to_one; weight 1 mV }
        projection e: lif -> lif.I_syn { connect one_to_one; synapse Exp(tau = 3 ms); weight 10 pA }
        projection a: lif -> adex.I_syn { connect one_to_one; synapse Alpha; weight 10 pA }
        projection c: lif -> perfect.I_syn { connect one_to_one; synapse ExpCond(E = -80 mV); weight 1 nS }
        projection ac: lif -> lif.I_syn { connect one_to_one; synapse AlphaCond; weight 1 nS }
        projection k: lif -> lif.I_syn { connect one_to_one; synapse Kinetic; weight 1 nS }
        projection g: hh -> hh.I_syn { connect all_to_all(autapses = false); synapse Gap; weight 0.1 mS/cm2 }
        projection ge: lif -> cond.g_ex { connect one_to_one; weight 2 nS; excitatory }
        projection iz: lif -> izh.I_syn { connect one_to_one; synapse Exp; weight 1 mV/ms }
        projection t: lif -> thr.I_syn { connect one_to_one; synapse Exp; weight 0.5 }
        projection f: lif -> fhn.I_syn { connect one_to_one; synapse Exp; weight 0.5 }
        """);
    assertEquals(8, n.neuronModels().size());
    // a model whose dimensions follow its target becomes one IR model per target dimension
    List<String> syn = n.synapseModels().stream().map(SynapseModel::name).toList();
    assertEquals(List.of("Delta_mV", "Exp_pA", "Alpha", "ExpCond", "AlphaCond", "Kinetic", "Gap", "Delta_nS", "Exp_mV_ms", "Exp_1"), syn);
    assertEquals(nmc.ir.Dimension.VOLTAGE, n.synapseModel("Delta_mV").orElseThrow().weightDim());
    assertEquals("Exp_mV_ms", n.projections().stream().filter(p -> p.name().equals("iz")).findFirst().orElseThrow().synapse());
    SynapseModel kinetic = n.synapseModel("Kinetic").orElseThrow();
    assertEquals(List.of("r", "t_last"), kinetic.preState().stream().map(s -> s.name()).toList());
    assertEquals("t_last", kinetic.onPre().get(0).target());
    assertEquals("w * r * (E - post.v)", kinetic.current().toText());
    Projection g = n.projections().stream().filter(p -> p.name().equals("g")).findFirst().orElseThrow();
    assertEquals(new ValueSpec.Const(1.0), g.weight()); // 0.1 mS/cm2 = 1 S/m2
  }

  @Test
  void aCurrentGoesIntoAnInputAsAStepOrARamp() {
    Network n = net("""
        population p = 2 x LIF()
        current r: p.I_syn = ramp(0 pA, [100, 200] pA, from 10 ms, to 20 ms)
        current s: p.I_syn = step(5 pA, from 1 ms)
        """);
    assertEquals(new CurrentInput.Ramp(new ValueSpec.Const(0), new ValueSpec.Values(Vec.of(1e-10, 2e-10)), 0.01, 0.02),
        n.currents().get(0).waveform());
    assertEquals(new CurrentInput.Step(new ValueSpec.Const(5e-12), 0.001, Double.POSITIVE_INFINITY), n.currents().get(1).waveform());
    assertError("population p = 2 x LIF()\ncurrent s: p.v = step(5 pA)", "v is a state variable of LIF; a current goes into an input");
  }

  @Test
  void probeNamesAreGeneratedAndRepeatsNumbered() {
    Network n = net("population p = 10 x LIF()\nprobe p.v\nprobe p.v [0, 5, 7]\nprobe rate p\nprobe spikes p[2..4, 9]");
    assertEquals(List.of("p_v", "p_v_2", "p_rate", "p_spikes"), n.probes().stream().map(Probe::name).toList());
    assertEquals(nmc.ir.Ints.of(2, 3, 4, 9), n.probes().get(3).indices());
    assertEquals(0.01, n.probes().get(2).bin()); // the default bin
  }

  @Test
  void synapseRulesAreChecked() {
    String pops = "population a = 2 x LIF()\n";
    assertError(pops + "projection aa: a -> a.v { connect all_to_all; synapse Exp; weight 1 mV }",
        "synapse Exp adds a current every step, so its target must be an input of LIF, but v is a state variable");
    assertError("synapse S { weight : nS; state { g = 0 nS }; equations { dg/dt = -w / (1 ms) }; current g * (0 mV - post.v) }\n"
        + pops + "projection aa: a -> a.I_syn { connect all_to_all; synapse S; weight 1 nS }", "so its equation cannot use w");
    assertError("synapse S { weight : nS; current w * (pre.u - post.v) }\n" + pops
        + "projection aa: a -> a.I_syn { connect all_to_all; synapse S; weight 1 nS }", "synapse S uses pre.u, but LIF has no variable u");
    assertError("synapse S { weight : nS; state { g = 0 nS }; on_pre { g = w } }\n" + pops
        + "projection aa: a -> a.I_syn { connect all_to_all; synapse S; weight 1 nS }", "on_pre must change g with += or -=");
    assertError("neuron N { state { v = 0 mV }; on_pre { v += 1 mV } }", "a neuron model has no 'on_pre'");
    assertError("neuron N { state { v = 0 mV }; method rk5 }", "unknown integration method rk5");
  }

  @Test
  void initialValuesCannotUseInputsEvenThroughALet() {
    assertError("""
        neuron N {
          state { v = I_total * 1 ohm }
          input { I : pA }
          equations { let I_total = 2 * I; dv/dt = -v / (1 ms) }
        }
        """, "an initial value cannot use the input I");
  }

  @Test
  void atMostTwentyDiagnosticsComeBack() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 30; i++) sb.append("population p").append(i).append(" = 1 x Nope()\n");
    UserError e = assertThrows(UserError.class, () -> net(sb.toString()));
    assertEquals(Diags.LIMIT, e.diagnostics().size());
    assertEquals(1, e.diagnostics().get(0).span().line());
  }
}
