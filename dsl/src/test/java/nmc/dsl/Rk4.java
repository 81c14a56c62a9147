package nmc.dsl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.ir.Decls;
import nmc.ir.Eval;
import nmc.ir.NeuronModel;

/**
 * A test oracle: integrates one neuron of an IR model with classic RK4 (inputs held constant), straight from the
 * IR's expressions, to check that the standard library's equations are the published ones.
 */
final class Rk4 {
  private final NeuronModel model;
  final Map<String, Double> env = new HashMap<>();

  Rk4(NeuronModel model, Map<String, Double> inputs) {
    this.model = model;
    for (Decls.Param p : model.parameters()) env.put(p.name(), Eval.eval(p.value(), env::get));
    env.putAll(inputs);
    env.put("t", 0.0);
    for (Decls.StateVar s : model.state()) env.put(s.name(), Eval.eval(s.initial(), env::get));
  }

  double get(String name) {
    return env.get(name);
  }

  void step(double dt) {
    List<Decls.Ode> odes = model.odes();
    int n = odes.size();
    double[] x0 = new double[n], k1, k2, k3, k4;
    for (int i = 0; i < n; i++) x0[i] = env.get(odes.get(i).variable());
    k1 = rates();
    set(x0, k1, dt / 2);
    k2 = rates();
    set(x0, k2, dt / 2);
    k3 = rates();
    set(x0, k3, dt);
    k4 = rates();
    for (int i = 0; i < n; i++) x0[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    set(x0, new double[n], 0);
    env.put("t", env.get("t") + dt);
  }

  private double[] rates() {
    List<Decls.Ode> odes = model.odes();
    double[] k = new double[odes.size()];
    for (int i = 0; i < k.length; i++) k[i] = Eval.eval(odes.get(i).rhs(), env::get);
    return k;
  }

  private void set(double[] x0, double[] k, double h) {
    for (int i = 0; i < x0.length; i++) env.put(model.odes().get(i).variable(), x0[i] + h * k[i]);
  }
}
