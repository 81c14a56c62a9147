package nmc.ir.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** A strict RFC 8259 reader. Line breaks can only occur in whitespace, so the line count is kept while skipping it. */
final class JsonReader {
  private static final int MAX_DEPTH = 400;

  private final String s;
  private int pos;
  private int line = 1;
  private int lineStart;
  private int depth;

  JsonReader(String s) {
    this.s = s;
  }

  Json document() {
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') pos = lineStart = 1; // a byte-order mark from an editor
    skipWs();
    if (pos >= s.length()) throw error("the text is empty; expected a JSON value");
    Json v = value();
    skipWs();
    if (pos < s.length()) throw error("unexpected " + here() + " after the end of the JSON value");
    return v;
  }

  private Json.Pos pos() {
    return new Json.Pos(line, pos - lineStart + 1);
  }

  private JsonException error(String msg) {
    return new JsonException(msg, line, pos - lineStart + 1);
  }

  private String here() {
    if (pos >= s.length()) return "end of text";
    int cp = s.codePointAt(pos);
    return cp < 0x20 ? String.format("character U+%04X", cp) : "'" + Character.toString(cp) + "'";
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private Json value() {
    if (pos >= s.length()) throw error("unexpected end of text; expected a value");
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> {
        Json.Pos at = pos();
        yield new Json.Str(string(), at);
      }
      case 't' -> literal("true", new Json.Bool(true, pos()));
      case 'f' -> literal("false", new Json.Bool(false, pos()));
      case 'n' -> literal("null", new Json.Null(pos()));
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield number();
        String hint = c == '\'' ? " (JSON strings use double quotes)" : "";
        throw error("unexpected " + here() + "; expected a value" + hint);
      }
    };
  }

  private Json literal(String word, Json v) {
    if (!s.startsWith(word, pos)) throw error("unexpected " + here() + "; expected a value (true, false, null, a number, a string, [ or {)");
    pos += word.length();
    return v;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
  }

  private Json object() {
    Json.Pos at = pos();
    enter();
    pos++;
    LinkedHashMap<String, Json> fields = new LinkedHashMap<>();
    skipWs();
    if (pos < s.length() && s.charAt(pos) == '}') {
      pos++;
      depth--;
      return new Json.Obj(fields, at);
    }
    while (true) {
      skipWs();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("expected a field name in double quotes, found " + here()
            + (pos < s.length() && s.charAt(pos) == '}' ? " (a trailing comma is not allowed)" : ""));
      }
      int keyLine = line, keyCol = pos - lineStart + 1;
      String key = string();
      if (fields.containsKey(key)) throw new JsonException("duplicate field \"" + key + "\"", keyLine, keyCol);
      skipWs();
      if (pos >= s.length() || s.charAt(pos) != ':') throw error("expected ':' after field name \"" + key + "\", found " + here());
      pos++;
      skipWs();
      fields.put(key, value());
      skipWs();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        continue;
      }
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        depth--;
        return new Json.Obj(fields, at);
      }
      throw error("expected ',' or '}' in an object, found " + here());
    }
  }

  private Json array() {
    Json.Pos at = pos();
    enter();
    pos++;
    List<Json> items = new ArrayList<>();
    skipWs();
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
      depth--;
      return new Json.Arr(items, at);
    }
    while (true) {
      skipWs();
      if (pos < s.length() && s.charAt(pos) == ']') throw error("a trailing comma is not allowed before ']'");
      items.add(value());
      skipWs();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        continue;
      }
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        depth--;
        return new Json.Arr(items, at);
      }
      throw error("expected ',' or ']' in an array, found " + here());
    }
  }

  private String string() {
    pos++; // opening quote
    StringBuilder sb = null;
    int start = pos;
    while (true) {
      if (pos >= s.length()) throw error("unterminated string");
      char c = s.charAt(pos);
      if (c == '"') {
        String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
        pos++;
        return out;
      }
      if (c < 0x20) throw error("a control character (" + here() + ") inside a string must be escaped");
      if (c == '\\') {
        if (sb == null) sb = new StringBuilder();
        sb.append(s, start, pos);
        pos++;
        if (pos >= s.length()) throw error("unterminated string");
        char e = s.charAt(pos);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 5 > s.length()) throw error("incomplete \\u escape");
            int cp = 0;
            for (int i = 1; i <= 4; i++) {
              int d = Character.digit(s.charAt(pos + i), 16);
              if (d < 0) throw error("bad \\u escape: expected 4 hex digits");
              cp = cp * 16 + d;
            }
            sb.append((char) cp);
            pos += 4;
          }
          default -> throw error("unknown escape \\" + e + " in a string");
        }
        pos++;
        start = pos;
        continue;
      }
      pos++;
    }
  }

  private Json number() {
    Json.Pos at = pos();
    int start = pos;
    if (s.charAt(pos) == '-') pos++;
    if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("a number needs digits after '-'");
    if (s.charAt(pos) == '0') {
      pos++;
      if (pos < s.length() && isDigit(s.charAt(pos))) throw error("numbers must not have leading zeros");
    } else {
      while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("a number needs digits after '.'");
      while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
      if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("a number needs digits in its exponent");
      while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
    }
    return new Json.Num(s.substring(start, pos), at);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
