package nmc.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mistake in the user's input or command line, carrying every diagnostic found. The CLI prints
 * {@link #render()} and exits with status 2; it never shows a stack trace for one of these.
 * Not final only so that {@link nmc.sim.TargetUnavailable} (exit status 3) can be one.
 */
public class UserError extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public UserError(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "error" : diagnostics.get(0).message(), null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** An error that belongs to no place in a source file (a command-line value, a resource limit). */
  public static UserError of(String message, String hint) {
    return new UserError(List.of(Diagnostic.error(nmc.ir.Span.NONE, message, hint, "")));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public String render() {
    return diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
  }
}
