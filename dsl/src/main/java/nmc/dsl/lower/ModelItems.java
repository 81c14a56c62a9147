package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.List;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;

/** The items of a neuron or synapse model sorted by kind; misplaced and repeated items are reported here. */
final class ModelItems {
  final List<Ast.VarDecl> params = new ArrayList<>();
  final List<Ast.VarDecl> state = new ArrayList<>();
  final List<Ast.VarDecl> preState = new ArrayList<>();
  final List<Ast.PortDecl> ports = new ArrayList<>();
  final List<Ast.Eq> equations = new ArrayList<>();
  final List<Ast.Assignment> reset = new ArrayList<>();
  final List<Ast.Assignment> onPre = new ArrayList<>();
  Ast.Spike spike;
  Ast.Refractory refractory;
  Ast.Method method;
  Ast.WeightDim weight;
  Ast.Current current;

  ModelItems(Ast.Model m, Diags diags) {
    String kind = m.synapse() ? "synapse" : "neuron";
    for (Ast.Item item : m.items()) {
      String misplaced = switch (item) {
        case Ast.Inputs i when m.synapse() -> "input";
        case Ast.Spike s when m.synapse() -> "spike";
        case Ast.Reset r when m.synapse() -> "reset";
        case Ast.Refractory r when m.synapse() -> "refractory";
        case Ast.State s when s.pre() && !m.synapse() -> "pre state";
        case Ast.OnPre o when !m.synapse() -> "on_pre";
        case Ast.WeightDim w when !m.synapse() -> "weight";
        case Ast.Current c when !m.synapse() -> "current";
        default -> null;
      };
      if (misplaced != null) {
        diags.error(item.span(), "a " + kind + " model has no '" + misplaced + "'",
            m.synapse() ? "spikes, resets and inputs belong to neuron models" : "'" + misplaced + "' belongs to synapse models");
        continue;
      }
      switch (item) {
        case Ast.Params p -> params.addAll(p.vars());
        case Ast.State s -> (s.pre() ? preState : state).addAll(s.vars());
        case Ast.Inputs i -> ports.addAll(i.ports());
        case Ast.Equations e -> equations.addAll(e.equations());
        case Ast.Reset r -> reset.addAll(r.assignments());
        case Ast.OnPre o -> onPre.addAll(o.assignments());
        case Ast.Spike s -> spike = once(spike, s, "spike condition", diags);
        case Ast.Refractory r -> refractory = once(refractory, r, "refractory period", diags);
        case Ast.Method x -> method = once(method, x, "method", diags);
        case Ast.WeightDim w -> weight = once(weight, w, "weight unit", diags);
        case Ast.Current c -> current = once(current, c, "current", diags);
      }
    }
  }

  private static <T extends Ast.Item> T once(T first, T second, String what, Diags diags) {
    if (first == null) return second;
    diags.error(second.span(), "a second " + what + " in the same model", "the first is at " + first.span());
    return first;
  }
}
