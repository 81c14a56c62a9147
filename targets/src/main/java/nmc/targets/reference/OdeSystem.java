package nmc.targets.reference;

import java.util.List;
import java.util.Map;
import nmc.ir.Decls.Ode;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.Span;
import nmc.ir.Symbolic;

/**
 * The ODEs of one frame (a neuron population, or a projection's synapse state) and one step of their integration
 * (common.md, step 3): every right-hand side sees the state at t_n, ports are held over the step, and variables
 * marked {@code unlessRefractory} are held for neurons that are refractory in this step.
 *
 * <ul>
 *   <li>EULER: x += f(state_n) * dt for all variables together.
 *   <li>RK4: classic Runge-Kutta on all ODE variables of the frame together, with {@code t} at t_n, t_n + dt/2,
 *       t_n + dt/2 and t_n + dt for the four stages; held variables have zero slope.
 *   <li>EXPONENTIAL_EULER: dx/dt = a + b x split symbolically; x_{n+1} = x_n e^{b dt} + a (e^{b dt} - 1) / b
 *       (computed with {@code expm1} for accuracy when b dt is small), or x_n + a dt when b = 0. When b depends only
 *       on parameters the factors are computed once.
 * </ul>
 */
final class OdeSystem {
  private final IntegrationMethod method;
  private final Frame frame;
  private final Clock clock;
  private final int count;
  private final int[] slot;
  private final boolean[] held;
  private final Vx[] rhs;
  private final Vx[] a, b;
  private final double[] eScalar, fScalar;
  private final double[][] eArr, fArr, bBuf;
  private final double[][] x, next, k, acc, stage;

  private OdeSystem(IntegrationMethod method, Frame frame, Clock clock, int[] slot, boolean[] held, Vx[] rhs, Vx[] a, Vx[] b, double dt) {
    this.method = method;
    this.frame = frame;
    this.clock = clock;
    this.count = slot.length;
    this.slot = slot;
    this.held = held;
    this.rhs = rhs;
    this.a = a;
    this.b = b;
    int n = frame.size;
    x = new double[count][];
    next = new double[count][n];
    eScalar = new double[count];
    fScalar = new double[count];
    eArr = new double[count][];
    fArr = new double[count][];
    bBuf = new double[count][];
    boolean rk4 = method == IntegrationMethod.RK4;
    k = rk4 ? new double[count][n] : null;
    acc = rk4 ? new double[count][n] : null;
    stage = rk4 ? new double[count][n] : null;
    if (method == IntegrationMethod.EXPONENTIAL_EULER) {
      for (int o = 0; o < count; o++) {
        switch (b[o]) {
          case Vx.Const c -> { eScalar[o] = Math.exp(c.value * dt); fScalar[o] = factor(c.value, dt); }
          case Vx.Fixed f -> {
            eArr[o] = new double[n];
            fArr[o] = new double[n];
            for (int i = 0; i < n; i++) { eArr[o][i] = Math.exp(f.values[i] * dt); fArr[o][i] = factor(f.values[i], dt); }
          }
          default -> bBuf[o] = new double[n];
        }
      }
    }
  }

  /** (e^{b dt} - 1) / b, or dt when b = 0. */
  static double factor(double b, double dt) {
    return b == 0 ? dt : Math.expm1(b * dt) / b;
  }

  /**
   * Compiles {@code odes}; {@code slots} maps each state variable to its frame slot. Throws a user error when a
   * variable has no slot or, for exponential Euler, an equation is not linear in its own variable.
   */
  static OdeSystem compile(List<Ode> odes, IntegrationMethod method, Frame frame, Clock clock, Map<String, Integer> slots,
      java.util.function.Function<Expr, Vx> compiler, double dt, Span span, String owner) {
    int m = odes.size();
    int[] slot = new int[m];
    boolean[] held = new boolean[m];
    Vx[] rhs = new Vx[m], a = new Vx[m], b = new Vx[m];
    for (int o = 0; o < m; o++) {
      Ode ode = odes.get(o);
      Integer s = slots.get(ode.variable());
      if (s == null) throw Errors.at(span, owner + " has an equation for '" + ode.variable() + "', which is not one of its state variables",
          "declare " + ode.variable() + " in the state block");
      slot[o] = s;
      held[o] = ode.unlessRefractory();
      if (method == IntegrationMethod.EXPONENTIAL_EULER) {
        Expr[] ab = Symbolic.splitLinear(ode.rhs(), ode.variable());
        if (ab == null) {
          throw Errors.at(span, owner + " integrates d" + ode.variable() + "/dt = " + ode.rhs().toText()
              + " with exponential_euler, but the right-hand side is not linear in " + ode.variable(),
              "use method rk4 or euler for this model");
        }
        a[o] = compiler.apply(ab[0]);
        b[o] = compiler.apply(ab[1]);
      } else {
        rhs[o] = compiler.apply(ode.rhs());
      }
    }
    return new OdeSystem(method, frame, clock, slot, held, rhs, a, b, dt);
  }

  /** The declared method; when none is declared, exponential Euler if every equation allows it, else RK4. */
  static IntegrationMethod methodOr(IntegrationMethod declared, List<Ode> odes) {
    if (declared != null) return declared;
    for (Ode o : odes) if (!Symbolic.isLinearIn(o.rhs(), o.variable())) return IntegrationMethod.RK4;
    return IntegrationMethod.EXPONENTIAL_EULER;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /**
   * Advances the frame from t_n to t_n + dt (step n). Element i is refractory when {@code refrEnd[i] > n};
   * {@code refrEnd} may be null, and when {@code anyRefractory} is false the masks are skipped.
   */
  void step(long n, double tn, double dt, int[] refrEnd, boolean anyRefractory) {
    if (count == 0) return;
    for (int o = 0; o < count; o++) x[o] = frame.slots[slot[o]];
    clock.t = tn;
    boolean mask = refrEnd != null && anyRefractory;
    switch (method) {
      case EULER -> {
        for (int o = 0; o < count; o++) {
          double[] nx = next[o], xo = x[o];
          if (rhs[o].scalar()) {
            double r = rhs[o].s() * dt;
            for (int i = 0; i < nx.length; i++) nx[i] = xo[i] + r;
          } else {
            double[] r = rhs[o].v();
            for (int i = 0; i < nx.length; i++) nx[i] = xo[i] + r[i] * dt;
          }
          if (mask && held[o]) hold(nx, xo, refrEnd, n);
        }
        swap();
      }
      case EXPONENTIAL_EULER -> {
        for (int o = 0; o < count; o++) exponentialEuler(o, dt, mask && held[o] ? refrEnd : null, n);
        swap();
      }
      case RK4 -> rk4(n, tn, dt, mask, refrEnd);
    }
  }

  /** Refractory elements keep their value. */
  private static void hold(double[] nx, double[] xo, int[] refrEnd, long n) {
    for (int i = 0; i < nx.length; i++) if (refrEnd[i] > n) nx[i] = xo[i];
  }

  /** The new values become the state (no copy: everything reads state through the frame's slots). */
  private void swap() {
    for (int o = 0; o < count; o++) {
      frame.slots[slot[o]] = next[o];
      next[o] = x[o];
      x[o] = frame.slots[slot[o]];
    }
  }

  private void exponentialEuler(int o, double dt, int[] refrEnd, long step) {
    double[] nx = next[o], xo = x[o];
    int n = nx.length;
    if (bBuf[o] != null) {
      // b varies with the state: evaluate it first into its own buffer, since a reuses the scratch buffers
      double[] bb = bBuf[o];
      if (b[o].scalar()) java.util.Arrays.fill(bb, b[o].s());
      else System.arraycopy(b[o].v(), 0, bb, 0, n);
      boolean as = a[o].scalar();
      double aS = as ? a[o].s() : 0;
      double[] av = as ? null : a[o].v();
      for (int i = 0; i < n; i++) {
        double ai = as ? aS : av[i], bi = bb[i];
        nx[i] = bi == 0 ? xo[i] + ai * dt : xo[i] * Math.exp(bi * dt) + ai * (Math.expm1(bi * dt) / bi);
      }
      if (refrEnd != null) hold(nx, xo, refrEnd, step);
      return;
    }
    if (eArr[o] == null) {
      double e = eScalar[o], f = fScalar[o];
      if (a[o].scalar()) {
        double af = a[o].s() * f;
        if (refrEnd == null) for (int i = 0; i < n; i++) nx[i] = xo[i] * e + af;
        else for (int i = 0; i < n; i++) nx[i] = refrEnd[i] > step ? xo[i] : xo[i] * e + af;
      } else {
        double[] av = a[o].v();
        if (refrEnd == null) for (int i = 0; i < n; i++) nx[i] = xo[i] * e + av[i] * f;
        else for (int i = 0; i < n; i++) nx[i] = refrEnd[i] > step ? xo[i] : xo[i] * e + av[i] * f;
      }
    } else {
      double[] e = eArr[o], f = fArr[o];
      if (a[o].scalar()) {
        double as = a[o].s();
        for (int i = 0; i < n; i++) nx[i] = xo[i] * e[i] + as * f[i];
      } else {
        double[] av = a[o].v();
        for (int i = 0; i < n; i++) nx[i] = xo[i] * e[i] + av[i] * f[i];
      }
      if (refrEnd != null) hold(nx, xo, refrEnd, step);
    }
  }

  private void rk4(long n, double tn, double dt, boolean mask, int[] refrEnd) {
    double h = dt;
    // stage 1 on the state itself
    slopes(mask, refrEnd, n);
    for (int o = 0; o < count; o++) {
      double[] ko = k[o], ac = acc[o], st = stage[o], xo = x[o];
      for (int i = 0; i < ko.length; i++) { ac[i] = ko[i]; st[i] = xo[i] + 0.5 * h * ko[i]; }
    }
    try {
      for (int o = 0; o < count; o++) frame.slots[slot[o]] = stage[o];
      clock.t = tn + 0.5 * h;
      slopes(mask, refrEnd, n); // stage 2
      for (int o = 0; o < count; o++) {
        double[] ko = k[o], ac = acc[o], st = stage[o], xo = x[o];
        for (int i = 0; i < ko.length; i++) { ac[i] += 2 * ko[i]; st[i] = xo[i] + 0.5 * h * ko[i]; }
      }
      slopes(mask, refrEnd, n); // stage 3
      for (int o = 0; o < count; o++) {
        double[] ko = k[o], ac = acc[o], st = stage[o], xo = x[o];
        for (int i = 0; i < ko.length; i++) { ac[i] += 2 * ko[i]; st[i] = xo[i] + h * ko[i]; }
      }
      clock.t = tn + h;
      slopes(mask, refrEnd, n); // stage 4
    } finally {
      for (int o = 0; o < count; o++) frame.slots[slot[o]] = x[o];
      clock.t = tn;
    }
    for (int o = 0; o < count; o++) {
      double[] ko = k[o], ac = acc[o], xo = x[o];
      for (int i = 0; i < ko.length; i++) xo[i] += h / 6 * (ac[i] + ko[i]);
    }
  }

  /** k[o] = f_o(current stage state) for every ODE, zero for held elements. */
  private void slopes(boolean mask, int[] refrEnd, long n) {
    for (int o = 0; o < count; o++) {
      double[] ko = k[o];
      if (rhs[o].scalar()) java.util.Arrays.fill(ko, rhs[o].s());
      else System.arraycopy(rhs[o].v(), 0, ko, 0, ko.length);
      if (mask && held[o]) for (int i = 0; i < ko.length; i++) if (refrEnd[i] > n) ko[i] = 0;
    }
  }
}
