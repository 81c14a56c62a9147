package nmc.map;

import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;

/** Small IR networks of the chip's LIF (as stdlib/loihi.snn's LoihiLIF) built by hand, and chip limits, for the tests. */
final class MapNets {
  private MapNets() {}

  static Expr ref(String n) {
    return new Expr.Ref(n);
  }

  static Expr bin(Expr.BinOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b);
  }

  /** du/dt = -u/tau_u; dv/dt = (u + bias - v)/tau_v unless refractory; v > V_th; v = 0; refractory t_ref. */
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
        ref("t_ref"), IntegrationMethod.EXPONENTIAL_EULER, new Span("test.snn", 1, 1));
  }

  static Population neurons(String name, int size, double vth, double bias, double tRef) {
    return new Population(name, size, new Population.Neurons("LoihiLIF",
        List.of(new Decls.Binding("V_th", new ValueSpec.Const(vth)), new Decls.Binding("bias", new ValueSpec.Const(bias)),
            new Decls.Binding("t_ref", new ValueSpec.Const(tRef))),
        List.of(new Decls.Binding("v", new ValueSpec.Uniform(0, vth)))), new Span("test.snn", 10, 1));
  }

  static Population poisson(String name, int size, double rate) {
    return new Population(name, size, new Population.Poisson(new ValueSpec.Const(rate), 0, 1e9), new Span("test.snn", 11, 1));
  }

  static Projection projection(String name, String pre, String post, Connectivity c, ValueSpec weight, ValueSpec delay) {
    return new Projection(name, pre, post, "u", null, List.of(), c, weight, delay, Projection.Sign.MIXED, new Span("test.snn", 20, 1));
  }

  static Network network(List<Population> pops, List<Projection> projs, double dt, long seed) {
    return new Network("test", List.of(lif()), List.of(), pops, projs, List.of(), List.of(), new RunSettings(0.01, dt, seed));
  }

  static ChipLimits.Numbers loihiNumbers() {
    return new ChipLimits.Numbers(12, 1, 0, 23, 21, -(1L << 23) + 1, (1L << 23) - 1, 6, 6, 8, List.of(1, 2, 3, 4, 5, 6, 8), -7, 7, 7,
        List.of(6, 7, 8, 9, 10, 11, 12), 64, 10, 4095, 7, 1, 131071, 1, 63, 4095, false, 1);
  }

  /** A toy chip with tiny cores, so that every limit binds somewhere in random networks. */
  static ChipLimits tiny(int chips) {
    return new ChipLimits("tiny", "test", new ChipLimits.Mesh(4, 2, 2, chips, 1),
        new ChipLimits.Core(48, 96, 160, 192, 64, 3, 2, 3, 15, 400), loihiNumbers());
  }
}
