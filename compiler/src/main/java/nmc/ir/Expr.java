package nmc.ir;

import java.util.List;

/**
 * The expression form of equations, conditions and initial values, in SI units. Booleans are numbers
 * (1 true, 0 false), as in C. Names ({@link Ref}) are resolved by the enclosing model: parameters, state
 * variables and input ports of a neuron; in a synapse also {@code w}, {@code pre.x} and {@code post.x};
 * everywhere {@code t} (time) and {@code dt}. {@link nmc.ir.ExprText} prints and parses this form.
 */
public sealed interface Expr {
  record Num(double value) implements Expr {}

  record Ref(String name) implements Expr {
    public Ref {
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty name");
    }
  }

  record Unary(UnOp op, Expr operand) implements Expr {}

  record Binary(BinOp op, Expr left, Expr right) implements Expr {}

  record Call(Fn fn, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
      if (args.size() != fn.arity) throw new IllegalArgumentException(fn.name + " takes " + fn.arity + " arguments");
    }
  }

  /** {@code if cond then a else b}. */
  record Cond(Expr cond, Expr then, Expr otherwise) implements Expr {}

  enum UnOp {
    NEG("-"), NOT("not ");
    public final String text;

    UnOp(String text) {
      this.text = text;
    }
  }

  /** Binary operators with their precedence (higher binds tighter). */
  enum BinOp {
    OR("or", 1), AND("and", 2),
    LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4), EQ("==", 4), NE("!=", 4),
    ADD("+", 5), SUB("-", 5), MUL("*", 6), DIV("/", 6), POW("**", 8);
    public final String text;
    public final int precedence;

    BinOp(String text, int precedence) {
      this.text = text;
      this.precedence = precedence;
    }

    public boolean isComparison() {
      return precedence == 4;
    }

    public boolean isLogical() {
      return precedence <= 2;
    }
  }

  /** Built-in functions; arguments of the transcendental ones must be dimensionless. */
  enum Fn {
    EXP("exp", 1), LOG("log", 1), LOG10("log10", 1), SQRT("sqrt", 1), ABS("abs", 1),
    SIN("sin", 1), COS("cos", 1), TAN("tan", 1), TANH("tanh", 1), SINH("sinh", 1), COSH("cosh", 1),
    ATAN("atan", 1), FLOOR("floor", 1), CEIL("ceil", 1), MIN("min", 2), MAX("max", 2);
    public final String name;
    public final int arity;

    Fn(String name, int arity) {
      this.name = name;
      this.arity = arity;
    }

    public static Fn byName(String n) {
      for (Fn f : values()) if (f.name.equals(n)) return f;
      return null;
    }

    /** Functions that need a dimensionless argument and return a dimensionless value. */
    public boolean isTranscendental() {
      return switch (this) {
        case ABS, FLOOR, CEIL, MIN, MAX, SQRT -> false;
        default -> true;
      };
    }
  }

  static Expr num(double v) {
    return new Num(v);
  }

  static Expr ref(String n) {
    return new Ref(n);
  }

  static Expr bin(BinOp op, Expr l, Expr r) {
    return new Binary(op, l, r);
  }

  /** Prints in the language's own syntax; {@code ExprText.parse(e.toText())} gives back {@code e}. */
  default String toText() {
    return ExprText.print(this);
  }
}
