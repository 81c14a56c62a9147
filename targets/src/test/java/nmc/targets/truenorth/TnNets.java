package nmc.targets.truenorth;

import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.ValueSpec;

/** Hand-built models and pieces (this module cannot parse the language). */
final class TnNets {
  private TnNets() {}

  static Expr ref(String n) {
    return new Expr.Ref(n);
  }

  /** A perfect integrator (TrueNorth's neuron without leak): dv/dt = 0, spike when v > V_th, reset to 0. */
  static NeuronModel integrator() {
    return new NeuronModel("IF", List.of(new Decls.Param("V_th", Dimension.VOLTAGE, "mV", new Expr.Num(0.5e-3))),
        List.of(new Decls.StateVar("v", Dimension.VOLTAGE, "mV", new Expr.Num(0))), List.of(),
        List.of(new Decls.Ode("v", new Expr.Num(0), false)), new Expr.Binary(Expr.BinOp.GT, ref("v"), ref("V_th")), false,
        List.of(new Decls.Assign("v", Decls.AssignOp.SET, new Expr.Num(0))), null, IntegrationMethod.EULER, new Span("net.snn", 1, 1));
  }

  static Population pop(String name, int size, double vth) {
    return new Population(name, size, new Population.Neurons("IF", List.of(new Decls.Binding("V_th", new ValueSpec.Const(vth))), List.of()),
        new Span("net.snn", 3, 1));
  }

  static Projection proj(String name, String pre, String post, Connectivity c, ValueSpec w, ValueSpec d, int line) {
    return new Projection(name, pre, post, "v", null, List.of(), c, w, d, Projection.Sign.MIXED, new Span("net.snn", line, 1));
  }

  static Probe spikes(String pop) {
    return new Probe("sp_" + pop, Probe.Kind.SPIKES, pop, null, nmc.ir.Ints.EMPTY, 0, Span.NONE);
  }
}
