package nmc.ir.json;

import java.util.Iterator;
import java.util.Map;

/** Writes {@link Json} values: pretty (indent >= 0) or on one line (indent < 0). */
final class JsonWriter {
  private JsonWriter() {}

  static void write(Json v, StringBuilder sb, int indent) {
    switch (v) {
      case Json.Str s -> quote(s.value(), sb);
      case Json.Num n -> sb.append(n.text());
      case Json.Bool b -> sb.append(b.value());
      case Json.Null n -> sb.append("null");
      case Json.Arr a -> array(a, sb, indent);
      case Json.Obj o -> object(o, sb, indent);
    }
  }

  private static boolean scalar(Json v) {
    return !(v instanceof Json.Arr) && !(v instanceof Json.Obj);
  }

  private static void array(Json.Arr a, StringBuilder sb, int indent) {
    if (a.items().isEmpty()) {
      sb.append("[]");
      return;
    }
    // Arrays of numbers (weights, indices, spike times) stay on one line: one number per line is unreadable.
    boolean flat = indent < 0 || a.items().stream().allMatch(JsonWriter::scalar);
    sb.append('[');
    for (int i = 0; i < a.items().size(); i++) {
      if (i > 0) sb.append(flat ? ", " : ",");
      if (!flat) newline(sb, indent + 1);
      write(a.items().get(i), sb, indent < 0 ? -1 : indent + 1);
    }
    if (!flat) newline(sb, indent);
    sb.append(']');
  }

  private static void object(Json.Obj o, StringBuilder sb, int indent) {
    if (o.fields().isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    Iterator<Map.Entry<String, Json>> it = o.fields().entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Json> e = it.next();
      if (indent >= 0) newline(sb, indent + 1);
      quote(e.getKey(), sb);
      sb.append(": ");
      write(e.getValue(), sb, indent < 0 ? -1 : indent + 1);
      if (it.hasNext()) sb.append(indent < 0 ? ", " : ",");
    }
    if (indent >= 0) newline(sb, indent);
    sb.append('}');
  }

  private static void newline(StringBuilder sb, int indent) {
    sb.append('\n');
    for (int i = 0; i < indent; i++) sb.append("  ");
  }

  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          // Lone surrogates would not survive UTF-8 encoding, so they are escaped too.
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || (Character.isSurrogate(c) && !pairedSurrogate(s, i))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean pairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
