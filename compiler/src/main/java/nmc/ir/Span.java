package nmc.ir;

/** Where a construct came from in the source: file, 1-based line and column. Synthetic nodes use {@link #NONE}. */
public record Span(String file, int line, int col) {
  public static final Span NONE = new Span("", 0, 0);

  public Span {
    if (file == null) throw new IllegalArgumentException("span file is null");
  }

  public boolean isNone() {
    return line <= 0;
  }

  /** {@code file:line:col}, the form diagnostics and the IR's JSON use. */
  @Override
  public String toString() {
    return isNone() ? "" : file + ":" + line + ":" + col;
  }

  /** Inverse of {@link #toString()}; the file name may itself contain ':'. */
  public static Span parse(String s) {
    if (s == null || s.isEmpty()) return NONE;
    int c2 = s.lastIndexOf(':');
    int c1 = c2 > 0 ? s.lastIndexOf(':', c2 - 1) : -1;
    if (c1 < 0) throw new IllegalArgumentException("not a span: " + s);
    return new Span(s.substring(0, c1), Integer.parseInt(s.substring(c1 + 1, c2)), Integer.parseInt(s.substring(c2 + 1)));
  }
}
