package nmc.targets.reference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.Port;
import nmc.ir.Decls.StateVar;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.build.Materialize;

/**
 * A population of neurons: one {@code double[]} per state variable and port (slots of a {@link Frame}), parameters
 * as numbers when uniform and arrays otherwise, the compiled equations, threshold, reset and refractory counters.
 */
final class NeuronGroup extends SpikeGroup {
  final NeuronModel model;
  final Population population;
  final Frame frame;
  final Map<String, Integer> stateSlot = new HashMap<>();
  final Map<String, Integer> portSlot = new HashMap<>();
  final Map<String, double[]> params;
  private final Clock clock;
  private final OdeSystem odes;
  private final Vx spike;
  private final boolean rising;
  private final boolean[] wasTrue;
  private final int[] resetSlot;
  private final int[] resetOp;
  private final Vx[] resetValue;
  /** The first step in which each neuron is no longer refractory (refractory in step n while refrEnd > n). */
  final int[] refrEnd;
  /** The largest refrEnd: nobody is refractory from that step on, so masks can be skipped. */
  private int lastRefrEnd;
  private final int refrScalar;
  private final int[] refrSteps;
  private final int[] ports;

  NeuronGroup(Population pop, NeuronModel model, Clock clock, long seed, double dt) {
    super(pop.name(), pop.size());
    this.model = model;
    this.population = pop;
    this.clock = clock;
    frame = new Frame(size);
    Materialize.NeuronValues values = Materialize.neurons(pop, model, seed, dt);
    params = values.parameters();
    for (StateVar s : model.state()) stateSlot.put(s.name(), frame.add(values.state().get(s.name())));
    for (Port p : model.ports()) portSlot.put(p.name(), frame.add(new double[size]));
    ports = portSlot.values().stream().mapToInt(Integer::intValue).toArray();
    String owner = "model " + model.name();
    VxCompiler compiler = new VxCompiler(name -> resolve(name, Vx.POST), frame, new int[] {size, 0, 0}, model.span(), "the equations of " + model.name());
    VxCompiler single = new VxCompiler(name -> resolve(name, Vx.POST), null, new int[] {size, 0, 0}, model.span(), "the reset of " + model.name());
    odes = OdeSystem.compile(model.odes(), OdeSystem.methodOr(model.method(), model.odes()), frame, clock, stateSlot, compiler::compile, dt,
        model.span(), owner);
    spike = model.spike() == null ? null
        : new VxCompiler(name -> resolve(name, Vx.POST), frame, new int[] {size, 0, 0}, model.span(), "the spike condition of " + model.name())
            .compile(model.spike());
    rising = model.rising();
    wasTrue = new boolean[size];
    List<Assign> reset = model.reset();
    resetSlot = new int[reset.size()];
    resetOp = new int[reset.size()];
    resetValue = new Vx[reset.size()];
    for (int r = 0; r < reset.size(); r++) {
      Assign a = reset.get(r);
      Integer s = stateSlot.get(a.target());
      if (s == null) throw Errors.at(model.span(), "the reset of " + model.name() + " assigns '" + a.target() + "', which is not a state variable",
          "a reset may only change state variables");
      resetSlot[r] = s;
      resetOp[r] = a.op().ordinal();
      resetValue[r] = single.compile(a.value());
    }
    refrEnd = new int[size];
    if (model.refractory() == null) {
      refrScalar = 0;
      refrSteps = null;
    } else {
      Vx period = new VxCompiler(name -> resolve(name, Vx.POST), null, new int[] {size, 0, 0}, model.span(), "the refractory period of " + model.name())
          .compile(model.refractory());
      if (!period.invariant()) throw Errors.at(model.span(), "the refractory period of " + model.name() + " depends on the state",
          "make it a constant or an expression of parameters");
      if (period instanceof Vx.Const c) {
        refrScalar = (int) Math.round(c.value / dt);
        refrSteps = null;
      } else {
        refrScalar = 0;
        refrSteps = new int[size];
        for (int i = 0; i < size; i++) refrSteps[i] = (int) Math.round(period.at(i, 0, 0) / dt);
      }
    }
    if (spike != null && rising) {
      // "false after the previous step": the initial state counts as the step before the first
      clock.t = 0;
      double[] c = spike.scalar() ? null : spike.v();
      for (int i = 0; i < size; i++) wasTrue[i] = (c == null ? spike.s() : c[i]) != 0;
    }
  }

  /** A leaf for {@code name} seen along {@code axis}: parameter, state variable, port, t or dt. */
  Vx resolve(String name, int axis) {
    Integer s = stateSlot.get(name);
    if (s == null) s = portSlot.get(name);
    if (s != null) return new Vx.Lane(frame, s, axis);
    double[] p = params.get(name);
    if (p != null) return VxCompiler.uniformOrFixed(p, axis);
    return switch (name) {
      case "t" -> new Vx.Time(clock);
      case "dt" -> new Vx.Const(clock.dt);
      default -> null;
    };
  }

  /** Zeroes the ports before inputs are summed into them. */
  void clearPorts() {
    for (int p : ports) java.util.Arrays.fill(frame.slots[p], 0);
  }

  void integrate(long n, double tn, double dt) {
    odes.step(n, tn, dt, refrEnd, lastRefrEnd > n);
  }

  /**
   * Step 4 of step n: tests the spike condition on the new state (not while refractory; with {@code rising} only
   * where it was false after the previous step), resets spiking neurons and starts their refractory period, which
   * covers steps n+1 .. n+period.
   */
  void threshold(long n) {
    spikedCount = 0;
    if (spike == null) return;
    boolean anyRefractory = lastRefrEnd > n;
    int[] end = refrEnd;
    if (spike.scalar()) {
      boolean now = spike.s() != 0;
      for (int i = 0; i < size; i++) {
        if (now && !(anyRefractory && end[i] > n) && !(rising && wasTrue[i])) addSpike(i);
        wasTrue[i] = now;
      }
    } else if (spike instanceof Vx.Op2 cmp && cmp.op == Ops.GT && cmp.b instanceof Vx.Const th && !rising) {
      // the usual "v > threshold": compare the state directly, no pass to build a 0/1 array
      double[] v = cmp.a.v();
      double t = th.value;
      if (!anyRefractory) {
        for (int i = 0; i < size; i++) if (v[i] > t) addSpike(i);
      } else {
        for (int i = 0; i < size; i++) if (v[i] > t && end[i] <= n) addSpike(i);
      }
    } else {
      double[] c = spike.v();
      for (int i = 0; i < size; i++) {
        boolean now = c[i] != 0;
        if (now && !(anyRefractory && end[i] > n) && !(rising && wasTrue[i])) addSpike(i);
        wasTrue[i] = now;
      }
    }
    for (int s = 0; s < spikedCount; s++) {
      int i = spiked[s];
      for (int r = 0; r < resetSlot.length; r++) {
        double[] x = frame.slots[resetSlot[r]];
        double v = resetValue[r].at(i, 0, 0);
        x[i] = Assigns.apply(resetOp[r], x[i], v);
      }
      int period = refrSteps == null ? refrScalar : refrSteps[i];
      if (period > 0) {
        end[i] = (int) (n + 1 + period);
        lastRefrEnd = Math.max(lastRefrEnd, end[i]);
      }
    }
    totalSpikes += spikedCount;
  }

  @Override
  double spikeTime(long n, double dt) {
    return (n + 1) * dt;
  }
}
