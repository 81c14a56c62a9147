package nmc.dsl.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nmc.ir.Dimension;
import nmc.ir.Symbolic;

/**
 * The names an expression may use, with their dimensions. A scope can be narrowed ({@link #restrict}) for places
 * that allow only some names (a refractory period only parameters); a {@code let} alias is allowed where every
 * name it uses is.
 */
public final class Scope {
  public sealed interface Entry {}

  /** A variable: parameter, state, port, {@code t}, {@code w}, {@code post.v} ...; becomes a reference. */
  public record Var(Dimension dim) implements Entry {}

  /** A {@code let} alias: its (already checked) value is substituted. */
  public record Alias(Typed value) implements Entry {}

  public sealed interface Lookup {}

  public record Found(Typed value) implements Lookup {}

  public record Forbidden(String message) implements Lookup {}

  public record Missing() implements Lookup {}

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

  public Scope alias(String name, Typed value) {
    entries.put(name, new Alias(value));
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
      case Alias a -> {
        for (String dep : Symbolic.names(a.value().expr())) {
          String no = forbid.apply(dep);
          if (no != null) yield new Forbidden(no + " (" + name + " uses " + dep + ")");
        }
        yield new Found(a.value());
      }
    };
  }
}
