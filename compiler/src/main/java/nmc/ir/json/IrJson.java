package nmc.ir.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.ExprText;
import nmc.ir.Ints;
import nmc.ir.Network;
import nmc.ir.Span;
import nmc.ir.Vec;

/**
 * The IR as JSON: stable, readable and diffable. The mapping is reflective over records (component order, canonical
 * constructor), so a new IR record needs no JSON code:
 * <ul>
 *   <li>a record is an object with one field per component, in declaration order;</li>
 *   <li>where the declared type is a sealed interface, the object starts with {@code "kind"}: the simple class name
 *       in lower snake case ({@code FixedProbability -> "fixed_probability"});</li>
 *   <li>{@link Expr} is its {@link ExprText} string, {@link Dimension} its {@code toString} ({@code "m^2*kg*s^-3*A^-1"}),
 *       {@link Span} {@code "file:line:col"} (empty when synthetic), enums lower case;</li>
 *   <li>{@link Vec} and {@link Ints} are arrays on one line; doubles print in their shortest exact form
 *       ({@code 0.02}, {@code 3200}, {@code 1E-4}), NaN and infinities as the strings "nan", "inf", "-inf".</li>
 * </ul>
 * {@code parse(print(n)).equals(n)} for every network.
 */
public final class IrJson {
  private IrJson() {}

  /** The network as pretty JSON text (ends with a newline). */
  public static String print(Network network) {
    return Json.print(toJson(network));
  }

  /** The JSON value of any IR value (a record, list, enum, expression ...). */
  public static Json toJson(Object value) {
    return encode(value, value == null ? Object.class : value.getClass());
  }

  /** Reads a network printed by {@link #print}; malformed or mis-shaped JSON is a {@link UserError}. */
  public static Network parse(String text) {
    return parse("<ir json>", text);
  }

  /** As {@link #parse(String)}; {@code source} (a file name) appears in diagnostics. */
  public static Network parse(String source, String text) {
    try {
      return decode(Json.parse(text), Network.class);
    } catch (JsonException e) {
      String line = sourceLine(text, e.line());
      throw new UserError(List.of(Diagnostic.error(e.line() > 0 ? new Span(source, e.line(), e.col()) : Span.NONE,
          "invalid IR JSON: " + e.detail(),
          "IR JSON is what 'nmc compile FILE --emit ir' prints; compare with such a file", line)));
    }
  }

  /**
   * Reads a value of {@code type} (a class or a parameterised {@code List}/{@code Map}); throws
   * {@link JsonException} naming the JSON path and position when the value does not fit.
   */
  @SuppressWarnings("unchecked")
  public static <T> T decode(Json json, Type type) {
    return (T) new Decoder().read(json, type, "$");
  }

  private static String sourceLine(String text, int line) {
    if (line <= 0) return "";
    String[] lines = text.split("\n", -1);
    return line <= lines.length ? lines[line - 1].stripTrailing() : "";
  }

  // ---- names ----

  /** {@code FixedProbability -> fixed_probability}, {@code Conv2d -> conv2d}. */
  static String snake(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
        boolean acronymEnd = i > 0 && i + 1 < name.length() && Character.isUpperCase(name.charAt(i - 1))
            && Character.isLowerCase(name.charAt(i + 1));
        if (afterLower || acronymEnd) sb.append('_');
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String enumName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static boolean isSealedInterface(Class<?> c) {
    return c.isInterface() && c.isSealed();
  }

  /** A record's components and canonical constructor, looked up once per class. */
  private record Shape(RecordComponent[] components, Constructor<?> constructor) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> c) {
      RecordComponent[] rc = c.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        if (rc[i].getName().equals("kind") && implementsSealed(c)) {
          throw new IllegalStateException(c.getName() + " implements a sealed interface and so may not have a component named 'kind'");
        }
      }
      try {
        Constructor<?> k = c.getDeclaredConstructor(types);
        k.setAccessible(true);
        return new Shape(rc, k);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + c.getName(), e);
      }
    }
  };

  private static boolean implementsSealed(Class<?> c) {
    for (Class<?> i : c.getInterfaces()) if (i.isSealed()) return true;
    return false;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    throw new IllegalStateException("unsupported type in the IR: " + t);
  }

  private static Type typeArg(Type t, int i) {
    if (t instanceof ParameterizedType p) return p.getActualTypeArguments()[i];
    return Object.class;
  }

  // ---- encoding ----

  private static Json encode(Object v, Type declared) {
    if (v == null) return Json.nul();
    return switch (v) {
      case String s -> Json.of(s);
      case Integer i -> Json.of((long) i);
      case Long l -> Json.of((long) l);
      case Double d -> Json.of((double) d);
      case Float f -> Json.of((double) f);
      case Boolean b -> Json.of((boolean) b);
      case Enum<?> e -> Json.of(enumName(e));
      case Expr e -> Json.of(ExprText.print(e));
      case Dimension d -> Json.of(d.toString());
      case Span s -> Json.of(s.toString());
      case Vec vec -> {
        List<Json> items = new ArrayList<>(vec.size());
        for (int i = 0; i < vec.size(); i++) items.add(Json.of(vec.get(i)));
        yield Json.array(items);
      }
      case Ints ints -> {
        List<Json> items = new ArrayList<>(ints.size());
        for (int i = 0; i < ints.size(); i++) items.add(Json.of((long) ints.get(i)));
        yield Json.array(items);
      }
      case double[] arr -> encode(new Vec(arr), Vec.class);
      case int[] arr -> encode(new Ints(arr), Ints.class);
      case List<?> list -> {
        Type el = typeArg(declared, 0);
        List<Json> items = new ArrayList<>(list.size());
        for (Object o : list) items.add(encode(o, el));
        yield Json.array(items);
      }
      case Map<?, ?> map -> {
        Type el = typeArg(declared, 1);
        Json.ObjBuilder b = Json.object();
        for (Map.Entry<?, ?> e : map.entrySet()) b.put(String.valueOf(e.getKey()), encode(e.getValue(), el));
        yield b.build();
      }
      case Record r -> encodeRecord(r, raw(declared));
      default -> throw new IllegalStateException("no JSON form for " + v.getClass().getName());
    };
  }

  private static Json encodeRecord(Record r, Class<?> declared) {
    Shape shape = SHAPES.get(r.getClass());
    Json.ObjBuilder b = Json.object();
    if (isSealedInterface(declared)) b.put("kind", snake(r.getClass().getSimpleName()));
    for (RecordComponent c : shape.components()) {
      try {
        b.put(c.getName(), encode(c.getAccessor().invoke(r), c.getGenericType()));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
      }
    }
    return b.build();
  }

  // ---- decoding ----

  private static final class Decoder {
    JsonException error(Json at, String path, String msg) {
      return new JsonException(path + ": " + msg, at.pos().line(), at.pos().col());
    }

    Object read(Json j, Type type, String path) {
      Class<?> c = raw(type);
      if (j instanceof Json.Null) {
        if (c.isPrimitive()) throw error(j, path, "expected " + describe(c) + ", found null");
        return null;
      }
      if (c == String.class) return str(j, path, "a string");
      if (c == int.class || c == Integer.class) return (int) integer(j, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (c == long.class || c == Long.class) return integer(j, path, Long.MIN_VALUE, Long.MAX_VALUE);
      if (c == double.class || c == Double.class) return dbl(j, path);
      if (c == boolean.class || c == Boolean.class) {
        if (j instanceof Json.Bool b) return b.value();
        throw error(j, path, "expected true or false, found " + j.describe());
      }
      if (c.isEnum()) return enumValue(j, c, path);
      if (c == Expr.class) {
        String text = str(j, path, "an expression string");
        try {
          return ExprText.parse(text);
        } catch (IllegalArgumentException e) {
          throw error(j, path, "bad expression: " + e.getMessage());
        }
      }
      if (c == Dimension.class) {
        String text = str(j, path, "a dimension such as \"m^2*kg*s^-3*A^-1\"");
        try {
          return Dimension.parse(text);
        } catch (RuntimeException e) {
          throw error(j, path, "bad dimension \"" + text + "\": write SI exponents such as \"m^2*kg*s^-3*A^-1\", or \"1\"");
        }
      }
      if (c == Span.class) {
        String text = str(j, path, "a source position \"file:line:col\"");
        try {
          return Span.parse(text);
        } catch (RuntimeException e) {
          throw error(j, path, "bad source position \"" + text + "\": expected \"file:line:col\" or \"\"");
        }
      }
      if (c == Vec.class) {
        List<Json> items = arr(j, path).items();
        double[] v = new double[items.size()];
        for (int i = 0; i < v.length; i++) v[i] = dbl(items.get(i), path + "[" + i + "]");
        return new Vec(v);
      }
      if (c == Ints.class) {
        List<Json> items = arr(j, path).items();
        int[] v = new int[items.size()];
        for (int i = 0; i < v.length; i++) v[i] = (int) integer(items.get(i), path + "[" + i + "]", Integer.MIN_VALUE, Integer.MAX_VALUE);
        return new Ints(v);
      }
      if (c == double[].class) return ((Vec) read(j, Vec.class, path)).toArray();
      if (c == int[].class) return ((Ints) read(j, Ints.class, path)).values();
      if (List.class.isAssignableFrom(c)) {
        List<Json> items = arr(j, path).items();
        Type el = typeArg(type, 0);
        List<Object> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) out.add(read(items.get(i), el, path + "[" + i + "]"));
        return out;
      }
      if (Map.class.isAssignableFrom(c)) {
        Json.Obj o = obj(j, path);
        Type el = typeArg(type, 1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : o.fields().entrySet()) out.put(e.getKey(), read(e.getValue(), el, path + "." + e.getKey()));
        return out;
      }
      if (isSealedInterface(c)) return sealed(j, c, path);
      if (c.isRecord()) return record(j, c, path, false);
      throw new IllegalStateException("unsupported type in the IR: " + type);
    }

    String describe(Class<?> c) {
      if (c == int.class || c == long.class) return "an integer";
      if (c == double.class) return "a number";
      if (c == boolean.class) return "true or false";
      return "a value";
    }

    String str(Json j, String path, String what) {
      if (j instanceof Json.Str s) return s.value();
      throw error(j, path, "expected " + what + ", found " + j.describe());
    }

    Json.Arr arr(Json j, String path) {
      if (j instanceof Json.Arr a) return a;
      throw error(j, path, "expected an array, found " + j.describe());
    }

    Json.Obj obj(Json j, String path) {
      if (j instanceof Json.Obj o) return o;
      throw error(j, path, "expected an object, found " + j.describe());
    }

    long integer(Json j, String path, long min, long max) {
      if (j instanceof Json.Num n) {
        try {
          long v = Long.parseLong(n.text());
          if (v < min || v > max) throw error(j, path, "the integer " + n.text() + " is out of range [" + min + ", " + max + "]");
          return v;
        } catch (NumberFormatException e) {
          throw error(j, path, "expected an integer, found " + j.describe());
        }
      }
      throw error(j, path, "expected an integer, found " + j.describe());
    }

    double dbl(Json j, String path) {
      Double d = Json.toDouble(j);
      if (d != null) return d;
      throw error(j, path, "expected a number (or \"nan\", \"inf\", \"-inf\"), found " + j.describe());
    }

    Object enumValue(Json j, Class<?> c, String path) {
      String text = str(j, path, "one of " + enumNames(c));
      for (Object k : c.getEnumConstants()) if (enumName((Enum<?>) k).equals(text)) return k;
      throw error(j, path, "unknown value \"" + text + "\"; expected one of " + enumNames(c));
    }

    String enumNames(Class<?> c) {
      List<String> names = new ArrayList<>();
      for (Object k : c.getEnumConstants()) names.add(enumName((Enum<?>) k));
      return String.join(", ", names);
    }

    Object sealed(Json j, Class<?> c, String path) {
      Json.Obj o = obj(j, path);
      Json kind = o.get("kind");
      List<String> kinds = new ArrayList<>();
      for (Class<?> sub : c.getPermittedSubclasses()) kinds.add(snake(sub.getSimpleName()));
      if (kind == null) throw error(j, path, "missing \"kind\" (one of " + String.join(", ", kinds) + ")");
      String k = str(kind, path + ".kind", "a kind name");
      for (Class<?> sub : c.getPermittedSubclasses()) {
        if (snake(sub.getSimpleName()).equals(k)) {
          if (!sub.isRecord()) throw new IllegalStateException(sub.getName() + " is not a record");
          return record(o, sub, path, true);
        }
      }
      throw error(kind, path + ".kind", "unknown kind \"" + k + "\"; expected one of " + String.join(", ", kinds));
    }

    Object record(Json j, Class<?> c, String path, boolean hasKind) {
      Json.Obj o = obj(j, path);
      Shape shape = SHAPES.get(c);
      RecordComponent[] rc = shape.components();
      List<String> names = new ArrayList<>();
      for (RecordComponent r : rc) names.add(r.getName());
      for (Map.Entry<String, Json> e : o.fields().entrySet()) {
        if (hasKind && e.getKey().equals("kind")) continue;
        if (!names.contains(e.getKey())) {
          throw error(e.getValue(), path + "." + e.getKey(), "unknown field \"" + e.getKey() + "\" in "
              + snake(c.getSimpleName()) + " (its fields: " + String.join(", ", names) + ")");
        }
      }
      Object[] args = new Object[rc.length];
      for (int i = 0; i < rc.length; i++) {
        Json f = o.get(rc[i].getName());
        if (f == null) {
          if (rc[i].getType() == Span.class) {
            args[i] = Span.NONE; // positions are optional in hand-written IR
            continue;
          }
          throw error(o, path, "missing field \"" + rc[i].getName() + "\" in " + snake(c.getSimpleName()));
        }
        args[i] = read(f, rc[i].getGenericType(), path + "." + rc[i].getName());
      }
      try {
        return shape.constructor().newInstance(args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
          throw error(o, path, "not a valid " + snake(c.getSimpleName()) + ": " + cause.getMessage());
        }
        throw new IllegalStateException("cannot build " + c.getName(), cause);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot build " + c.getName(), e);
      }
    }
  }
}
