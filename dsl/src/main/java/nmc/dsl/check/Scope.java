package nmc.dsl.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nmc.ir.Dimension;

/**
 * The names an expression may use, with their dimensions. A scope can be narrowed ({@link #restrict}) for places
 * that allow only some names (a refractory period only parameters); a {@code let} alias is allowed where every
 * name it uses is.
 */
public final class Scope {
  public sealed interface Entry {}

  /** A variable: parameter, state, port, {@code t}, {@code w}, {@code post.v} ...; becomes a reference. */
  public record Var(Dimension dim) implements Entry {}

  /** A {@code let} alias, the {@code index}-th of its model: its value is checked where it is used, and substituted. */
  public record Let(int index, nmc.dsl.ast.Ast.Ex body) implements Entry {}

  /** A name that exists but cannot be used yet (a state variable declared later): {@code message} says why. */
  public record Pending(String message) implements Entry {}

  public sealed interface Lookup {}

  public record Found(Typed value) implements Lookup {}

  public record Forbidden(String message) implements Lookup {}

  public record Missing() implements Lookup {}

  /** A let alias to check in {@code scope} (which hides it and the lets after it). */
  public record FoundLet(String name, Let let, Scope scope) implements Lookup {}

  private final Map<String, Entry> entries;
  private final Function<String, String> forbid;

  public Scope() {
    this(new LinkedHashMap<>(), n -> null);
  }

  private Scope(Map<String, Entry> entries, Function<String, String> forbid) {
    this.entries = entries;
    this.forbid = forbid;
  }

  public Scope var(String name, Dimension dim) {
    entries.put(name, new Var(dim));
    return this;
  }

  public Scope let(String name, int index, nmc.dsl.ast.Ast.Ex body) {
    entries.put(name, new Let(index, body));
    return this;
  }

  public Scope pending(String name, String message) {
    entries.put(name, new Pending(message));
    return this;
  }

  public boolean has(String name) {
    return entries.containsKey(name);
  }

  public Entry entry(String name) {
    return entries.get(name);
  }

  public Set<String> names() {
    return entries.keySet();
  }

  /** A copy of this scope that can grow without changing this one. */
  public Scope copy() {
    return new Scope(new LinkedHashMap<>(entries), forbid);
  }

  /** This scope further narrowed by {@code why} (both restrictions apply). */
  public Scope narrow(Function<String, String> why) {
    Function<String, String> mine = forbid;
    return new Scope(entries, n -> {
      String a = mine.apply(n);
      return a != null ? a : why.apply(n);
    });
  }

  /**
   * The same names, where {@code why} gives the message for a variable that may not be used here (null: allowed).
   * Shares the entries: names added later to either scope are seen by both.
   */
  public Scope restrict(Function<String, String> why) {
    return new Scope(entries, why);
  }

  public Lookup lookup(String name) {
    Entry e = entries.get(name);
    if (e == null) return new Missing();
    return switch (e) {
      case Var v -> {
        String no = forbid.apply(name);
        yield no != null ? new Forbidden(no) : new Found(Typed.of(new nmc.ir.Expr.Ref(name), Ty.num(v.dim())));
      }
      case Pending p -> new Forbidden(p.message());
      case Let l -> {
        String no = forbid.apply(name);
        if (no != null) yield new Forbidden(no);
        // inside its body a let sees only the lets before it, so lets cannot refer to each other in a cycle
        yield new FoundLet(name, l, narrow(n -> entries.get(n) instanceof Let other && other.index() >= l.index()
            ? "let " + name + " cannot use " + n + ", which is defined after it" : null));
      }
    };
  }
}
