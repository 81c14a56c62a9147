package nmc.targets.reference;

import java.util.List;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Span;

/** User errors found while setting up a run (a model the reference simulator cannot execute as written). */
final class Errors {
  private Errors() {}

  static UserError at(Span span, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(span == null ? Span.NONE : span, message, hint, "")));
  }
}
