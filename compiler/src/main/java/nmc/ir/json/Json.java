package nmc.ir.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON value model with its own reader and writer (the project uses no third-party JSON library). Numbers
 * keep their source text so that 64-bit integers and doubles read back exactly. Values read from text carry
 * their {@link Pos} so that errors can point at them; values built in code use {@link Pos#NONE}.
 */
public sealed interface Json {

  /** Line and column (1-based) of a value in the text it was read from. */
  record Pos(int line, int col) {
    public static final Pos NONE = new Pos(0, 0);
  }

  /** An object; field order is kept. */
  record Obj(Map<String, Json> fields, Pos pos) implements Json {
    public Obj {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Json get(String name) {
      return fields.get(name);
    }
  }

  record Arr(List<Json> items, Pos pos) implements Json {
    public Arr {
      items = List.copyOf(items);
    }
  }

  record Str(String value, Pos pos) implements Json {}

  /** A number, as the JSON text that spells it. */
  record Num(String text, Pos pos) implements Json {
    public double toDouble() {
      return Double.parseDouble(text);
    }
  }

  record Bool(boolean value, Pos pos) implements Json {}

  record Null(Pos pos) implements Json {}

  Pos pos();

  /** A short name of the kind of value, for error messages. */
  default String describe() {
    return switch (this) {
      case Obj o -> "an object";
      case Arr a -> "an array";
      case Str s -> "the string \"" + (s.value().length() > 40 ? s.value().substring(0, 40) + "..." : s.value()) + "\"";
      case Num n -> "the number " + n.text();
      case Bool b -> b.value() ? "true" : "false";
      case Null n -> "null";
    };
  }

  // ---- building values in code ----

  static Json of(String s) {
    return s == null ? new Null(Pos.NONE) : new Str(s, Pos.NONE);
  }

  static Json of(long v) {
    return new Num(Long.toString(v), Pos.NONE);
  }

  /** A double in its shortest exact form; NaN and infinities, which JSON lacks, as "nan", "inf", "-inf". */
  static Json of(double v) {
    if (Double.isNaN(v)) return new Str("nan", Pos.NONE);
    if (Double.isInfinite(v)) return new Str(v > 0 ? "inf" : "-inf", Pos.NONE);
    return new Num(number(v), Pos.NONE);
  }

  /** The double a value written by {@link #of(double)} stands for (a number, or "nan", "inf", "-inf"); null for any other value. */
  static Double toDouble(Json j) {
    if (j instanceof Num n) return n.toDouble();
    if (j instanceof Str s) {
      return switch (s.value()) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> null;
      };
    }
    return null;
  }

  static Json of(boolean b) {
    return new Bool(b, Pos.NONE);
  }

  static Json nul() {
    return new Null(Pos.NONE);
  }

  static Json array(List<Json> items) {
    return new Arr(items, Pos.NONE);
  }

  static ObjBuilder object() {
    return new ObjBuilder();
  }

  /**
   * The shortest text that reads back as the same finite double: {@link Double#toString} without a {@code .0}
   * that adds nothing ({@code 3200.0 -> 3200}, {@code 1.0E-4 -> 1E-4}).
   */
  static String number(double v) {
    String s = Double.toString(v);
    if (s.endsWith(".0")) return s.substring(0, s.length() - 2);
    int e = s.indexOf(".0E");
    return e >= 0 ? s.substring(0, e) + s.substring(e + 2) : s;
  }

  /** Builds an object field by field, in order. */
  final class ObjBuilder {
    private final LinkedHashMap<String, Json> fields = new LinkedHashMap<>();

    public ObjBuilder put(String k, Json v) {
      fields.put(k, v);
      return this;
    }

    public ObjBuilder put(String k, String v) {
      return put(k, Json.of(v));
    }

    public ObjBuilder put(String k, long v) {
      return put(k, Json.of(v));
    }

    public ObjBuilder put(String k, double v) {
      return put(k, Json.of(v));
    }

    public ObjBuilder put(String k, boolean v) {
      return put(k, Json.of(v));
    }

    public Obj build() {
      return new Obj(fields, Pos.NONE);
    }
  }

  // ---- text ----

  /** Reads one JSON value (RFC 8259); throws {@link JsonException} with line and column on malformed text. */
  static Json parse(String text) {
    return new JsonReader(text).document();
  }

  /** Pretty text: 2-space indent; arrays of scalars (numbers, strings, booleans) stay on one line. */
  static String print(Json value) {
    StringBuilder sb = new StringBuilder();
    JsonWriter.write(value, sb, 0);
    return sb.append('\n').toString();
  }

  /** Everything on one line. */
  static String printCompact(Json value) {
    StringBuilder sb = new StringBuilder();
    JsonWriter.write(value, sb, -1);
    return sb.toString();
  }

  /** Convenience for readers of values: a new list (mutable) of an array's items. */
  static List<Json> items(Json a) {
    return a instanceof Arr arr ? new ArrayList<>(arr.items()) : new ArrayList<>();
  }
}
