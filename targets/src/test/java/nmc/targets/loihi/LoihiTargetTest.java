package nmc.targets.loihi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.emulator.ChipEmulator;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.program.ChipProgram;
import nmc.ir.Connectivity;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import nmc.map.ChipMapping;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.Test;

/** The loihi target on hand-built networks of the chip's LIF: timing against the reference, boards, options, emits. */
class LoihiTargetTest {
  static final ChipSpec CHIP = ChipSpec.load("loihi");

  static Expr ref(String n) {
    return new Expr.Ref(n);
  }

  static Expr bin(Expr.BinOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b);
  }

  /** LoihiLIF of stdlib/loihi.snn, built by hand (this module cannot parse the language). */
  static NeuronModel lif() {
    Dimension v = Dimension.VOLTAGE, s = Dimension.TIME;
    return new NeuronModel("LoihiLIF",
        List.of(new Decls.Param("tau_u", s, "ms", new Expr.Num(5e-3)), new Decls.Param("tau_v", s, "ms", new Expr.Num(20e-3)),
            new Decls.Param("V_th", v, "mV", new Expr.Num(10e-3)), new Decls.Param("bias", v, "mV", new Expr.Num(0)),
            new Decls.Param("t_ref", s, "ms", new Expr.Num(0))),
        List.of(new Decls.StateVar("v", v, "mV", new Expr.Num(0)), new Decls.StateVar("u", v, "mV", new Expr.Num(0))),
        List.of(),
        List.of(new Decls.Ode("u", bin(Expr.BinOp.DIV, new Expr.Unary(Expr.UnOp.NEG, ref("u")), ref("tau_u")), false),
            new Decls.Ode("v", bin(Expr.BinOp.DIV, bin(Expr.BinOp.SUB, bin(Expr.BinOp.ADD, ref("u"), ref("bias")), ref("v")), ref("tau_v")), true)),
        bin(Expr.BinOp.GT, ref("v"), ref("V_th")), false, List.of(new Decls.Assign("v", Decls.AssignOp.SET, new Expr.Num(0))),
        ref("t_ref"), IntegrationMethod.EXPONENTIAL_EULER, new Span("net.snn", 1, 1));
  }

  static Population neurons(String name, int size, double bias, double tRef) {
    return new Population(name, size, new Population.Neurons("LoihiLIF",
        List.of(new Decls.Binding("bias", new ValueSpec.Const(bias)), new Decls.Binding("t_ref", new ValueSpec.Const(tRef))), List.of()),
        new Span("net.snn", 5, 1));
  }

  /** Fast neurons: a strong input spike crosses the threshold in the step it arrives, and is gone a few steps later. */
  static Population fast(String name, int size, double tRef) {
    return new Population(name, size, new Population.Neurons("LoihiLIF",
        List.of(new Decls.Binding("tau_u", new ValueSpec.Const(1e-4)), new Decls.Binding("tau_v", new ValueSpec.Const(1e-3)),
            new Decls.Binding("t_ref", new ValueSpec.Const(tRef))), List.of()),
        new Span("net.snn", 5, 1));
  }

  static Projection proj(String name, String pre, String post, Connectivity c, double w, double delay) {
    return new Projection(name, pre, post, "u", null, List.of(), c, new ValueSpec.Const(w), new ValueSpec.Const(delay),
        Projection.Sign.MIXED, new Span("net.snn", 9, 1));
  }

  static SimResult.SpikeData spikes(SimResult r, String pop) {
    return r.spikes().stream().filter(s -> s.population().equals(pop)).findFirst().orElseThrow();
  }

  static Network timing(Vec src0, Vec src1) {
    Population src = new Population("src", 2, new Population.SpikeTimes(List.of(src0, src1)), new Span("net.snn", 4, 1));
    return new Network("timing", List.of(lif()), List.of(),
        List.of(src, fast("a", 2, 2e-3), fast("b", 1, 0)),
        List.of(proj("sa", "src", "a", new Connectivity.AllToAll(true), 0.2, 1e-3), proj("ab", "a", "b", new Connectivity.AllToAll(true), 0.2, 0.5e-3)),
        List.of(), List.of(new Probe("sp_a", Probe.Kind.SPIKES, "a", null, nmc.ir.Ints.EMPTY, 0, Span.NONE),
            new Probe("sp_b", Probe.Kind.SPIKES, "b", null, nmc.ir.Ints.EMPTY, 0, Span.NONE),
            new Probe("sp_src", Probe.Kind.SPIKES, "src", null, nmc.ir.Ints.EMPTY, 0, Span.NONE)),
        new RunSettings(0.03, 1e-4, 1));
  }

  @Test
  void sourceSpikesAndDelaysArriveOnTheReferenceSteps() {
    // Spike sources drive a (delay 1 ms), a drives b (delay 0.5 ms). Strong weights and fast decays keep every
    // crossing far from rounding, so every spike time must equal the reference's.
    Network net = timing(Vec.of(1e-4, 5e-3, 12.34e-3), Vec.of(2e-4, 20e-3));
    SimResult chip = new LoihiTarget().run(net, Target.Progress.NONE);
    SimResult ref = new ReferenceTarget().run(net, Target.Progress.NONE);
    for (String p : List.of("src", "a", "b")) {
      assertTrue(spikes(ref, p).times().length > 2, "reference spikes in " + p);
      assertArrayEquals(spikes(ref, p).times(), spikes(chip, p).times(), 1e-12, p);
      assertArrayEquals(spikes(ref, p).neuron(), spikes(chip, p).neuron(), p);
    }
    assertEquals(0.0, chip.metrics().get("host_spikes_late"));
  }

  @Test
  void aSourceSpikeInTheFirstStepArrivesOneStepLateAndIsCounted() {
    // The host injects a step early to meet the chip's host latency; for step 0 there is no earlier step.
    Network net = timing(Vec.of(0.0), Vec.of());
    SimResult chip = new LoihiTarget().run(net, Target.Progress.NONE);
    SimResult ref = new ReferenceTarget().run(net, Target.Progress.NONE);
    double[] a = spikes(chip, "a").times(), r = spikes(ref, "a").times();
    assertEquals(2, r.length);
    assertEquals(r.length, a.length);
    for (int k = 0; k < r.length; k++) assertEquals(r[k] + 1e-4, a[k], 1e-12);
    assertEquals(1.0, chip.metrics().get("host_spikes_late"));
  }

  @Test
  void twiceTooLargeForOneChipFailsWithTheAdviceAndMapsOntoTwo() {
    // 230,000 neurons: 225 full cores, 1.76 chips of 128 cores
    Network net = new Network("big", List.of(lif()), List.of(), List.of(neurons("p", 230_000, 11e-3, 0)),
        List.of(proj("pp", "p", "p", new Connectivity.FixedProbability(1e-5, false), 1e-3, 0)), List.of(), List.of(),
        new RunSettings(3e-4, 1e-4, 1));
    UserError e = assertThrows(UserError.class, () -> LoihiTarget.map(net, CHIP, TargetOptions.NONE));
    String text = e.render();
    assertTrue(text.contains("needs 225 cores") && text.contains("has 128") && text.contains("97 too many"), text);
    assertTrue(text.contains("compartments (1024 per core)"), text);
    assertTrue(text.contains("--chips 2") && text.contains("smaller populations") && text.contains("more or larger cores"), text);

    ChipMapping m = LoihiTarget.map(net, CHIP, TargetOptions.NONE.with("chips", "2"));
    assertEquals(225, m.coresUsed());
    assertEquals(2, m.chipsUsed());
    ChipProgram prog = ProgramWriter.write(CHIP, m); // the emulator's own checks of every limit
    try (ChipEmulator emu = ChipEmulator.create(prog, EmulatorOptions.defaults().withNetworkTiming(false))) {
      emu.run(3);
      assertEquals(230_000L * 3, emu.metrics().count(nmc.emulator.chip.OpClass.SOMA_ACCESS));
    }
  }

  @Test
  void unknownOptionsAndBadValuesAreUserErrors() {
    Network net = new Network("small", List.of(lif()), List.of(), List.of(neurons("p", 4, 11e-3, 0)), List.of(), List.of(), List.of(),
        new RunSettings(0.1, 1e-4, 1));
    LoihiTarget t = new LoihiTarget();
    assertTrue(assertThrows(UserError.class, () -> t.run(net, TargetOptions.NONE.with("precision", "x"), Target.Progress.NONE)).render().contains("no option 'precision'"));
    assertTrue(assertThrows(UserError.class, () -> t.run(net, TargetOptions.NONE.with("profile", "nope"), Target.Progress.NONE)).render().contains("sana-fe"));
    assertTrue(assertThrows(UserError.class, () -> t.run(net, TargetOptions.NONE.with("tau_syn", "5"), Target.Progress.NONE)).render().contains("approximate"));
    assertTrue(assertThrows(UserError.class, () -> t.run(net, TargetOptions.NONE.with("approximate", "lif").with("tau_syn", "5"), Target.Progress.NONE))
        .render().contains("-O tau_syn: '5' has no unit"), "a time needs its unit");
    SimResult r = t.run(net, TargetOptions.NONE.with("profile", "sana-fe").with("timing", "off"), Target.Progress.NONE);
    assertTrue(r.metrics().get("energy_j") > 0 && r.metrics().get("latency_s") > 0);
    // bias 11 mV over a 10 mV threshold: the first spike after tau_v ln 11 = 48 ms, then every ~48 ms
    assertEquals(8, r.population("p").spikes());
  }

  @Test
  void emitsMappingWithPictureAndQuantisation() {
    Network net = new Network("two", List.of(lif()), List.of(), List.of(neurons("e", 300, 11e-3, 2e-3), neurons("i", 100, 11e-3, 2e-3)),
        List.of(proj("ei", "e", "i", new Connectivity.FixedProbability(0.1, false), 1e-3, 1e-3),
            proj("ie", "i", "e", new Connectivity.FixedProbability(0.1, false), -3e-3, 0)), List.of(), List.of(), new RunSettings(0.01, 1e-4, 1));
    Map<String, byte[]> files = new HashMap<>();
    String text = new LoihiTarget().emit(net, "mapping", TargetOptions.NONE, files);
    assertTrue(text.contains("cores used: 1 of 128") && text.contains("expected hops per spike"), text);
    byte[] png = files.get("placement.png");
    assertTrue(png != null && png.length > 100 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    String q = new LoihiTarget().emit(net, "quantisation", TargetOptions.NONE, null);
    assertTrue(q.contains("population e") && q.contains("ei ") && q.contains("worst err") && q.contains("refractory delay 21"), q);
  }
}
