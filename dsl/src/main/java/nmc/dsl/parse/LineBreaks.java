package nmc.dsl.parse;

import nmc.dsl.parser.SnnLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * Decides which line breaks end a statement, so the grammar stays free of actions. A line break is dropped
 * inside parentheses or brackets, after a token that cannot end a statement (an operator, {@code =}, a comma),
 * and when the previous token already ended one; the parser sees at most one {@code NL} in a row.
 */
public final class LineBreaks implements TokenSource {
  private final SnnLexer lexer;
  private int depth;
  private int previous = SnnLexer.NL; // the start of a file acts like a line break

  public LineBreaks(SnnLexer lexer) {
    this.lexer = lexer;
  }

  @Override
  public Token nextToken() {
    while (true) {
      Token t = lexer.nextToken();
      int type = t.getType();
      switch (type) {
        case SnnLexer.LPAREN, SnnLexer.LBRACK -> depth++;
        case SnnLexer.RPAREN, SnnLexer.RBRACK -> depth = Math.max(0, depth - 1);
        // braces never sit inside parentheses: an unclosed '(' must not swallow the rest of the file
        case SnnLexer.LBRACE, SnnLexer.RBRACE -> depth = 0;
        default -> {}
      }
      if (type == SnnLexer.NL && (depth > 0 || continues(previous))) continue;
      previous = type;
      return t;
    }
  }

  /** Tokens after which a statement cannot end, so a following line break only continues it. */
  private static boolean continues(int type) {
    return switch (type) {
      case SnnLexer.NL, SnnLexer.SEMI, SnnLexer.LBRACE, SnnLexer.COMMA, SnnLexer.COLON, SnnLexer.DOT,
          SnnLexer.ARROW, SnnLexer.ASSIGN, SnnLexer.ADD_ASSIGN, SnnLexer.SUB_ASSIGN, SnnLexer.MUL_ASSIGN,
          SnnLexer.POW, SnnLexer.PLUS, SnnLexer.MINUS, SnnLexer.STAR, SnnLexer.SLASH, SnnLexer.LT, SnnLexer.LE,
          SnnLexer.GT, SnnLexer.GE, SnnLexer.EQ, SnnLexer.NE, SnnLexer.AND, SnnLexer.OR, SnnLexer.NOT,
          SnnLexer.IF, SnnLexer.THEN, SnnLexer.ELSE, SnnLexer.RANGE -> true;
      default -> false;
    };
  }

  @Override
  public int getLine() {
    return lexer.getLine();
  }

  @Override
  public int getCharPositionInLine() {
    return lexer.getCharPositionInLine();
  }

  @Override
  public CharStream getInputStream() {
    return lexer.getInputStream();
  }

  @Override
  public String getSourceName() {
    return lexer.getSourceName();
  }

  @Override
  public void setTokenFactory(TokenFactory<?> factory) {
    lexer.setTokenFactory(factory);
  }

  @Override
  public TokenFactory<?> getTokenFactory() {
    return lexer.getTokenFactory();
  }
}
