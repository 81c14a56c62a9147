package nmc.dsl.lower;

import java.util.LinkedHashSet;
import java.util.Set;
import nmc.dsl.ast.Ast;

/** The {@code pre.X} and {@code post.X} names a synapse model mentions. */
final class DottedNames {
  private DottedNames() {}

  static Set<String> of(Ast.Model m) {
    Set<String> out = new LinkedHashSet<>();
    for (Ast.Item item : m.items()) {
      switch (item) {
        case Ast.Params p -> p.vars().forEach(v -> walk(v.value(), out));
        case Ast.State s -> s.vars().forEach(v -> walk(v.value(), out));
        case Ast.Equations e -> e.equations().forEach(q -> walk(switch (q) {
          case Ast.Let l -> l.value();
          case Ast.Ode o -> o.rhs();
        }, out));
        case Ast.OnPre o -> o.assignments().forEach(a -> {
          walk(a.value(), out);
          if (a.target().startsWith("post.")) out.add(a.target());
        });
        case Ast.Current c -> walk(c.value(), out);
        default -> {}
      }
    }
    return out;
  }

  private static void walk(Ast.Ex e, Set<String> out) {
    switch (e) {
      case Ast.Name n -> {
        if (n.name().startsWith("pre.") || n.name().startsWith("post.")) out.add(n.name());
      }
      case Ast.Lit l -> {}
      case Ast.Dims d -> {}
      case Ast.Quant q -> walk(q.value(), out);
      case Ast.Un u -> walk(u.operand(), out);
      case Ast.Bin b -> { walk(b.left(), out); walk(b.right(), out); }
      case Ast.Cond c -> { walk(c.cond(), out); walk(c.then(), out); walk(c.otherwise(), out); }
      case Ast.Call c -> c.args().forEach(a -> walk(a.value(), out));
      case Ast.Arr a -> a.items().forEach(i -> walk(i, out));
    }
  }
}
