package nmc.map;

import java.util.List;
import java.util.Locale;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Span;

/** How the mapping passes of every chip word what they refuse, and the times in those messages. */
public final class ChipErrors {
  private ChipErrors() {}

  /** The network uses a construct the chip cannot express: "target T cannot run this network: ...". */
  public static UserError refuse(Span span, String target, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(span, "target " + target + " cannot run this network: " + message, hint, "")));
  }

  /** A value the chip cannot represent or a limit it exceeds: "target T: ...". */
  public static UserError error(Span span, String target, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(span, "target " + target + ": " + message, hint, "")));
  }

  /** Seconds as milliseconds without trailing zeros: {@code 6.2 ms}. */
  public static String ms(double s) {
    String t = String.format(Locale.ROOT, "%.6g", s * 1e3);
    if (t.contains(".") && !t.contains("e")) t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
    return t + " ms";
  }
}
