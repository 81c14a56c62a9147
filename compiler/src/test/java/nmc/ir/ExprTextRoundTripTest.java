package nmc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code ExprText.parse(ExprText.print(e)).equals(e)} for random expression trees, and a few fixed cases. */
class ExprTextRoundTripTest {
  /** Names chosen to tempt the parser: prefixes of keywords and functions, dotted names. */
  static final List<String> NAMES = List.of("v", "x1", "tau_m", "pre.v", "post.g_ex", "order", "android", "note",
      "iffy", "thenar", "elsewhere", "infinity", "nano", "e", "E2", "exponent", "minimal", "w");

  static double number(SplittableRandom r) {
    return switch (r.nextInt(9)) {
      case 0 -> r.nextInt(-5, 6);
      case 1 -> r.nextDouble() * 10;
      case 2 -> -r.nextDouble() * 1e-3;
      case 3 -> Double.longBitsToDouble(r.nextLong()); // any double, NaN and infinities included
      case 4 -> 1e-300 * r.nextDouble();
      case 5 -> -0.0;
      case 6 -> Double.POSITIVE_INFINITY;
      case 7 -> Double.NEGATIVE_INFINITY;
      default -> 1e20 * r.nextInt(1, 100);
    };
  }

  static Expr expr(SplittableRandom r, int depth) {
    int pick = depth <= 0 ? r.nextInt(2) : r.nextInt(7);
    return switch (pick) {
      case 0 -> new Expr.Num(number(r));
      case 1 -> new Expr.Ref(NAMES.get(r.nextInt(NAMES.size())));
      case 2 -> new Expr.Unary(Expr.UnOp.values()[r.nextInt(2)], expr(r, depth - 1));
      case 3, 4 -> new Expr.Binary(Expr.BinOp.values()[r.nextInt(Expr.BinOp.values().length)], expr(r, depth - 1), expr(r, depth - 1));
      case 5 -> {
        Expr.Fn fn = Expr.Fn.values()[r.nextInt(Expr.Fn.values().length)];
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < fn.arity; i++) args.add(expr(r, depth - 1));
        yield new Expr.Call(fn, args);
      }
      default -> new Expr.Cond(expr(r, depth - 1), expr(r, depth - 1), expr(r, depth - 1));
    };
  }

  @Test
  void printThenParseGivesTheSameTree() {
    qt().withFixedSeed(42L).withExamples(20_000)
        .forAll(longs().all())
        .checkAssert(seed -> {
          Expr e = expr(new SplittableRandom(seed), 5);
          String text = ExprText.print(e);
          assertEquals(e, ExprText.parse(text), text);
        });
  }

  @Test
  void fixedCases() {
    Expr negLit = new Expr.Num(-2);
    assertEquals("(-2.0) ** 2.0", ExprText.print(Expr.bin(Expr.BinOp.POW, negLit, Expr.num(2))));
    Expr negPow = new Expr.Unary(Expr.UnOp.NEG, Expr.bin(Expr.BinOp.POW, Expr.num(2), Expr.num(2)));
    assertEquals(negPow, ExprText.parse(ExprText.print(negPow)));
    assertEquals(new Expr.Unary(Expr.UnOp.NEG, Expr.ref("infinity")), ExprText.parse("-infinity"));
    assertEquals(Expr.bin(Expr.BinOp.POW, Expr.ref("a"), Expr.bin(Expr.BinOp.POW, Expr.ref("b"), Expr.ref("c"))),
        ExprText.parse("a ** b ** c"));
    assertEquals(Expr.bin(Expr.BinOp.SUB, Expr.bin(Expr.BinOp.SUB, Expr.ref("a"), Expr.ref("b")), Expr.ref("c")),
        ExprText.parse("a - b - c"));
    assertThrows(IllegalArgumentException.class, () -> ExprText.parse("a +"));
    assertThrows(IllegalArgumentException.class, () -> ExprText.parse("foo(1)"));
  }
}
