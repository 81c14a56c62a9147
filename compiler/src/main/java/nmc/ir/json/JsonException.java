package nmc.ir.json;

/** Malformed JSON text, or JSON that does not have the expected shape; says where (1-based line and column). */
public final class JsonException extends IllegalArgumentException {
  private final int line;
  private final int col;
  private final String detail;

  public JsonException(String detail, int line, int col) {
    super(line > 0 ? "line " + line + ", column " + col + ": " + detail : detail);
    this.detail = detail;
    this.line = line;
    this.col = col;
  }

  public int line() {
    return line;
  }

  public int col() {
    return col;
  }

  /** The message without its position. */
  public String detail() {
    return detail;
  }
}
