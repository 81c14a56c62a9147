package nmc.targets.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.AssignOp;
import nmc.ir.Decls.StateVar;
import nmc.ir.Eval;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.Symbolic;
import nmc.ir.SynapseModel;
import nmc.ir.build.Connections;
import nmc.ir.build.Materialize;

/**
 * One projection: connections as CSR by pre with delays in steps, the spike ring, the synapse model's post-state
 * (one array per variable, post size) and pre-state (pre size) with their ODEs, the on-spike effects and the
 * synaptic current.
 *
 * <p>Effects on arrival (post-state, {@code post.X}, {@code target}) are {@code +=}/{@code -=}. When every one is
 * {@code w} times a number (the delta synapse {@code target += w}, exponential synapses {@code g += w}) the weight
 * is pre-scaled and delivery is the bare loop {@code x[post[k]] += w[k]} (or {@code += c} for a uniform weight);
 * otherwise each effect is evaluated per connection. Effects on pre-state run once per source spike.
 */
final class SynapseGroup {
  /** The standard synapse: {@code onPre { target += w }}. */
  static final SynapseModel DELTA = new SynapseModel("Delta", List.of(), nmc.ir.Dimension.NONE, "1", List.of(), List.of(), List.of(),
      List.of(new Assign("target", AssignOp.ADD, new Expr.Ref("w"))), null, null, IntegrationMethod.EULER, Span.NONE);

  final Projection proj;
  final SpikeGroup pre;
  final NeuronGroup post;
  private final int[] rowStart, postIdx;
  private final int[] preOf;
  private final int uniformDelay;
  private final int[] delaySteps;
  final SpikeRing ring;
  private final Frame postFrame, preFrame;
  private final OdeSystem postOdes, preOdes;
  /** Fast arrival effects: target frame and slot, pre-scaled weights (or a number when uniform). */
  private final Frame[] fastFrame;
  private final int[] fastSlot;
  private final double[][] fastWeight;
  private final double[] fastScalar;
  /** General arrival effects, applied in order per connection. */
  private final Frame[] genFrame;
  private final int[] genSlot, genOp;
  private final Vx[] genValue;
  /** Pre-state effects, once per source spike. */
  private final int[] emitSlot, emitOp;
  private final Vx[] emitValue;
  /** The synaptic current into {@code portSlot} of the post frame: per post neuron, or per connection. */
  private final Vx currentPost, currentConn;
  private final int portSlot;
  long events;

  SynapseGroup(Projection proj, SynapseModel model, SpikeGroup pre, NeuronGroup post, Connections c, Clock clock) {
    this.proj = proj;
    this.pre = pre;
    this.post = post;
    double dt = clock.dt;
    rowStart = c.rowStart();
    postIdx = c.post();
    int[] steps = c.delaySteps(dt);
    int maxDelay = 0;
    boolean uniform = true;
    for (int s : steps) {
      maxDelay = Math.max(maxDelay, s);
      uniform &= s == steps[0];
    }
    uniformDelay = uniform ? (steps.length == 0 ? 0 : steps[0]) : -1;
    delaySteps = uniform ? null : steps;
    ring = new SpikeRing(maxDelay);
    String what = "synapse " + model.name() + " of projection " + proj.name();
    Span span = proj.span();

    // synapse parameters: one number each per projection
    Map<String, Double> params = Materialize.synapseParameters(proj, model, dt);

    postFrame = new Frame(post.size);
    preFrame = new Frame(pre.size);
    Map<String, Integer> postSlots = new HashMap<>(), preSlots = new HashMap<>();
    for (StateVar s : model.postState()) postSlots.put(s.name(), postFrame.add(initial(s, params, post.size, span, dt)));
    for (StateVar s : model.preState()) preSlots.put(s.name(), preFrame.add(initial(s, params, pre.size, span, dt)));
    double[] w = c.weight();
    Vx weightLeaf = VxCompiler.uniformOrFixed(w, Vx.CONN);
    java.util.function.Function<String, Vx> scope = name -> {
      if (name.equals("w")) return weightLeaf;
      Double p = params.get(name);
      if (p != null) return new Vx.Const(p);
      Integer s = postSlots.get(name);
      if (s != null) return new Vx.Lane(postFrame, s, Vx.POST);
      s = preSlots.get(name);
      if (s != null) return new Vx.Lane(preFrame, s, Vx.PRE);
      if (name.startsWith("post.")) return post.resolve(name.substring(5), Vx.POST);
      if (name.startsWith("pre.")) return pre instanceof NeuronGroup ng ? ng.resolve(name.substring(4), Vx.PRE) : null;
      return switch (name) {
        case "t" -> new Vx.Time(clock);
        case "dt" -> new Vx.Const(dt);
        default -> null;
      };
    };
    int[] lengths = {post.size, pre.size, c.count()};
    IntegrationMethod method = OdeSystem.methodOr(model.method(), model.odes());

    // ODEs of post-state and pre-state variables
    List<nmc.ir.Decls.Ode> postEq = new ArrayList<>(), preEq = new ArrayList<>();
    for (var ode : model.odes()) {
      if (postSlots.containsKey(ode.variable())) postEq.add(ode);
      else if (preSlots.containsKey(ode.variable())) preEq.add(ode);
      else throw Errors.at(span, what + " has an equation for '" + ode.variable() + "', which is not one of its state variables", "");
    }
    VxCompiler postC = new VxCompiler(scope, postFrame, lengths, span, "the equations of " + what);
    VxCompiler preC = new VxCompiler(scope, preFrame, lengths, span, "the equations of " + what);
    postOdes = OdeSystem.compile(postEq, method, postFrame, clock, postSlots, checking(postC, Vx.POST, span, what), dt, span, what);
    preOdes = OdeSystem.compile(preEq, method, preFrame, clock, preSlots, checking(preC, Vx.PRE, span, what), dt, span, what);

    // effects
    VxCompiler element = new VxCompiler(scope, null, lengths, span, "the on-spike block of " + what);
    List<Assign> arrive = new ArrayList<>(), emit = new ArrayList<>();
    for (Assign a : model.onPre()) (preSlots.containsKey(a.target()) ? emit : arrive).add(a);
    emitSlot = new int[emit.size()];
    emitOp = new int[emit.size()];
    emitValue = new Vx[emit.size()];
    for (int e = 0; e < emit.size(); e++) {
      Assign a = emit.get(e);
      emitSlot[e] = preSlots.get(a.target());
      emitOp[e] = a.op().ordinal();
      emitValue[e] = element.compile(a.value());
      if ((emitValue[e].axes() & ~(1 << Vx.PRE)) != 0) {
        throw Errors.at(span, what + " assigns pre-state " + a.target() + " from per-connection or post values",
            "a pre-state variable changes once per source spike; it may use pre-state, pre.X and parameters");
      }
    }
    Frame[] tf = new Frame[arrive.size()];
    int[] ts = new int[arrive.size()];
    Vx[] coefficient = new Vx[arrive.size()];
    boolean allFast = true;
    for (int e = 0; e < arrive.size(); e++) {
      Assign a = arrive.get(e);
      if (a.op() != AssignOp.ADD && a.op() != AssignOp.SUB) {
        throw Errors.at(span, what + " uses '" + a.target() + " " + a.op().text + " ...' when a spike arrives",
            "effects of arriving spikes must be += or -= of an expression proportional to w, so they add up over connections");
      }
      String target = a.target();
      if (postSlots.containsKey(target)) {
        tf[e] = postFrame;
        ts[e] = postSlots.get(target);
      } else {
        String var = target.equals("target") ? proj.port() : target.startsWith("post.") ? target.substring(5) : null;
        Integer s = var == null ? null : post.stateSlot.get(var);
        if (s == null) {
          throw Errors.at(span, what + " assigns '" + target + (target.equals("target") ? "' (= " + post.name + "." + proj.port() + ")" : "'")
              + ", which is not a state variable it can change",
              target.equals("target") ? "a spike can jump a state variable of " + post.model.name() + ", not an input port; name a state variable or give the synapse a current"
                  : "on-spike effects may change the synapse's state, post.X (a state variable) or target");
        }
        tf[e] = post.frame;
        ts[e] = s;
      }
      Expr[] ab = Symbolic.splitLinear(a.value(), "w");
      Vx k = null;
      if (ab != null && Symbolic.simplify(ab[0]) instanceof Expr.Num z && z.value() == 0) k = element.compile(ab[1]);
      if (k instanceof Vx.Const) coefficient[e] = k;
      else allFast = false;
    }
    if (allFast) {
      fastFrame = tf;
      fastSlot = ts;
      fastWeight = new double[arrive.size()][];
      fastScalar = new double[arrive.size()];
      for (int e = 0; e < arrive.size(); e++) {
        double scale = ((Vx.Const) coefficient[e]).value * (arrive.get(e).op() == AssignOp.SUB ? -1 : 1);
        if (weightLeaf instanceof Vx.Const wc) {
          fastScalar[e] = wc.value * scale;
        } else {
          fastWeight[e] = new double[w.length];
          for (int k = 0; k < w.length; k++) fastWeight[e][k] = w[k] * scale;
        }
      }
      genFrame = new Frame[0];
      genSlot = genOp = new int[0];
      genValue = new Vx[0];
    } else {
      fastFrame = new Frame[0];
      fastSlot = new int[0];
      fastWeight = new double[0][];
      fastScalar = new double[0];
      genFrame = tf;
      genSlot = ts;
      genOp = new int[arrive.size()];
      genValue = new Vx[arrive.size()];
      for (int e = 0; e < arrive.size(); e++) {
        genOp[e] = arrive.get(e).op().ordinal();
        genValue[e] = element.compile(arrive.get(e).value());
      }
    }
    preOf = delaySteps != null && genValue.length > 0 ? c.pre() : null;

    // current
    if (model.current() == null) {
      currentPost = currentConn = null;
      portSlot = -1;
    } else {
      Integer ps = post.portSlot.get(proj.port());
      if (ps == null) {
        throw Errors.at(span, what + " has a current but " + post.name + "." + proj.port() + " is not an input port of " + post.model.name(),
            "a synaptic current flows into a port; spikes that jump a state variable need no current");
      }
      portSlot = ps;
      Vx probe = element.compile(model.current());
      if ((probe.axes() & ~(1 << Vx.POST)) == 0) {
        currentPost = new VxCompiler(scope, postFrame, lengths, span, "the current of " + what).compile(model.current());
        currentConn = null;
      } else {
        currentPost = null;
        currentConn = probe;
      }
    }
  }

  /** A compiler for whole-frame equations that rejects values of another axis (e.g. w in a post-state ODE). */
  private static java.util.function.Function<Expr, Vx> checking(VxCompiler c, int axis, Span span, String what) {
    return e -> {
      Vx v = c.compile(e);
      if ((v.axes() & ~(1 << axis)) != 0) {
        throw Errors.at(span, "an equation of " + what + " mixes " + (axis == Vx.POST ? "post-state with pre or per-connection values"
            : "pre-state with post or per-connection values"), "post-state equations may use post-state, post.X and parameters; pre-state ones pre-state, pre.X and parameters");
      }
      return v;
    };
  }

  private static double[] initial(StateVar s, Map<String, Double> params, int n, Span span, double dt) {
    double v = Eval.eval(s.initial(), name -> {
      if (name.equals("dt")) return dt;
      Double d = params.get(name);
      if (d == null) throw Errors.at(span, "the initial value of synapse variable " + s.name() + " uses '" + name + "'",
          "synapse state starts from numbers and synapse parameters");
      return d;
    });
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** Step 1: applies the arrival effects of the spikes due at step n. */
  void deliver(long n) {
    int slot = ring.slotOf(n);
    int count = ring.count[slot];
    if (count == 0) return;
    int[] items = ring.items[slot];
    ring.count[slot] = 0;
    int[] rs = rowStart, pi = postIdx;
    if (delaySteps == null) {
      for (int q = 0; q < count; q++) events += rs[items[q] + 1] - rs[items[q]];
      for (int e = 0; e < fastSlot.length; e++) {
        double[] x = fastFrame[e].slots[fastSlot[e]];
        double[] fw = fastWeight[e];
        if (fw == null) {
          double c = fastScalar[e];
          for (int q = 0; q < count; q++) {
            int j = items[q];
            for (int k = rs[j], end = rs[j + 1]; k < end; k++) x[pi[k]] += c;
          }
        } else {
          for (int q = 0; q < count; q++) {
            int j = items[q];
            for (int k = rs[j], end = rs[j + 1]; k < end; k++) x[pi[k]] += fw[k];
          }
        }
      }
      if (genValue.length > 0) {
        for (int q = 0; q < count; q++) {
          int j = items[q];
          for (int k = rs[j], end = rs[j + 1]; k < end; k++) applyGeneral(pi[k], j, k);
        }
      }
    } else {
      events += count;
      for (int e = 0; e < fastSlot.length; e++) {
        double[] x = fastFrame[e].slots[fastSlot[e]];
        double[] fw = fastWeight[e];
        double c = fastScalar[e];
        for (int q = 0; q < count; q++) {
          int k = items[q];
          x[pi[k]] += fw == null ? c : fw[k];
        }
      }
      if (genValue.length > 0) for (int q = 0; q < count; q++) applyGeneral(pi[items[q]], preOf[items[q]], items[q]);
    }
  }

  private void applyGeneral(int i, int j, int k) {
    for (int e = 0; e < genValue.length; e++) {
      double[] x = genFrame[e].slots[genSlot[e]];
      x[i] = Assigns.apply(genOp[e], x[i], genValue[e].at(i, j, k));
    }
  }

  /** Step 2: adds the synaptic current (state at t_n) to the target port. */
  void addCurrent() {
    if (portSlot < 0) return;
    double[] port = post.frame.slots[portSlot];
    if (currentPost != null) {
      if (currentPost.scalar()) {
        double s = currentPost.s();
        for (int i = 0; i < port.length; i++) port[i] += s;
      } else {
        double[] r = currentPost.v();
        for (int i = 0; i < port.length; i++) port[i] += r[i];
      }
      return;
    }
    int[] rs = rowStart, pi = postIdx;
    Vx f = currentConn;
    for (int j = 0; j < pre.size; j++) {
      for (int k = rs[j], end = rs[j + 1]; k < end; k++) port[pi[k]] += f.at(pi[k], j, k);
    }
  }

  /** Step 3: integrates the synapse state. */
  void integrate(double tn, double dt) { // synapse state has no refractoriness
    postOdes.step(0, tn, dt, null, false);
    preOdes.step(0, tn, dt, null, false);
  }

  /** Step 4/5: source j spiked at the end of step n: pre-state effects, then its spike enters the ring. */
  void emit(int j, long n) {
    for (int e = 0; e < emitSlot.length; e++) {
      double[] x = preFrame.slots[emitSlot[e]];
      x[j] = Assigns.apply(emitOp[e], x[j], emitValue[e].at(0, j, 0));
    }
    if (delaySteps == null) {
      if (rowStart[j + 1] > rowStart[j]) ring.push(ring.slotOf(n + 1 + uniformDelay), j);
    } else {
      for (int k = rowStart[j], end = rowStart[j + 1]; k < end; k++) ring.push(ring.slotOf(n + 1 + delaySteps[k]), k);
    }
  }

  /** Number of connections. */
  int connections() {
    return postIdx.length;
  }
}
