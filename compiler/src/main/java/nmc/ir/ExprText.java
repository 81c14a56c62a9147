package nmc.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@link Expr} trees with the fewest parentheses that keep the tree, and parses them back:
 * {@code parse(print(e)).equals(e)} for every tree. A minus directly before a number literal is part of the
 * literal ({@code -2.0} is {@code Num(-2.0)}); negation of a literal prints as {@code -(2.0)}.
 */
public final class ExprText {
  private ExprText() {}

  private static final int COND = 0, UNARY_NOT = 3, UNARY_NEG = 7, ATOM = 10;

  public static String print(Expr e) {
    StringBuilder sb = new StringBuilder();
    print(e, sb);
    return sb.toString();
  }

  private static int prec(Expr e) {
    return switch (e) {
      case Expr.Cond c -> COND;
      case Expr.Binary b -> b.op().precedence;
      case Expr.Unary u -> u.op() == Expr.UnOp.NEG ? UNARY_NEG : UNARY_NOT;
      case Expr.Num n -> n.value() < 0 || isNegZero(n.value()) ? UNARY_NEG : ATOM;
      case Expr.Ref r -> ATOM;
      case Expr.Call c -> ATOM;
    };
  }

  private static boolean isNegZero(double v) {
    return v == 0 && 1 / v < 0;
  }

  private static void wrap(Expr e, boolean parens, StringBuilder sb) {
    if (parens) sb.append('(');
    print(e, sb);
    if (parens) sb.append(')');
  }

  private static void print(Expr e, StringBuilder sb) {
    switch (e) {
      case Expr.Num n -> sb.append(number(n.value()));
      case Expr.Ref r -> sb.append(r.name());
      case Expr.Unary u -> {
        sb.append(u.op().text);
        int p = prec(u);
        boolean parens = u.operand() instanceof Expr.Num || prec(u.operand()) < p
            || (u.op() == Expr.UnOp.NEG && u.operand() instanceof Expr.Unary);
        wrap(u.operand(), parens, sb);
      }
      case Expr.Binary b -> {
        int p = b.op().precedence;
        boolean rightAssoc = b.op() == Expr.BinOp.POW;
        boolean nonAssoc = b.op().isComparison();
        boolean lp = rightAssoc || nonAssoc ? prec(b.left()) <= p : prec(b.left()) < p;
        // a negative literal or a negation on the left of ** must be bracketed: -2**2 parses as -(2**2)
        boolean rp = rightAssoc ? prec(b.right()) < p : prec(b.right()) <= p;
        wrap(b.left(), lp, sb);
        sb.append(' ').append(b.op().text).append(' ');
        wrap(b.right(), rp, sb);
      }
      case Expr.Call c -> {
        sb.append(c.fn().name).append('(');
        for (int i = 0; i < c.args().size(); i++) {
          if (i > 0) sb.append(", ");
          print(c.args().get(i), sb);
        }
        sb.append(')');
      }
      case Expr.Cond c -> {
        sb.append("if ");
        print(c.cond(), sb);
        sb.append(" then ");
        print(c.then(), sb);
        sb.append(" else ");
        print(c.otherwise(), sb);
      }
    }
  }

  /** Shortest text that reads back as the same double. */
  public static String number(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !isNegZero(v)) return Long.toString((long) v) + ".0";
    return Double.toString(v);
  }

  public static Expr parse(String text) {
    Parser p = new Parser(text);
    Expr e = p.expr();
    p.skip();
    if (p.pos != text.length()) throw p.error("unexpected '" + text.substring(p.pos) + "'");
    return e;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String msg) {
      return new IllegalArgumentException("in expression '" + s + "' at " + pos + ": " + msg);
    }

    void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    boolean word(String w) {
      skip();
      if (s.startsWith(w, pos) && (pos + w.length() == s.length() || !Character.isJavaIdentifierPart(s.charAt(pos + w.length())))) {
        pos += w.length();
        return true;
      }
      return false;
    }

    boolean sym(String t) {
      skip();
      if (s.startsWith(t, pos)) {
        pos += t.length();
        return true;
      }
      return false;
    }

    Expr expr() {
      if (word("if")) {
        Expr c = expr();
        if (!word("then")) throw error("expected 'then'");
        Expr a = expr();
        if (!word("else")) throw error("expected 'else'");
        return new Expr.Cond(c, a, expr());
      }
      return binary(1);
    }

    /** The longest operator of the given precedence at the cursor, or null. */
    Expr.BinOp peekOp(int prec) {
      skip();
      Expr.BinOp best = null;
      for (Expr.BinOp op : Expr.BinOp.values()) {
        if (op.precedence != prec) continue;
        boolean isWord = Character.isLetter(op.text.charAt(0));
        boolean match = isWord ? s.startsWith(op.text, pos) && !(pos + op.text.length() < s.length()
            && Character.isJavaIdentifierPart(s.charAt(pos + op.text.length()))) : s.startsWith(op.text, pos);
        if (match && (best == null || op.text.length() > best.text.length())) best = op;
      }
      if (best == Expr.BinOp.MUL && s.startsWith("**", pos)) return null; // '*' is not the start of '**'
      return best;
    }

    // or := and ('or' and)* ; and := not ('and' not)* ; not := 'not' not | cmp ; cmp := add (op add)?
    // add := mul (('+'|'-') mul)* ; mul := unary (('*'|'/') unary)* ; unary := '-' unary | power
    Expr binary(int prec) {
      if (prec == UNARY_NOT) {
        if (word("not")) return new Expr.Unary(Expr.UnOp.NOT, binary(UNARY_NOT));
        return binary(4);
      }
      if (prec == UNARY_NEG) return unary();
      Expr left = binary(prec + 1);
      while (true) {
        Expr.BinOp op = peekOp(prec);
        if (op == null) return left;
        pos += op.text.length();
        Expr right = binary(prec + 1);
        left = new Expr.Binary(op, left, right);
        if (op.isComparison()) return left;
      }
    }

    Expr unary() {
      skip();
      if (pos < s.length() && s.charAt(pos) == '-') {
        pos++;
        skip();
        // "inf" only as a whole word: -infinity is the negation of a name
        boolean inf = s.startsWith("inf", pos) && (pos + 3 == s.length() || !Character.isJavaIdentifierPart(s.charAt(pos + 3)));
        if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || inf)) {
          int save = pos;
          double v = literal();
          skip();
          if (!s.startsWith("**", pos)) return new Expr.Num(-v);
          pos = save;
        }
        return new Expr.Unary(Expr.UnOp.NEG, unary());
      }
      return power();
    }

    Expr power() {
      Expr base = atom();
      skip();
      if (s.startsWith("**", pos)) {
        pos += 2;
        return new Expr.Binary(Expr.BinOp.POW, base, unary());
      }
      return base;
    }

    double literal() {
      if (word("inf")) return Double.POSITIVE_INFINITY;
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
      if (pos < s.length() && (s.charAt(pos) == 'E' || s.charAt(pos) == 'e')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) pos++;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
      }
      try {
        return Double.parseDouble(s.substring(start, pos));
      } catch (NumberFormatException ex) {
        throw error("bad number");
      }
    }

    Expr atom() {
      skip();
      if (pos >= s.length()) throw error("expected an operand");
      char c = s.charAt(pos);
      if (c == '(') {
        pos++;
        Expr e = expr();
        if (!sym(")")) throw error("expected ')'");
        return e;
      }
      if (Character.isDigit(c)) return new Expr.Num(literal());
      if (word("nan")) return new Expr.Num(Double.NaN);
      if (word("inf")) return new Expr.Num(Double.POSITIVE_INFINITY);
      if (Character.isJavaIdentifierStart(c)) {
        int start = pos;
        while (pos < s.length() && (Character.isJavaIdentifierPart(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
        String name = s.substring(start, pos);
        skip();
        if (pos < s.length() && s.charAt(pos) == '(') {
          Expr.Fn fn = Expr.Fn.byName(name);
          if (fn == null) throw error("unknown function " + name);
          pos++;
          List<Expr> args = new ArrayList<>();
          if (!sym(")")) {
            do args.add(expr()); while (sym(","));
            if (!sym(")")) throw error("expected ')'");
          }
          return new Expr.Call(fn, args);
        }
        return new Expr.Ref(name);
      }
      throw error("unexpected '" + c + "'");
    }
  }
}
