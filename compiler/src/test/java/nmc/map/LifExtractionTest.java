package nmc.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;
import org.junit.jupiter.api.Test;

/** What the extraction accepts (and how it shifts and scales it) and what it refuses, with the construct's line. */
class LifExtractionTest {
  static Expr ref(String n) {
    return new Expr.Ref(n);
  }

  static Expr num(double x) {
    return new Expr.Num(x);
  }

  /** cuba.snn's neuron with one synaptic state g: dv/dt = (g - (v - El)) / taum, v > Vt, v = Vr. */
  static NeuronModel cubaLike() {
    Dimension v = Dimension.VOLTAGE, s = Dimension.TIME;
    Expr dv = MapNets.bin(Expr.BinOp.DIV, MapNets.bin(Expr.BinOp.SUB, ref("g"), MapNets.bin(Expr.BinOp.SUB, ref("v"), ref("El"))), ref("taum"));
    return new NeuronModel("Cuba1",
        List.of(new Decls.Param("taum", s, "ms", num(20e-3)), new Decls.Param("taue", s, "ms", num(5e-3)),
            new Decls.Param("Vt", v, "mV", num(-50e-3)), new Decls.Param("Vr", v, "mV", num(-60e-3)), new Decls.Param("El", v, "mV", num(-49e-3))),
        List.of(new Decls.StateVar("v", v, "mV", ref("Vr")), new Decls.StateVar("g", v, "mV", num(0))), List.of(),
        List.of(new Decls.Ode("v", dv, true), new Decls.Ode("g", MapNets.bin(Expr.BinOp.DIV, new Expr.Unary(Expr.UnOp.NEG, ref("g")), ref("taue")), false)),
        MapNets.bin(Expr.BinOp.GT, ref("v"), ref("Vt")), false, List.of(new Decls.Assign("v", Decls.AssignOp.SET, ref("Vr"))), num(5e-3),
        IntegrationMethod.EXPONENTIAL_EULER, new Span("cuba1.snn", 3, 1));
  }

  static Population pop(String name, int n) {
    return new Population(name, n, new Population.Neurons("Cuba1", List.of(), List.of()), new Span("cuba1.snn", 20, 1));
  }

  @Test
  void aCubaNeuronIsShiftedSoTheResetIsZero() {
    Network net = new Network("c", List.of(cubaLike()), List.of(), List.of(pop("exc", 3)),
        List.of(new Projection("ee", "exc", "exc", "g", null, List.of(), new Connectivity.AllToAll(false), new ValueSpec.Const(1.62e-3), null,
            Projection.Sign.EXCITATORY, new Span("cuba1.snn", 30, 1))), List.of(), List.of(), new nmc.ir.RunSettings(0.1, 1e-4, 1));
    LifForm f = LifExtraction.extract(net, "t", false, null).populations().get("exc");
    assertEquals(10e-3, f.threshold()[0], 1e-15);
    assertEquals(-60e-3, f.vReset()[0], 1e-15);
    assertEquals(-1 / 20e-3, f.leakV()[0], 1e-9);
    assertEquals(-1 / 5e-3, f.leakU()[0], 1e-9);
    assertEquals(11e-3 / 20e-3, f.drive0()[0], 1e-12); // (El - Vr) / taum: the bias
    assertEquals(1 / 20e-3, f.channels().get("g").coef()[0], 1e-9);
    assertEquals(50, f.refractorySteps()[0]); // 5 ms at 0.1 ms
    assertEquals("g", f.uVariable());
    assertTrue(f.notes().isEmpty());
  }

  @Test
  void aConductanceSynapseIsRefusedAtItsProjection() {
    SynapseModel cond = new SynapseModel("ExpCond", List.of(new Decls.Param("E", Dimension.VOLTAGE, "mV", num(0))), Dimension.NONE, "nS",
        List.of(new Decls.StateVar("s", Dimension.NONE, "nS", num(0))), List.of(), List.of(),
        List.of(new Decls.Assign("s", Decls.AssignOp.ADD, ref("w"))),
        MapNets.bin(Expr.BinOp.MUL, ref("s"), MapNets.bin(Expr.BinOp.SUB, ref("E"), ref("post.v"))), Dimension.NONE,
        IntegrationMethod.EULER, new Span("syn.snn", 1, 1));
    Network net = new Network("c", List.of(cubaLike()), List.of(cond), List.of(pop("exc", 3)),
        List.of(new Projection("ee", "exc", "exc", "g", "ExpCond", List.of(), new Connectivity.AllToAll(false), new ValueSpec.Const(1e-9), null,
            Projection.Sign.MIXED, new Span("cuba1.snn", 31, 5))), List.of(), List.of(), new nmc.ir.RunSettings(0.1, 1e-4, 1));
    String text = assertThrows(UserError.class, () -> LifExtraction.extract(net, "loihi", true, null)).render();
    assertTrue(text.startsWith("cuba1.snn:31:5: error: target loihi cannot run this network: projection ee uses synapse model ExpCond"), text);
    assertTrue(text.contains("s * (E - post.v)"), text);
  }

  /** Synapse parameters are read as every target reads them (Materialize.synapseParameters): one value per projection. */
  @Test
  void aSynapseParameterPerElementIsRefusedAsOnEveryTarget() {
    SynapseModel scaled = new SynapseModel("Scaled", List.of(new Decls.Param("k", Dimension.NONE, "", num(1))), Dimension.VOLTAGE, "mV",
        List.of(), List.of(), List.of(), List.of(new Decls.Assign("target", Decls.AssignOp.ADD, MapNets.bin(Expr.BinOp.MUL, ref("k"), ref("w")))),
        null, Dimension.NONE, IntegrationMethod.EULER, new Span("syn.snn", 1, 1));
    java.util.function.Function<ValueSpec, Network> withK = k -> new Network("c", List.of(cubaLike()), List.of(scaled), List.of(pop("exc", 3)),
        List.of(new Projection("ee", "exc", "exc", "g", "Scaled", List.of(new Decls.Binding("k", k)), new Connectivity.AllToAll(false),
            new ValueSpec.Const(1e-3), null, Projection.Sign.EXCITATORY, new Span("cuba1.snn", 31, 5))),
        List.of(), List.of(), new nmc.ir.RunSettings(0.1, 1e-4, 1));
    String text = assertThrows(UserError.class, () -> LifExtraction.extract(withK.apply(new ValueSpec.Uniform(1, 2)), "loihi", false, null)).render();
    assertTrue(text.startsWith("cuba1.snn:31:5: error: projection ee gives synapse parameter k a value per element"), text);
    // one value: accepted, k times the weight
    assertEquals(2.0, LifExtraction.extract(withK.apply(new ValueSpec.Const(2)), "loihi", false, null).projections().get(0).factor(), 0.0);
  }

  @Test
  void twoTimeConstantsNeedTheApproximationWhichKeepsTheCharge() {
    NeuronModel m = cubaLike();
    // add gi with taui = 10 ms feeding v like g
    Dimension v = Dimension.VOLTAGE, s = Dimension.TIME;
    List<Decls.Param> params = new java.util.ArrayList<>(m.parameters());
    params.add(new Decls.Param("taui", s, "ms", num(10e-3)));
    List<Decls.StateVar> state = new java.util.ArrayList<>(m.state());
    state.add(new Decls.StateVar("gi", v, "mV", num(0)));
    Expr dv = MapNets.bin(Expr.BinOp.DIV, MapNets.bin(Expr.BinOp.SUB, MapNets.bin(Expr.BinOp.ADD, ref("g"), ref("gi")),
        MapNets.bin(Expr.BinOp.SUB, ref("v"), ref("El"))), ref("taum"));
    List<Decls.Ode> odes = List.of(new Decls.Ode("v", dv, true), m.odes().get(1),
        new Decls.Ode("gi", MapNets.bin(Expr.BinOp.DIV, new Expr.Unary(Expr.UnOp.NEG, ref("gi")), ref("taui")), false));
    NeuronModel two = new NeuronModel("Cuba1", params, state, List.of(), odes, m.spike(), false, m.reset(), m.refractory(), m.method(), m.span());
    Network net = new Network("c", List.of(two), List.of(), List.of(pop("exc", 2)),
        List.of(new Projection("ee", "exc", "exc", "g", null, List.of(), new Connectivity.AllToAll(false), new ValueSpec.Const(1e-3), null,
            Projection.Sign.EXCITATORY, Span.NONE),
            new Projection("ie", "exc", "exc", "gi", null, List.of(), new Connectivity.AllToAll(false), new ValueSpec.Const(-9e-3), null,
                Projection.Sign.INHIBITORY, Span.NONE)), List.of(), List.of(), new nmc.ir.RunSettings(0.1, 1e-4, 1));
    String text = assertThrows(UserError.class, () -> LifExtraction.extract(net, "loihi", false, null)).render();
    assertTrue(text.startsWith("cuba1.snn:3:1:") && text.contains("g (5 ms), gi (10 ms)"), text);
    LifForm f = LifExtraction.extract(net, "loihi", true, null).populations().get("exc");
    assertEquals(-1 / 10e-3, f.leakU()[0], 1e-9, "gi receives the larger charge (9 mV x 10 ms vs 1 mV x 5 ms)");
    assertEquals(0.5, f.channels().get("g").scale()[0], 1e-12, "a g jump keeps its charge: w x 5 ms = (w/2) x 10 ms");
    assertEquals(1.0, f.channels().get("gi").scale()[0], 1e-12);
    assertEquals(null, f.uVariable(), "merged states cannot be read back one by one");
    LifForm g = LifExtraction.extract(net, "loihi", true, 5e-3).populations().get("exc");
    assertEquals(2.0, g.channels().get("gi").scale()[0], 1e-12);
  }
}
