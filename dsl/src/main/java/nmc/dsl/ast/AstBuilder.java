package nmc.dsl.ast;

import java.util.ArrayList;
import java.util.List;
import nmc.dsl.SourceFile;
import nmc.dsl.ast.Ast.*;
import nmc.dsl.parser.SnnParser;
import nmc.dsl.parser.SnnParser.*;
import nmc.ir.Decls;
import nmc.ir.Expr;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** The only class that sees parse-tree contexts: turns a syntactically valid tree into the {@link Ast}. */
public final class AstBuilder {
  private final SourceFile src;

  private AstBuilder(SourceFile src) {
    this.src = src;
  }

  public static Program build(SourceFile src, ProgramContext tree) {
    AstBuilder b = new AstBuilder(src);
    List<Decl> decls = new ArrayList<>();
    for (DeclContext d : tree.decl()) decls.add(b.decl(d));
    return new Program(src, decls);
  }

  private Span span(Token t) {
    return new Span(src.displayName(), t.getLine(), t.getCharPositionInLine() + 1);
  }

  private Span span(ParserRuleContext c) {
    return span(c.getStart());
  }

  private Decl decl(DeclContext d) {
    return switch (d) {
      case ImportDeclContext c -> {
        String text = c.STRING().getText();
        yield new Import(text.substring(1, text.length() - 1), span(c), span(c.STRING().getSymbol()));
      }
      case ModelDeclContext c -> new Model(c.kind.getType() == SnnParser.SYNAPSE, c.name().getText(), span(c),
          span(c.name()), c.modelItem().stream().map(this::item).toList());
      case PopulationDeclContext c -> {
        SignedNumberContext n = c.size;
        double v = Double.parseDouble(n.NUMBER().getText()) * (n.MINUS() != null ? -1 : 1);
        yield new PopulationDecl(c.name(0).getText(), span(c), span(c.name(0)), v, n.getText(), span(n),
            c.model.getText(), span(c.model), args(c.argList()));
      }
      case ProjectionDeclContext c -> new ProjectionDecl(c.name(0).getText(), span(c), span(c.name(0)),
          c.pre.getText(), span(c.pre), c.post.getText(), span(c.post), c.port.getText(), span(c.port),
          c.projectionItem().stream().map(this::projItem).toList());
      case CurrentDeclContext c -> new CurrentDecl(c.name(0).getText(), span(c), span(c.name(0)), c.pop.getText(),
          span(c.pop), c.port.getText(), span(c.port), expr(c.expr()));
      case ProbeDeclContext c -> probe(c.probeSpec(), span(c));
      case RunDeclContext c -> new RunDecl(c.setting().stream()
          .map(s -> new Setting(s.name().getText(), span(s), expr(s.expr()))).toList(), span(c));
      case AnnDeclContext c -> new AnnDecl(c.name().getText(), span(c), span(c.name()),
          c.annItem().stream().map(this::annItem).toList());
      default -> throw new IllegalStateException("unknown declaration " + d.getClass());
    };
  }

  private AnnItem annItem(AnnItemContext i) {
    return switch (i) {
      case AnnInputItemContext c -> new AnnInput(c.dims() != null ? dims(c.dims()).sizes()
          : List.of(Double.parseDouble(c.NUMBER().getText())), span(c));
      case AnnTrainItemContext c -> new AnnTrain(c.annSetting().stream()
          .map(s -> new AnnSetting(s.name().getText(), span(s), annVal(s.annValue()))).toList(), span(c));
      case AnnLayerItemContext c -> new AnnLayer(c.name().getText(), span(c.name()), c.annArg().stream().map(this::annArg).toList(),
          span(c));
      default -> throw new IllegalStateException("unknown ann item " + i.getClass());
    };
  }

  private AnnArg annArg(AnnArgContext a) {
    return new AnnArg(a.name() == null ? null : a.name().getText(), annVal(a.annValue()), span(a));
  }

  private AnnVal annVal(AnnValueContext v) {
    return switch (v) {
      case AnnArrowValueContext c -> new AnnArrow(expr(c.from), expr(c.to), span(c));
      case AnnStringValueContext c -> {
        String t = c.STRING().getText();
        yield new AnnStr(t.substring(1, t.length() - 1), span(c));
      }
      case AnnDimsValueContext c -> new AnnDims(dims(c.dims()), span(c));
      case AnnCallValueContext c -> new AnnCall(c.name().getText(), c.annArg().stream().map(this::annArg).toList(), span(c));
      case AnnExprValueContext c -> new AnnEx(expr(c.expr()), span(c));
      default -> throw new IllegalStateException("unknown ann value " + v.getClass());
    };
  }

  private ProbeDecl probe(ProbeSpecContext p, Span span) {
    return switch (p) {
      case SpikeProbeContext c -> new ProbeDecl(Probe.Kind.SPIKES, c.name().getText(), span(c.name()), null, null,
          selector(c.selector()), null, span);
      case RateProbeContext c -> new ProbeDecl(Probe.Kind.RATE, c.name().getText(), span(c.name()), null, null, null,
          c.expr() == null ? null : expr(c.expr()), span);
      case StateProbeContext c -> new ProbeDecl(Probe.Kind.STATE, c.pop.getText(), span(c.pop), c.var.getText(),
          span(c.var), selector(c.selector()), null, span);
      default -> throw new IllegalStateException("unknown probe " + p.getClass());
    };
  }

  private List<IndexRange> selector(SelectorContext s) {
    if (s == null) return null;
    return s.indexItem().stream().map(i -> new IndexRange(i.from.getText(), i.to == null ? null : i.to.getText(),
        span(i))).toList();
  }

  private Item item(ModelItemContext m) {
    return switch (m) {
      case ParametersItemContext c -> new Params(c.varDecl().stream().map(this::varDecl).toList(), span(c));
      case StateItemContext c -> new State(c.PRE() != null, c.varDecl().stream().map(this::varDecl).toList(), span(c));
      case InputItemContext c -> new Inputs(c.portDecl().stream()
          .map(p -> new PortDecl(p.name().getText(), span(p), expr(p.unit))).toList(), span(c));
      case EquationsItemContext c -> new Equations(c.equation().stream().map(this::equation).toList(), span(c));
      case SpikeItemContext c -> new Spike(expr(c.expr()), c.RISING() != null, span(c));
      case ResetItemContext c -> new Reset(c.assignment().stream().map(this::assignment).toList(), span(c));
      case OnPreItemContext c -> new OnPre(c.assignment().stream().map(this::assignment).toList(), span(c));
      case RefractoryItemContext c -> new Refractory(expr(c.expr()), span(c));
      case MethodItemContext c -> new Method(c.name().getText(), span(c.name()), span(c));
      case WeightDimItemContext c -> new WeightDim(expr(c.expr()), span(c));
      case CurrentItemContext c -> new Current(expr(c.expr()), span(c));
      default -> throw new IllegalStateException("unknown model item " + m.getClass());
    };
  }

  private VarDecl varDecl(VarDeclContext v) {
    return new VarDecl(v.name().getText(), span(v), v.unit == null ? null : expr(v.unit), expr(v.value));
  }

  private Eq equation(EquationContext e) {
    return switch (e) {
      case LetEquationContext c -> new Let(c.name().getText(), span(c.name()), expr(c.expr()));
      case OdeEquationContext c -> new Ode(c.ID(0).getText(), c.ID(1).getText(), span(c), span(c.ID(1).getSymbol()),
          expr(c.expr()), c.UNLESS() != null);
      default -> throw new IllegalStateException("unknown equation " + e.getClass());
    };
  }

  private Assignment assignment(AssignmentContext a) {
    Decls.AssignOp op = switch (a.op.getType()) {
      case SnnParser.ASSIGN -> Decls.AssignOp.SET;
      case SnnParser.ADD_ASSIGN -> Decls.AssignOp.ADD;
      case SnnParser.SUB_ASSIGN -> Decls.AssignOp.SUB;
      default -> Decls.AssignOp.MUL;
    };
    return new Assignment(a.lvalue().getText(), span(a), op, expr(a.expr()));
  }

  private ProjItem projItem(ProjectionItemContext p) {
    return switch (p) {
      case ConnectItemContext c -> new Connect(c.name().getText(), span(c.name()), args(c.argList()), span(c));
      case SynapseItemContext c -> new SynapseRef(c.name().getText(), span(c.name()), args(c.argList()), span(c));
      case WeightItemContext c -> new Weight(expr(c.expr()), span(c));
      case DelayItemContext c -> new Delay(expr(c.expr()), span(c));
      case SignItemContext c -> new SignItem(c.sign.getType() == SnnParser.EXCITATORY ? Projection.Sign.EXCITATORY
          : Projection.Sign.INHIBITORY, span(c));
      default -> throw new IllegalStateException("unknown projection item " + p.getClass());
    };
  }

  private List<Arg> args(ArgListContext a) {
    if (a == null) return List.of();
    return a.arg().stream().map(this::arg).toList();
  }

  private Arg arg(ArgContext a) {
    return switch (a) {
      case NamedArgContext c -> new Arg(ArgKind.NAMED, c.name().getText(),
          c.dims() != null ? dims(c.dims()) : expr(c.expr()), span(c));
      case FromArgContext c -> new Arg(ArgKind.FROM, "from", expr(c.expr()), span(c));
      case ToArgContext c -> new Arg(ArgKind.TO, "to", expr(c.expr()), span(c));
      case DimsArgContext c -> new Arg(ArgKind.POSITIONAL, null, dims(c.dims()), span(c));
      case PositionalArgContext c -> new Arg(ArgKind.POSITIONAL, null, expr(c.expr()), span(c));
      default -> throw new IllegalStateException("unknown argument " + a.getClass());
    };
  }

  private Dims dims(DimsContext d) {
    return new Dims(d.NUMBER().stream().map(n -> Double.parseDouble(n.getText())).toList(), span(d));
  }

  private Ex expr(ExprContext e) {
    return switch (e) {
      case PrimaryExprContext c -> primary(c.primary());
      case PowerExprContext c -> bin(Expr.BinOp.POW, c.expr(0), c.expr(1), c.op);
      case NegExprContext c -> new Un(Expr.UnOp.NEG, expr(c.expr()), span(c));
      case MulExprContext c -> bin(c.op.getType() == SnnParser.STAR ? Expr.BinOp.MUL : Expr.BinOp.DIV, c.expr(0),
          c.expr(1), c.op);
      case AddExprContext c -> bin(c.op.getType() == SnnParser.PLUS ? Expr.BinOp.ADD : Expr.BinOp.SUB, c.expr(0),
          c.expr(1), c.op);
      case CompareExprContext c -> bin(switch (c.op.getType()) {
        case SnnParser.LT -> Expr.BinOp.LT;
        case SnnParser.LE -> Expr.BinOp.LE;
        case SnnParser.GT -> Expr.BinOp.GT;
        case SnnParser.GE -> Expr.BinOp.GE;
        case SnnParser.EQ -> Expr.BinOp.EQ;
        default -> Expr.BinOp.NE;
      }, c.expr(0), c.expr(1), c.op);
      case NotExprContext c -> new Un(Expr.UnOp.NOT, expr(c.expr()), span(c));
      case AndExprContext c -> bin(Expr.BinOp.AND, c.expr(0), c.expr(1), c.op);
      case OrExprContext c -> bin(Expr.BinOp.OR, c.expr(0), c.expr(1), c.op);
      case CondExprContext c -> new Cond(expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)), span(c));
      default -> throw new IllegalStateException("unknown expression " + e.getClass());
    };
  }

  private Ex bin(Expr.BinOp op, ExprContext l, ExprContext r, Token opTok) {
    Ex left = expr(l);
    return new Bin(op, left, expr(r), left.span(), span(opTok));
  }

  private Ex primary(PrimaryContext p) {
    return switch (p) {
      case NumberPrimaryContext c -> withUnit(new Lit(Double.parseDouble(c.NUMBER().getText()), c.NUMBER().getText(),
          span(c)), c.unit);
      case ParenPrimaryContext c -> c.unit == null ? expr(c.expr()) : withUnit(expr(c.expr()), c.unit, span(c));
      case ArrayPrimaryContext c -> withUnit(new Arr(c.expr().stream().map(this::expr).toList(), span(c)), c.unit);
      case CallPrimaryContext c -> new Call(c.name().getText(), args(c.argList()), span(c));
      case NamePrimaryContext c -> new Name(c.getText(), span(c));
      default -> throw new IllegalStateException("unknown primary " + p.getClass());
    };
  }

  private Ex withUnit(Ex value, Token unit) {
    return withUnit(value, unit, value.span());
  }

  private Ex withUnit(Ex value, Token unit, Span start) {
    return unit == null ? value : new Quant(value, unit.getText(), span(unit), start);
  }
}
