package nmc.ir.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsEveryKindOfValue() {
    Json j = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\n\\u00e9\\\"\"], \"b\": {}} ");
    Json.Obj o = assertInstanceOf(Json.Obj.class, j);
    List<Json> a = ((Json.Arr) o.get("a")).items();
    assertEquals("1", ((Json.Num) a.get(0)).text());
    assertEquals(-2500.0, ((Json.Num) a.get(1)).toDouble());
    assertEquals(true, ((Json.Bool) a.get(2)).value());
    assertInstanceOf(Json.Null.class, a.get(4));
    assertEquals("x\né\"", ((Json.Str) a.get(5)).value());
    assertEquals(new Json.Pos(1, 2), o.pos());
  }

  @Test
  void toDoubleReadsWhatOfDoubleWrites() {
    for (double d : new double[] {0.1, -3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertEquals(d, Json.toDouble(Json.of(d)));
    }
    assertEquals(null, Json.toDouble(Json.of("infinity")));
    assertEquals(null, Json.toDouble(Json.of(true)));
  }

  @Test
  void positionsCountLinesAndColumns() {
    Json.Obj o = (Json.Obj) Json.parse("{\n  \"a\": 1,\n\n    \"b\": [true]\n}");
    assertEquals(new Json.Pos(2, 8), o.get("a").pos());
    assertEquals(new Json.Pos(4, 10), o.get("b").pos());
  }

  @Test
  void rejectsWhatRfc8259Rejects() {
    for (String bad : List.of("[1,]", "{,}", "[01]", "[1.]", "[.5]", "[-]", "[1e]", "[+1]", "\"a\nb\"", "\"\\x\"",
        "[NaN]", "tru", "{\"a\" 1}", "{a: 1}", "[1 2]", "\"abc", "[", "{\"a\": 1", "nul")) {
      assertThrows(JsonException.class, () -> Json.parse(bad), bad);
    }
  }

  @Test
  void errorsCarryLineAndColumn() {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse("[\n 1,\n 2 3]"));
    assertEquals(3, e.line());
    assertEquals(4, e.col());
    assertTrue(e.getMessage().startsWith("line 3, column 4: expected ',' or ']'"), e.getMessage());
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(100000);
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nesting deeper"));
  }

  @Test
  void prettyPrintingKeepsScalarArraysOnOneLine() {
    Json j = Json.object().put("a", Json.array(List.of(Json.of(1), Json.of(2.5))))
        .put("b", Json.array(List.of(Json.object().put("x", 1).build()))).put("c", Json.object().build()).build();
    assertEquals("{\n  \"a\": [1, 2.5],\n  \"b\": [\n    {\n      \"x\": 1\n    }\n  ],\n  \"c\": {}\n}\n", Json.print(j));
    assertEquals("{\"a\": [1, 2.5], \"b\": [{\"x\": 1}], \"c\": {}}", Json.printCompact(j));
  }

  @Test
  void anyStringSurvivesARoundTrip() {
    qt().withFixedSeed(42L).withExamples(1000)
        .forAll(strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(s -> {
          String text = Json.print(Json.of(s));
          assertEquals(s, ((Json.Str) Json.parse(text)).value());
          assertTrue(text.chars().noneMatch(c -> c < 0x20 && c != '\n'), "control characters are escaped");
        });
  }

  @Test
  void anyDoubleSurvivesARoundTrip() {
    qt().withFixedSeed(42L).withExamples(2000)
        .forAll(org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert(bits -> {
          double d = Double.longBitsToDouble(bits);
          Json j = Json.parse(Json.printCompact(Json.of(d)));
          double back = j instanceof Json.Num n ? n.toDouble() : switch (((Json.Str) j).value()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.NEGATIVE_INFINITY;
          };
          assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(back));
        });
  }
}
