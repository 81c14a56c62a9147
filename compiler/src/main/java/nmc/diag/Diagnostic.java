package nmc.diag;

import nmc.ir.Span;

/**
 * One message about the user's input. {@code sourceLine} is the text of line {@code span.line()} (captured when
 * the diagnostic is made, so rendering needs no file access); {@code hint} may be empty.
 */
public record Diagnostic(Span span, Severity severity, String message, String hint, String sourceLine) {
  public enum Severity {
    ERROR, WARNING;

    public String label() {
      return name().toLowerCase();
    }
  }

  public static Diagnostic error(Span span, String message, String hint, String sourceLine) {
    return new Diagnostic(span, Severity.ERROR, message, hint == null ? "" : hint, sourceLine == null ? "" : sourceLine);
  }

  /**
   * The text a person reads:
   * <pre>
   * file:line:col: error: message
   *     the source line
   *         ^
   *   hint: ...
   * </pre>
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    if (!span.isNone()) sb.append(span).append(": ");
    sb.append(severity.label()).append(": ").append(message);
    if (!sourceLine.isEmpty() && span.col() > 0) {
      String line = sourceLine.replace('\t', ' ');
      sb.append('\n').append("    ").append(line).append('\n').append("    ");
      sb.append(" ".repeat(Math.min(span.col() - 1, line.length()))).append('^');
    }
    if (!hint.isEmpty()) sb.append('\n').append("  hint: ").append(hint);
    return sb.toString();
  }
}
