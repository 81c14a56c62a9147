package nmc.dsl.lower;

import java.util.List;
import java.util.Map;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Suggest;
import nmc.ir.CurrentInput;
import nmc.ir.Decls;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.ValueSpec;

/** {@code current NAME: pop.input = step(...) | ramp(...)}. */
final class Currents {
  private final Ctx ctx;

  Currents(Ctx ctx) {
    this.ctx = ctx;
  }

  CurrentInput lower(Ast.CurrentDecl c) {
    Population pop = ctx.populations.get(c.population());
    if (pop == null) {
      if (!ctx.brokenPopulations.contains(c.population())) {
        ctx.diags.error(c.populationSpan(), "unknown population " + c.population(),
            Suggest.hint(c.population(), ctx.populations.keySet(), "populations"));
      }
      return null;
    }
    if (!(pop.kind() instanceof Population.Neurons n)) {
      ctx.diags.error(c.populationSpan(), pop.name() + " is a spike source; currents go into neurons");
      return null;
    }
    NeuronModel model = ctx.neuron(n.model()).model();
    var port = model.port(c.port());
    if (port.isEmpty()) {
      List<String> inputs = model.ports().stream().map(Decls.Port::name).toList();
      String what = model.stateVar(c.port()).isPresent() ? c.port() + " is a state variable of " + model.name()
          + "; a current goes into an input" : model.name() + " has no input " + c.port();
      ctx.diags.error(c.portSpan(), what, inputs.isEmpty() ? model.name() + " has no inputs"
          : Suggest.hint(c.port(), inputs, "inputs of " + model.name()));
      return null;
    }
    if (!(c.value() instanceof Ast.Call call) || !(call.fn().equals("step") || call.fn().equals("ramp"))) {
      ctx.diags.error(c.value().span(), "a current is step(amplitude, from T0, to T1) or ramp(start_value, end_value, from T0, to T1)");
      return null;
    }
    boolean step = call.fn().equals("step");
    String counted = "neurons in " + pop.name();
    CurrentInput.Waveform wave;
    if (step) {
      Map<String, Ast.Ex> a = Args.bind("step", call.args(), List.of("amplitude", "from", "to"), 1, 1, call.span(), ctx.diags);
      if (a == null) return null;
      ValueSpec amp = ctx.values.spec(a.get("amplitude"), port.get().dim(), null, "the amplitude of " + c.name(), pop.size(), counted);
      double[] t = window(a, call, false);
      if (amp == null || t == null) return null;
      wave = new CurrentInput.Step(amp, t[0], t[1]);
    } else {
      Map<String, Ast.Ex> a = Args.bind("ramp", call.args(), List.of("start_value", "end_value", "from", "to"), 2, 4,
          call.span(), ctx.diags);
      if (a == null) return null;
      ValueSpec from = ctx.values.spec(a.get("start_value"), port.get().dim(), null, "the start value of " + c.name(), pop.size(), counted);
      ValueSpec to = ctx.values.spec(a.get("end_value"), port.get().dim(), null, "the end value of " + c.name(), pop.size(), counted);
      double[] t = window(a, call, true);
      if (from == null || to == null || t == null) return null;
      wave = new CurrentInput.Ramp(from, to, t[0], t[1]);
    }
    return new CurrentInput(c.name(), pop.name(), c.port(), wave, c.nameSpan());
  }

  private double[] window(Map<String, Ast.Ex> a, Ast.Call call, boolean needEnd) {
    double start = a.containsKey("from") ? ctx.values.time(a.get("from"), "the start ('from')") : 0;
    double stop = a.containsKey("to") ? ctx.values.time(a.get("to"), "the end ('to')") : Double.POSITIVE_INFINITY;
    if (Double.isNaN(start) || Double.isNaN(stop)) return null;
    if (!(start <= stop) || (needEnd && Double.isInfinite(stop))) {
      ctx.diags.error(call.span(), "the current ends ('to') before it starts ('from')");
      return null;
    }
    return new double[] {start, stop};
  }
}
