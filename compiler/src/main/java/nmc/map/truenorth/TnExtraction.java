package nmc.map.truenorth;

import static nmc.map.ChipErrors.refuse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.ir.Decls;
import nmc.ir.Eval;
import nmc.ir.Expr;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.Symbolic;
import nmc.ir.SynapseModel;
import nmc.ir.build.Materialize;
import nmc.map.LifExtraction;
import nmc.map.LifForm;

/**
 * Brings a network into the one form TrueNorth's neuron has: v jumps by a weight when a spike arrives, leaks by a
 * constant, spikes at a threshold and resets to its zero. There is no synaptic current, so:
 *
 * <ul>
 *   <li>delta synapses (jumps of v) map directly;
 *   <li>exponentially decaying current synapses ({@code Exp}: one state g, {@code dg/dt = -g/tau}, {@code g += k w},
 *       current {@code c g} into an input port of the neuron) and synaptic states of the neuron that decay
 *       ({@code u} of LoihiLIF) are refused, or with {@code -O approximate=lif} replaced by a jump of v that
 *       delivers the same charge: {@code w k c tau} times the port's factor in dv/dt (the current's shape is lost:
 *       v rises at once instead of over tau).
 * </ul>
 *
 * Everything else goes through the shared {@link LifExtraction} (and its refusals, with their lines).
 */
public final class TnExtraction {
  private TnExtraction() {}

  /**
   * @param net the network with approximated synapses rewritten to jumps of v (same names, wiring and weights)
   * @param voltsPerWeight per projection (network order), per post neuron: volts of v per unit of weight
   */
  public record Result(Network net, LifExtraction.Result forms, List<double[]> voltsPerWeight, List<String> notes) {}

  public static Result extract(Network net, String target, boolean approximate) {
    List<Projection> projs = new ArrayList<>();
    Map<String, double[]> extra = new HashMap<>();
    List<String> notes = new ArrayList<>();
    for (Projection pr : net.projections()) {
      SynapseModel sm = pr.synapse() == null ? null : net.synapseModel(pr.synapse()).orElse(null);
      Population post = net.population(pr.post()).orElse(null);
      double[] charge = sm == null || post == null || post.isSource() ? null : expCharge(net, pr, sm, post);
      if (charge == null) {
        projs.add(pr);
        continue;
      }
      if (!approximate) {
        throw refuse(pr.span(), target, "projection " + pr.name() + " uses synapse model " + sm.name() + ", an exponentially decaying "
            + "synaptic current; TrueNorth's neuron has no synaptic current (a spike can only make v jump)",
            "add -O approximate=lif to replace it by a jump of v that delivers the same charge (w x tau / C_m for LIF), or use "
                + "the default synapse onto v");
      }
      String v = vOf(net.modelOf(post));
      projs.add(new Projection(pr.name(), pr.pre(), pr.post(), v, null, List.of(), pr.connectivity(), pr.weight(), pr.delay(), pr.sign(), pr.span()));
      extra.put(pr.name(), charge);
      notes.add("projection " + pr.name() + ": synapse " + sm.name() + " (a decaying current) becomes a jump of " + v
          + " by the charge it delivers (approximate=lif; the rise over tau is lost)");
    }
    Network rewritten = new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(), projs, net.currents(), net.probes(), net.run());
    LifExtraction.Result forms = LifExtraction.extract(rewritten, target, approximate, null);
    notes.addAll(forms.notes());
    List<double[]> volts = new ArrayList<>();
    for (LifExtraction.ProjectionForm pf : forms.projections()) {
      Projection pr = pf.projection();
      LifForm form = forms.populations().get(pr.post());
      LifForm.Channel ch = form.channels().get(pf.channel());
      int n = form.size();
      double[] out = new double[n];
      double[] x = extra.get(pr.name());
      if (ch.direct()) {
        for (int j = 0; j < n; j++) out[j] = pf.factor() * (x == null ? 1 : x[j]);
      } else {
        if (!approximate) {
          NeuronModel m = net.modelOf(net.population(pr.post()).orElseThrow());
          throw refuse(m.span().isNone() ? pr.span() : m.span(), target, "neuron model " + m.name() + " (population " + pr.post() + ") has the "
              + "decaying synaptic state " + ch.variable() + ", which projection " + pr.name() + " jumps; TrueNorth's neuron has no synaptic current",
              "add -O approximate=lif to make each spike jump v by the charge it would deliver, or project onto v");
        }
        for (int j = 0; j < n; j++) out[j] = pf.factor() * ch.coef()[j] * ch.scale()[j] * (-1 / form.leakU()[j]);
        notes.add("projection " + pr.name() + ": the jump of " + ch.variable() + " becomes a jump of " + form.vVariable()
            + " by the charge it delivers (approximate=lif)");
      }
      volts.add(out);
    }
    return new Result(rewritten, forms, volts, notes);
  }

  /** The state variable the spike condition tests (v), or null. */
  static String vOf(NeuronModel m) {
    if (m.spike() instanceof Expr.Binary b) {
      if (b.left() instanceof Expr.Ref r && m.stateVar(r.name()).isPresent()) return r.name();
      if (b.right() instanceof Expr.Ref r && m.stateVar(r.name()).isPresent()) return r.name();
    }
    return null;
  }

  /**
   * For an Exp-like synapse onto an input port of the post model: the volts of v one unit of weight finally adds
   * (per post neuron); null when the synapse is not of that form.
   */
  private static double[] expCharge(Network net, Projection pr, SynapseModel sm, Population post) {
    if (sm.postState().size() != 1 || !sm.preState().isEmpty() || sm.odes().size() != 1 || sm.onPre().size() != 1 || sm.current() == null) return null;
    String g = sm.postState().get(0).name();
    Decls.Ode ode = sm.odes().get(0);
    Decls.Assign on = sm.onPre().get(0);
    if (!ode.variable().equals(g) || !on.target().equals(g) || (on.op() != Decls.AssignOp.ADD && on.op() != Decls.AssignOp.SUB)) return null;
    Map<String, Double> params = Materialize.synapseParameters(pr, sm, net.run().dt());
    if (!Symbolic.isLinearIn(ode.rhs(), g) || !Symbolic.isLinearIn(on.value(), "w") || !Symbolic.isLinearIn(sm.current(), g)) return null;
    Expr[] decay = Symbolic.splitLinear(ode.rhs(), g), jump = Symbolic.splitLinear(on.value(), "w"), cur = Symbolic.splitLinear(sm.current(), g);
    double a = Eval.evalOrNaN(decay[0], params), b = Eval.evalOrNaN(decay[1], params), j0 = Eval.evalOrNaN(jump[0], params);
    double k = Eval.evalOrNaN(jump[1], params), c0 = Eval.evalOrNaN(cur[0], params), c = Eval.evalOrNaN(cur[1], params);
    if (Double.isNaN(a + b + j0 + k + c0 + c) || a != 0 || j0 != 0 || c0 != 0 || !(b < 0)) return null;
    if (on.op() == Decls.AssignOp.SUB) k = -k;
    NeuronModel m = net.modelOf(post);
    String v = vOf(m);
    if (v == null || m.ports().stream().noneMatch(p -> p.name().equals(pr.port()))) return null;
    Decls.Ode vOde = m.odes().stream().filter(o -> o.variable().equals(v)).findFirst().orElse(null);
    if (vOde == null || !Symbolic.isLinearIn(vOde.rhs(), pr.port())) return null;
    Expr coef = Symbolic.splitLinear(vOde.rhs(), pr.port())[1];
    Materialize.NeuronValues values = Materialize.neurons(post, m, net.run().seed(), net.run().dt());
    int n = post.size();
    double[] out = new double[n];
    double tau = -1 / b;
    for (int i = 0; i < n; i++) {
      final int idx = i;
      double cp;
      try {
        cp = Eval.eval(coef, name -> name.equals("dt") ? net.run().dt() : values.parameters().get(name)[idx]);
      } catch (RuntimeException e) {
        return null; // the factor depends on the state: leave it to LifExtraction's refusal
      }
      out[i] = k * c * tau * cp;
    }
    return out;
  }

  static <K, V> Map<K, V> ordered() {
    return new LinkedHashMap<>();
  }
}
