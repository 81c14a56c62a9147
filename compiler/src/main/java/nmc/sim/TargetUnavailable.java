package nmc.sim;

import java.util.List;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Span;

/**
 * The target exists but cannot run on this machine (no CUDA device, no driver). A {@link UserError}, so that
 * {@code nmc compare} shows the row as unavailable with the reason; the CLI exits with status 3 for it.
 */
public final class TargetUnavailable extends UserError {
  public TargetUnavailable(String message, String hint) {
    super(List.of(Diagnostic.error(Span.NONE, message, hint, "")));
  }
}
