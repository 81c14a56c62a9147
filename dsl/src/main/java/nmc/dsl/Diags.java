package nmc.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Span;

/**
 * Collects the diagnostics of one front-end run. Duplicates (same place, same message, as a shared model checked
 * for two projections gives) are dropped; after {@link #LIMIT} errors the rest are ignored so a broken file
 * cannot bury the first mistakes.
 */
public final class Diags {
  public static final int LIMIT = 20;

  private final Map<String, SourceFile> files = new HashMap<>();
  private final List<String> fileOrder = new ArrayList<>();
  private final List<Diagnostic> list = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  public void addFile(SourceFile f) {
    if (files.putIfAbsent(f.displayName(), f) == null) fileOrder.add(f.displayName());
  }

  public void error(Span span, String message) {
    error(span, message, "");
  }

  public void error(Span span, String message, String hint) {
    if (list.size() >= LIMIT) return;
    if (!seen.add(span + "\u0000" + message)) return;
    SourceFile f = files.get(span.file());
    String line = f == null || span.isNone() ? "" : f.line(span.line());
    list.add(Diagnostic.error(span, message, hint, line));
  }

  public int count() {
    return list.size();
  }

  public boolean any() {
    return !list.isEmpty();
  }

  /** Throws a {@link UserError} with every diagnostic, in file order then position, when there is any. */
  public void throwIfAny() {
    if (list.isEmpty()) return;
    List<Diagnostic> sorted = new ArrayList<>(list);
    sorted.sort((a, b) -> {
      int fa = fileOrder.indexOf(a.span().file()), fb = fileOrder.indexOf(b.span().file());
      if (fa != fb) return Integer.compare(fa, fb);
      if (a.span().line() != b.span().line()) return Integer.compare(a.span().line(), b.span().line());
      return Integer.compare(a.span().col(), b.span().col());
    });
    throw new UserError(sorted);
  }
}
