package nmc.map;

import static nmc.map.ChipErrors.ms;
import static nmc.map.ChipErrors.refuse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nmc.diag.UserError;
import nmc.ir.CurrentInput;
import nmc.ir.Decls;
import nmc.ir.Eval;
import nmc.ir.Expr;
import nmc.ir.ExprText;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.Symbolic;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;
import nmc.ir.build.Materialize;

/**
 * Recognises the neuron and synapse models a current-based LIF chip can run, and brings each population into
 * {@link LifForm}. Everything else is refused with a {@link UserError} that names the construct and the line of the
 * model, population or projection (Hodgkin-Huxley, conductance synapses, gap junctions, non-linear equations ...).
 *
 * <p>Accepted exactly: one state {@code v} with {@code dv/dt} linear in v, in synaptic states {@code x_i} and in
 * inputs, with coefficients that use parameters only; synaptic states with {@code dx_i/dt = -x_i/tau_i} that all
 * share one time constant per neuron; threshold {@code v > V_th} (or {@code >=}, equal on a set of measure zero);
 * reset {@code v = V_r}; {@code unless refractory} on v when the refractory period is not zero; projections whose
 * synapse adds a constant multiple of {@code w} to v or to a synaptic state; constant step currents over the whole
 * run (they become part of the bias).
 *
 * <p>With {@code approximate} (the user's {@code -O approximate=lif}), synaptic states with different time constants
 * are merged into the chip's one current: it decays with {@code tauSyn} (or, when not given, the time constant of
 * the state that receives the largest expected charge, |w| x connections x tau summed over its projections), and
 * each projection's weight is scaled by {@code tau_i / tau_syn} so the charge a spike delivers is kept.
 */
public final class LifExtraction {
  private LifExtraction() {}

  /** How one projection enters its target: the channel it jumps and the constant factor k of {@code += k*w}. */
  public record ProjectionForm(Projection projection, String channel, double factor) {}

  /** The forms of every neuron population (by name) and projection (in network order). */
  public record Result(Map<String, LifForm> populations, List<ProjectionForm> projections, List<String> notes) {}

  /** The target's name, for messages. */
  public static Result extract(Network net, String target, boolean approximate, Double tauSyn) {
    double dt = net.run().dt();
    List<ProjectionForm> projForms = new ArrayList<>();
    Map<String, List<ProjectionForm>> into = new HashMap<>();
    for (Projection pr : net.projections()) {
      Population post = net.population(pr.post()).orElseThrow(() -> refuse(pr.span(), target,
          "projection " + pr.name() + " ends on '" + pr.post() + "', which is not a population", ""));
      net.population(pr.pre()).orElseThrow(() -> refuse(pr.span(), target,
          "projection " + pr.name() + " starts at '" + pr.pre() + "', which is not a population", ""));
      if (post.isSource()) throw refuse(pr.span(), target, "projection " + pr.name() + " ends on spike source " + post.name(), "a projection must end on neurons");
      ProjectionForm f = synapse(net, pr, target);
      projForms.add(f);
      into.computeIfAbsent(pr.post(), k -> new ArrayList<>()).add(f);
    }
    Map<String, LifForm> forms = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (Population p : net.populations()) {
      if (p.isSource()) continue;
      LifForm f = population(net, p, into.getOrDefault(p.name(), List.of()), target, approximate, tauSyn, dt);
      forms.put(p.name(), f);
      notes.addAll(f.notes());
    }
    return new Result(forms, projForms, notes);
  }

  // ---- synapses ----

  private static ProjectionForm synapse(Network net, Projection pr, String target) {
    String name = pr.synapse() == null ? "Delta" : pr.synapse();
    SynapseModel sm = pr.synapse() == null ? null : net.synapseModel(pr.synapse()).orElse(null);
    if (sm == null) {
      if (name.startsWith("Delta")) return new ProjectionForm(pr, pr.port(), 1);
      throw refuse(pr.span(), target, "projection " + pr.name() + " uses synapse model '" + name + "', which is not defined", "");
    }
    String why = null;
    if (sm.current() != null) {
      why = "it adds the current " + ExprText.print(sm.current()) + " every step (conductance, gap-junction and kinetic "
          + "synapses need per-step arithmetic the chip's synapses do not have)";
    } else if (!sm.postState().isEmpty() || !sm.preState().isEmpty() || !sm.odes().isEmpty()) {
      why = "it has synaptic state of its own (" + String.join(", ", stateNames(sm)) + ")";
    } else if (sm.onPre().size() != 1) {
      why = "its on_pre block has " + sm.onPre().size() + " assignments; the chip adds one weight per synapse";
    }
    if (why == null) {
      Decls.Assign a = sm.onPre().get(0);
      String var = a.target().equals("target") ? pr.port() : a.target().startsWith("post.") ? a.target().substring(5) : null;
      Expr value = a.value();
      if (var == null || (a.op() != Decls.AssignOp.ADD && a.op() != Decls.AssignOp.SUB) || !Symbolic.isLinearIn(value, "w")) {
        why = "its on_pre effect '" + a.target() + " " + a.op().text + " " + ExprText.print(value) + "' is not a jump of the target by a multiple of w";
      } else {
        Expr[] ab = Symbolic.splitLinear(value, "w");
        Map<String, Double> params = Materialize.synapseParameters(pr, sm, net.run().dt());
        double c = Eval.evalOrNaN(ab[0], params), k = Eval.evalOrNaN(ab[1], params);
        if (Double.isNaN(c) || Double.isNaN(k) || c != 0) {
          why = "its on_pre effect '" + ExprText.print(value) + "' is not a constant multiple of w";
        } else {
          return new ProjectionForm(pr, var, a.op() == Decls.AssignOp.SUB ? -k : k);
        }
      }
    }
    throw refuse(pr.span(), target, "projection " + pr.name() + " uses synapse model " + sm.name() + ", which the chip cannot express: " + why,
        "the chip's synapses add a weight to the target's current (or voltage) when a spike arrives: use the default "
            + "synapse (no 'synapse' line) onto a state variable, e.g. exc.u of LoihiLIF");
  }

  private static List<String> stateNames(SynapseModel sm) {
    List<String> out = new ArrayList<>();
    sm.postState().forEach(s -> out.add(s.name()));
    sm.preState().forEach(s -> out.add("pre " + s.name()));
    return out;
  }

  // ---- neurons ----

  private static LifForm population(Network net, Population p, List<ProjectionForm> inputs, String target, boolean approximate,
      Double tauSyn, double dt) {
    NeuronModel m = net.modelOf(p);
    Span at = m.span().isNone() ? p.span() : m.span();
    String who = "neuron model " + m.name() + " (population " + p.name() + ")";
    String hint = "the chip runs current-based LIF neurons: dv/dt linear in v and in synaptic currents that decay "
        + "exponentially, threshold, reset to a constant, e.g. LoihiLIF from the standard library";
    List<String> notes = new ArrayList<>();
    if (m.spike() == null) throw refuse(at, target, who + " has no spike condition", hint);

    // threshold: v > expr or expr < v
    String v = null;
    Expr thr = null;
    boolean ge = false;
    if (m.spike() instanceof Expr.Binary b) {
      if ((b.op() == Expr.BinOp.GT || b.op() == Expr.BinOp.GE) && b.left() instanceof Expr.Ref r && m.stateVar(r.name()).isPresent()) {
        v = r.name();
        thr = b.right();
        ge = b.op() == Expr.BinOp.GE;
      } else if ((b.op() == Expr.BinOp.LT || b.op() == Expr.BinOp.LE) && b.right() instanceof Expr.Ref r && m.stateVar(r.name()).isPresent()) {
        v = r.name();
        thr = b.left();
        ge = b.op() == Expr.BinOp.LE;
      }
    }
    Set<String> paramNames = new LinkedHashSet<>();
    m.parameters().forEach(x -> paramNames.add(x.name()));
    paramNames.add("dt");
    if (v == null || !paramNames.containsAll(Symbolic.names(thr))) {
      throw refuse(at, target, who + ": the spike condition '" + ExprText.print(m.spike()) + "' is not 'v > threshold' with a threshold of parameters", hint);
    }
    if (ge) notes.add(p.name() + ": '" + ExprText.print(m.spike()) + "' is tested as '>' on the chip (they differ only when v equals the threshold exactly)");
    // ODEs
    Map<String, Decls.Ode> odes = new LinkedHashMap<>();
    for (Decls.Ode o : m.odes()) odes.put(o.variable(), o);
    Decls.Ode vOde = odes.get(v);
    if (vOde == null) throw refuse(at, target, who + ": " + v + " has no equation", hint);
    Set<String> stateNames = new LinkedHashSet<>();
    m.state().forEach(s -> stateNames.add(s.name()));
    Set<String> portNames = new LinkedHashSet<>();
    m.ports().forEach(s -> portNames.add(s.name()));
    Expr rhs = vOde.rhs();
    if (Symbolic.dependsOn(rhs, "t")) throw refuse(at, target, who + ": d" + v + "/dt uses the time t", hint);
    Map<String, Expr> coefs = new LinkedHashMap<>();
    Expr rest = rhs;
    List<String> linearIn = new ArrayList<>();
    linearIn.add(v);
    for (String s : stateNames) if (!s.equals(v) && Symbolic.dependsOn(rhs, s)) linearIn.add(s);
    for (String s : portNames) if (Symbolic.dependsOn(rhs, s)) linearIn.add(s);
    for (String x : linearIn) {
      if (!Symbolic.isLinearIn(rest, x)) {
        throw refuse(at, target, who + ": d" + v + "/dt = " + ExprText.print(rhs) + " is not linear in " + x, hint);
      }
      Expr[] ab = Symbolic.splitLinear(rest, x);
      if (!paramNames.containsAll(Symbolic.names(ab[1]))) {
        throw refuse(at, target, who + ": in d" + v + "/dt = " + ExprText.print(rhs) + " the factor of " + x + " (" + ExprText.print(ab[1])
            + ") depends on the state; the chip multiplies only by constants", hint);
      }
      coefs.put(x, ab[1]);
      rest = ab[0];
    }
    if (!paramNames.containsAll(Symbolic.names(rest))) {
      throw refuse(at, target, who + ": d" + v + "/dt = " + ExprText.print(rhs) + " is not of the chip's form", hint);
    }
    if (m.rising()) {
      if (!approximate) throw refuse(at, target, who + ": 'rising' spike conditions are not a chip feature", "add -O approximate=lif to test the condition every step");
      notes.add(p.name() + ": 'rising' dropped (after a reset v is below threshold, so this matters only without a reset)");
    }
    // reset
    if (m.reset().size() != 1 || !m.reset().get(0).target().equals(v) || m.reset().get(0).op() != Decls.AssignOp.SET
        || !paramNames.containsAll(Symbolic.names(m.reset().get(0).value()))) {
      String text = m.reset().isEmpty() ? "no reset" : "the reset '" + String.join("; ", m.reset().stream().map(a -> a.target() + " " + a.op().text + " " + ExprText.print(a.value())).toList()) + "'";
      throw refuse(at, target, who + " has " + text + "; the chip sets v to a constant (its zero) after a spike and changes nothing else", hint);
    }
    Materialize.NeuronValues values = Materialize.neurons(p, m, net.run().seed(), dt);
    int n = p.size();
    Map<String, double[]> params = new HashMap<>(values.parameters());
    params.put("dt", filled(n, dt));
    double[] vReset = perNeuron(m.reset().get(0).value(), params, n);
    double[] vth = perNeuron(thr, params, n);
    double[] threshold = new double[n];
    for (int i = 0; i < n; i++) {
      threshold[i] = vth[i] - vReset[i];
      if (!(threshold[i] > 0)) {
        throw refuse(p.span(), target, "population " + p.name() + ": neuron " + i + " has its threshold " + fmt(vth[i]) + " V not above its reset "
            + fmt(vReset[i]) + " V", "the chip resets v to 0 and spikes when v exceeds a positive threshold");
      }
    }
    double[] refr = m.refractory() == null ? new double[n] : perNeuron(m.refractory(), params, n);
    int[] refSteps = new int[n];
    boolean anyRef = false;
    for (int i = 0; i < n; i++) {
      refSteps[i] = (int) Math.round(refr[i] / dt);
      anyRef |= refSteps[i] > 0;
    }
    if (anyRef && !vOde.unlessRefractory()) {
      if (!approximate) {
        throw refuse(at, target, who + ": " + v + " keeps integrating while refractory (no 'unless refractory'); the chip holds it at the reset value",
            "add 'unless refractory' to the equation of " + v + ", or -O approximate=lif");
      }
      notes.add(p.name() + ": " + v + " is held at the reset value while refractory");
    }
    double[] leakV = perNeuron(coefs.get(v), params, n);
    double[] drive0 = perNeuron(rest, params, n);
    for (int i = 0; i < n; i++) {
      if (leakV[i] > 0) throw refuse(at, target, who + ": " + v + " grows without bound (d" + v + "/dt has the factor " + fmt(leakV[i]) + "/s on " + v + ")", hint);
      drive0[i] += leakV[i] * vReset[i]; // v' = v - vReset
    }
    // synaptic states feeding v
    Map<String, double[]> synTau = new LinkedHashMap<>();
    Map<String, double[]> synCoef = new LinkedHashMap<>();
    for (String x : linearIn) {
      if (x.equals(v) || portNames.contains(x)) continue;
      Decls.Ode o = odes.get(x);
      String form = o == null ? "is constant" : "has d" + x + "/dt = " + ExprText.print(o.rhs());
      if (o == null || !Symbolic.isLinearIn(o.rhs(), x)) throw refuse(at, target, who + ": " + x + " feeds " + v + " but " + form + "; the chip's current decays exponentially", hint);
      Expr[] ab = Symbolic.splitLinear(o.rhs(), x);
      if (!paramNames.containsAll(Symbolic.names(ab[1])) || !paramNames.containsAll(Symbolic.names(ab[0]))) {
        throw refuse(at, target, who + ": " + x + " " + form + ", which is not dx/dt = -x/tau", hint);
      }
      double[] a0 = perNeuron(ab[0], params, n), b = perNeuron(ab[1], params, n);
      for (int i = 0; i < n; i++) {
        if (a0[i] != 0 || !(b[i] < 0)) throw refuse(at, target, who + ": " + x + " " + form + ", which is not dx/dt = -x/tau with tau > 0", hint);
      }
      if (o.unlessRefractory() && anyRef) {
        if (!approximate) throw refuse(at, target, who + ": " + x + " is held while refractory; the chip's current keeps decaying", "drop 'unless refractory' from d" + x + "/dt, or -O approximate=lif");
        notes.add(p.name() + ": " + x + " keeps decaying while refractory");
      }
      double[] tau = new double[n];
      for (int i = 0; i < n; i++) tau[i] = -1 / b[i];
      synTau.put(x, tau);
      synCoef.put(x, perNeuron(coefs.get(x), params, n));
    }
    for (String s : stateNames) {
      if (!s.equals(v) && !synTau.containsKey(s) && inputs.stream().anyMatch(f -> f.channel().equals(s))) {
        throw refuse(at, target, who + ": projections target " + s + ", which does not feed " + v + " linearly", hint);
      }
    }
    // inputs: ports may only carry constant currents
    for (String port : portNames) {
      for (ProjectionForm f : inputs) {
        if (f.channel().equals(port)) {
          throw refuse(f.projection().span(), target, "projection " + f.projection().name() + " targets the input " + port + " of " + m.name()
              + " through synapse " + (f.projection().synapse() == null ? "Delta" : f.projection().synapse())
              + "; on the chip a synapse jumps a state variable", "project onto the model's synaptic current (e.g. .u of LoihiLIF)");
        }
      }
    }
    for (CurrentInput ci : net.currents()) {
      if (!ci.population().equals(p.name())) continue;
      double[] amp = constantCurrent(ci, net, n, target);
      Expr c = coefs.get(ci.port());
      if (c == null) continue; // the port does not reach v
      double[] k = perNeuron(c, params, n);
      for (int i = 0; i < n; i++) drive0[i] += k[i] * amp[i];
      notes.add(p.name() + ": current " + ci.name() + " becomes part of the bias");
    }
    // merge synaptic states into the chip's one current
    Set<String> used = new LinkedHashSet<>();
    for (ProjectionForm f : inputs) used.add(f.channel());
    boolean direct = used.contains(v);
    used.remove(v);
    double[] v0 = values.state().get(v).clone();
    Map<String, LifForm.Channel> channels = new LinkedHashMap<>();
    double[] leakU = filled(n, Double.NEGATIVE_INFINITY);
    double[] u0 = new double[n];
    String uVar = null;
    List<String> syn = new ArrayList<>(synTau.keySet());
    boolean anyU = !used.isEmpty();
    for (String x : syn) {
      double[] x0 = values.state().get(x);
      for (int i = 0; i < n; i++) if (x0[i] != 0) anyU = true;
    }
    if (direct && anyU) {
      throw refuse(at, target, who + ": projections jump " + v + " directly and also the synaptic state" + (used.size() > 1 ? "s " : " ") + String.join(", ", used)
          + "; the chip's compartment has one input path", "send every projection to the same variable");
    }
    if (anyU) {
      double[] tauU = chooseTau(p, syn, synTau, synCoef, inputs, net, approximate, tauSyn, target, at, who, notes);
      for (int i = 0; i < n; i++) leakU[i] = -1 / tauU[i];
      for (String x : syn) {
        double[] scale = new double[n];
        double[] tau = synTau.get(x), c = synCoef.get(x), x0 = values.state().get(x);
        for (int i = 0; i < n; i++) {
          scale[i] = tau[i] / tauU[i];
          u0[i] += c[i] * x0[i] * scale[i];
        }
        channels.put(x, new LifForm.Channel(x, false, c, scale));
      }
      uVar = syn.size() == 1 ? syn.get(0) : null;
    }
    channels.put(v, new LifForm.Channel(v, true, filled(n, 1), filled(n, 1)));
    return new LifForm(p.name(), n, v, vReset, threshold, leakV, leakU, drive0, refSteps, channels, uVar, v0, u0, notes);
  }

  /** One synaptic time constant per neuron: the common one, or (approximating) tauSyn or the dominant state's. */
  private static double[] chooseTau(Population p, List<String> syn, Map<String, double[]> synTau, Map<String, double[]> synCoef,
      List<ProjectionForm> inputs, Network net, boolean approximate, Double tauSyn, String target, Span at, String who, List<String> notes) {
    int n = p.size();
    double[] first = synTau.get(syn.get(0));
    boolean same = true;
    for (String x : syn) for (int i = 0; i < n; i++) same &= synTau.get(x)[i] == first[i];
    if (same && tauSyn == null) return first;
    if (!approximate) {
      List<String> desc = new ArrayList<>();
      for (String x : syn) desc.add(x + " (" + ms(synTau.get(x)[0]) + ")");
      throw refuse(at, target, who + ": the synaptic states " + String.join(", ", desc) + " decay with different time constants; "
          + "the chip's compartment has one synaptic current", "add -O approximate=lif to merge them into one current (the charge of every "
          + "spike is kept; -O tau_syn=5ms chooses its time constant), or give them one time constant");
    }
    if (tauSyn != null) {
      notes.add(p.name() + ": synaptic states " + String.join(", ", syn) + " merged into one current with tau_syn = " + ms(tauSyn)
          + " (given), weights scaled by tau/tau_syn to keep each spike's charge");
      return filled(n, tauSyn);
    }
    // the state that receives the largest expected charge: |k w| x connections x tau x |coef| over its projections
    String best = syn.get(0);
    double bestCharge = -1;
    for (String x : syn) {
      double q = 0;
      for (ProjectionForm f : inputs) {
        if (!f.channel().equals(x)) continue;
        Projection pr = f.projection();
        int pre = net.population(pr.pre()).map(Population::size).orElse(0);
        double count = nmc.ir.build.Wiring.expectedCount(pr.connectivity(), pre, n, pr.pre().equals(pr.post()));
        Double w = Materialize.uniformValue(pr.weight());
        double wm = w != null ? Math.abs(w) : meanAbs(pr.weight());
        q += Math.abs(f.factor()) * wm * count * synTau.get(x)[0] * Math.abs(synCoef.get(x)[0]);
      }
      if (q > bestCharge) {
        bestCharge = q;
        best = x;
      }
    }
    notes.add(p.name() + ": synaptic states " + String.join(", ", syn) + " merged into one current with tau_syn = " + ms(synTau.get(best)[0])
        + " (that of " + best + ", which receives the largest expected charge; -O tau_syn=... chooses another), weights scaled by tau/tau_syn to keep each spike's charge");
    return synTau.get(best).clone();
  }

  private static double meanAbs(ValueSpec s) {
    return switch (s) {
      case ValueSpec.Const c -> Math.abs(c.value());
      case ValueSpec.Uniform u -> Math.abs((u.low() + u.high()) / 2);
      case ValueSpec.Normal g -> Math.abs(g.mean());
      case ValueSpec.Values vs -> {
        double sum = 0;
        for (double x : vs.values().toArray()) sum += Math.abs(x);
        yield vs.values().size() == 0 ? 0 : sum / vs.values().size();
      }
      case ValueSpec.Computed c -> 1;
    };
  }

  /** Amplitudes of a current that is constant over the whole run; a refusal otherwise. */
  private static double[] constantCurrent(CurrentInput ci, Network net, int n, String target) {
    if (ci.waveform() instanceof CurrentInput.Step s && s.start() <= 0 && s.stop() >= net.run().duration()) {
      return Materialize.values(s.amplitude(), n, net.run().seed(), "input/" + ci.name(), ci.span(), "amplitude of current " + ci.name());
    }
    throw refuse(ci.span(), target, "current " + ci.name() + " changes during the run; the chip takes only a constant bias",
        "use a step current over the whole run (it becomes the neurons' bias), or drive the neurons with spike sources");
  }

  static double[] perNeuron(Expr e, Map<String, double[]> params, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      final int k = i;
      out[i] = Eval.eval(e, name -> params.get(name)[k]);
    }
    return out;
  }

  static double[] filled(int n, double x) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, x);
    return a;
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
