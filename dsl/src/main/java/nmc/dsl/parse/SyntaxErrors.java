package nmc.dsl.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nmc.dsl.Diags;
import nmc.dsl.parser.SnnLexer;
import nmc.dsl.parser.SnnParser;
import nmc.ir.Span;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's reports into plain words, "expected X but found Y", and keeps one per line: after the first
 * error on a line the parser's recovery mostly produces echoes of it.
 */
final class SyntaxErrors extends BaseErrorListener {
  private final String file;
  private final Diags diags;
  private final Set<Integer> linesReported = new HashSet<>();
  int count;

  SyntaxErrors(String file, Diags diags) {
    this.file = file;
    this.diags = diags;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
      RecognitionException e) {
    Token tok = offending instanceof Token t ? t : null;
    String found = tok == null ? "this" : describe(tok);
    boolean runOn = false;
    // a statement left open (an unclosed parenthesis) runs into the next line: point at the end of the open one
    if (tok != null && recognizer instanceof Parser p && tok.getTokenIndex() > 0 && tok.getType() != SnnLexer.NL) {
      Token prev = p.getTokenStream().get(tok.getTokenIndex() - 1);
      if (prev.getLine() < tok.getLine() && prev.getType() != SnnLexer.NL) {
        line = prev.getLine();
        col = prev.getCharPositionInLine() + prev.getText().length();
        found = "end of line";
        runOn = true;
      }
    }
    if (!linesReported.add(line)) return;
    count++;
    IntervalSet expected = null;
    if (recognizer instanceof Parser p) expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : p.getExpectedTokens();
    String want = expected == null ? null : expectedText(expected);
    String message = want == null ? "unexpected " + found : "expected " + want + " but found " + found;
    String hint = runOn && expected != null && expected.contains(SnnLexer.RPAREN) ? "a '(' on this line is not closed"
        : runOn && expected != null && expected.contains(SnnLexer.RBRACK) ? "a '[' on this line is not closed"
        : hint(tok, expected);
    diags.error(new Span(file, line, col + 1), message, hint);
  }

  private static String hint(Token tok, IntervalSet expected) {
    if (tok == null || expected == null) return "";
    if (tok.getType() == SnnLexer.ERROR_CHAR) return "this character has no meaning in the language";
    if (tok.getType() == SnnLexer.NUMBER && expected.contains(SnnLexer.ID) && !expected.contains(SnnLexer.NUMBER)) {
      return "names start with a letter or '_'";
    }
    if (expected.contains(SnnLexer.NL) && tok.getType() != SnnLexer.EOF) {
      return "put one statement per line, or separate statements with ';'";
    }
    return "";
  }

  static String describe(Token t) {
    return switch (t.getType()) {
      case Token.EOF -> "end of file";
      case SnnLexer.NL -> "end of line";
      case SnnLexer.STRING -> "the text " + t.getText();
      case SnnLexer.NUMBER -> "the number " + t.getText();
      default -> "'" + t.getText() + "'";
    };
  }

  /** A short list of what would have been accepted, or null when it is too long to help. */
  static String expectedText(IntervalSet set) {
    List<String> items = new ArrayList<>();
    boolean value = set.contains(SnnLexer.NUMBER) && set.contains(SnnLexer.LPAREN) && set.contains(SnnLexer.ID);
    boolean name = !value && set.contains(SnnLexer.ID);
    if (value) items.add("a value");
    if (name) items.add("a name");
    if (set.contains(SnnLexer.NL) || set.contains(SnnLexer.SEMI)) items.add("end of line");
    boolean operator = OPERATORS.stream().filter(set::contains).count() >= 3;
    if (operator) items.add("an operator");
    for (int type : set.toList()) {
      if (value && (type == SnnLexer.NUMBER || type == SnnLexer.LPAREN || type == SnnLexer.LBRACK
          || type == SnnLexer.MINUS || type == SnnLexer.NOT || type == SnnLexer.IF || isName(type))) continue;
      if (name && isName(type)) continue;
      if (type == SnnLexer.NL || type == SnnLexer.SEMI) continue;
      if (operator && OPERATORS.contains(type)) continue;
      items.add(switch (type) {
        case Token.EOF -> "end of file";
        case SnnLexer.NUMBER -> "a number";
        case SnnLexer.STRING -> "a file name in quotes";
        case SnnLexer.ID -> "a name";
        default -> SnnParser.VOCABULARY.getLiteralName(type) == null ? SnnParser.VOCABULARY.getDisplayName(type)
            : SnnParser.VOCABULARY.getLiteralName(type);
      });
    }
    if (items.isEmpty() || items.size() > 6) return null;
    if (items.size() == 1) return items.get(0);
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  private static final List<Integer> OPERATORS = List.of(SnnLexer.POW, SnnLexer.STAR, SnnLexer.SLASH,
      SnnLexer.PLUS, SnnLexer.MINUS, SnnLexer.LT, SnnLexer.LE, SnnLexer.GT, SnnLexer.GE, SnnLexer.EQ, SnnLexer.NE,
      SnnLexer.AND, SnnLexer.OR);

  /** Token types the grammar's {@code name} rule accepts. */
  private static boolean isName(int type) {
    return type == SnnLexer.ID || (type >= SnnLexer.IMPORT && type <= SnnLexer.TO);
  }
}
