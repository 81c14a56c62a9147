package nmc.dsl.parse;

import nmc.dsl.Diags;
import nmc.dsl.SourceFile;
import nmc.dsl.parser.SnnLexer;
import nmc.dsl.parser.SnnParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Runs the parser: fast SLL prediction first, and full LL with error reporting only when that fails. */
public final class Parsing {
  private Parsing() {}

  /** The parse tree of {@code src}, or null after reporting its syntax errors to {@code diags}. */
  public static SnnParser.ProgramContext parse(SourceFile src, Diags diags) {
    SnnLexer lexer = new SnnLexer(CharStreams.fromString(src.text(), src.displayName()));
    lexer.removeErrorListeners(); // ERROR_CHAR turns every stray character into a token the parser reports
    CommonTokenStream tokens = new CommonTokenStream(new LineBreaks(lexer));
    SnnParser parser = new SnnParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.program();
    } catch (ParseCancellationException slow) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new DefaultErrorStrategy());
      SyntaxErrors errors = new SyntaxErrors(src.displayName(), diags);
      parser.addErrorListener(errors);
      SnnParser.ProgramContext tree = parser.program();
      return errors.count == 0 ? tree : null;
    }
  }
}
