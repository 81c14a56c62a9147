package nmc.dsl.lower;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Suggest;
import nmc.ir.Span;

/** Binds the arguments of a built-in call ({@code fixed_probability(0.02, autapses = false)}) to its parameter names. */
final class Args {
  private Args() {}

  /**
   * {@code names} in positional order; {@code positional} how many of them may be given without a name;
   * {@code required} how many leading names must be given. {@code from}/{@code to} bind as those names. Returns
   * the bound values by name, or null after reporting.
   */
  static Map<String, Ast.Ex> bind(String fn, List<Ast.Arg> args, List<String> names, int positional, int required,
      Span at, Diags diags) {
    Map<String, Ast.Ex> out = new LinkedHashMap<>();
    int next = 0;
    boolean ok = true;
    for (Ast.Arg a : args) {
      String name = switch (a.kind()) {
        case POSITIONAL -> next < positional ? names.get(next++) : null;
        default -> a.name();
      };
      if (name == null) {
        diags.error(a.span(), fn + " takes " + (positional == 0 ? "only named arguments" : "at most " + positional
            + (positional == 1 ? " plain argument" : " plain arguments")), "its arguments: " + usage(fn, names));
        ok = false;
        continue;
      }
      if (!names.contains(name)) {
        diags.error(a.span(), fn + " has no argument '" + name + "'", Suggest.hint(name, names, "its arguments"));
        ok = false;
        continue;
      }
      if (out.putIfAbsent(name, a.value()) != null) {
        diags.error(a.span(), "'" + name + "' is given twice");
        ok = false;
      }
    }
    for (int i = 0; i < required && ok; i++) {
      if (!out.containsKey(names.get(i))) {
        diags.error(at, fn + " needs '" + names.get(i) + "'", "write " + usage(fn, names));
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private static String usage(String fn, List<String> names) {
    return fn + "(" + String.join(", ", names.stream().map(n -> n.equals("from") || n.equals("to") ? n + " T" : n).toList()) + ")";
  }
}
