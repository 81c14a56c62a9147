package nmc.dsl.lower;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.DatasetSpec;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.ShapeCheck;
import nmc.ann.Training;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Suggest;
import nmc.dsl.check.Typed;
import nmc.ir.Dimension;
import nmc.ir.Span;

/**
 * Checks an {@code ann} block and lowers it to an {@link AnnModel}: layer arguments, shapes from the input to the
 * last layer (an error names both shapes), and the train block. Returns null after reporting.
 */
final class AnnLowering {
  static final List<String> LAYERS = List.of("dense", "conv2d", "max_pool", "avg_pool", "flatten", "dropout", "batch_norm",
      "threshold", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softmax", "swish");
  static final List<String> SETTINGS = List.of("dataset", "loss", "optimizer", "learning_rate", "schedule", "batch_size", "epochs",
      "init", "seed", "weight_decay", "train_limit", "test_limit");

  private final Ctx ctx;
  private boolean ok;

  AnnLowering(Ctx ctx) {
    this.ctx = ctx;
  }

  AnnModel lower(Ast.AnnDecl d, Path dir) {
    ok = true;
    Shape input = null;
    Ast.AnnTrain train = null;
    List<Ast.AnnLayer> layerItems = new ArrayList<>();
    for (Ast.AnnItem it : d.items()) {
      switch (it) {
        case Ast.AnnInput in -> {
          if (input != null) {
            error(in.span(), "a second input shape in ann " + d.name(), "an ann has one input line");
          } else if (!layerItems.isEmpty()) {
            error(in.span(), "the input shape must come before the layers", "move it to the top of the block");
          } else {
            input = inputShape(in);
          }
        }
        case Ast.AnnTrain t -> {
          if (train != null) error(t.span(), "a second train block in ann " + d.name(), "the first is at " + train.span());
          else train = t;
        }
        case Ast.AnnLayer l -> layerItems.add(l);
      }
    }
    if (input == null && ok) {
      error(d.nameSpan(), "ann " + d.name() + " has no input shape", "start the block with e.g. input 28 x 28 x 1 (height x width x channels)");
    }
    if (layerItems.isEmpty()) error(d.nameSpan(), "ann " + d.name() + " has no layers", "add layers such as dense(784 -> 10)");
    List<Layer> layers = new ArrayList<>();
    Shape s = input;
    for (Ast.AnnLayer li : layerItems) {
      Layer l = layer(li, s);
      if (l == null) {
        s = null;
        continue;
      }
      layers.add(l);
      if (s == null) continue;
      ShapeCheck.Result r = ShapeCheck.apply(l, s);
      if (r.error() != null) {
        error(li.nameSpan(), r.error(), r.hint());
        s = null;
      } else {
        s = r.shape();
      }
    }
    Training training = training(train, dir);
    if (!ok || input == null || training == null) return null;
    return new AnnModel(d.name(), input, layers, training, d.span());
  }

  private void error(Span at, String msg, String hint) {
    ctx.diags.error(at, msg, hint);
    ok = false;
  }

  private Shape inputShape(Ast.AnnInput in) {
    List<Double> dims = in.dims();
    for (double v : dims) {
      if (v < 1 || v != Math.rint(v) || v > 1 << 24) {
        error(in.span(), "input sizes are whole numbers of at least 1", "e.g. input 28 x 28 x 1");
        return null;
      }
    }
    if (dims.size() == 1) return Shape.flat(dims.get(0).intValue());
    if (dims.size() > 3) {
      error(in.span(), "an input has at most 3 sizes (height x width x channels), not " + dims.size(), "e.g. input 28 x 28 x 1");
      return null;
    }
    return Shape.hwc(dims.get(0).intValue(), dims.get(1).intValue(), dims.size() > 2 ? dims.get(2).intValue() : 1);
  }

  // ---- layers ----

  private Layer layer(Ast.AnnLayer l, Shape in) {
    String n = l.name();
    Span sp = l.nameSpan();
    if (!LAYERS.contains(n)) {
      error(sp, "unknown layer " + n, Suggest.hint(n, LAYERS, "layers"));
      return null;
    }
    Activation act = Activation.byWord(n);
    if (act != null) {
      Map<String, Ast.AnnVal> a = bind(n, l.args(), act.hasAlpha() ? List.of("alpha") : List.of(), act.hasAlpha() ? 1 : 0, 0, sp);
      if (a == null) return null;
      double alpha = a.containsKey("alpha") ? number(a.get("alpha"), "alpha of " + n) : act.defaultAlpha();
      return Double.isNaN(alpha) ? null : new Layer.Act(act, alpha, sp);
    }
    return switch (n) {
      case "dense" -> {
        Map<String, Ast.AnnVal> a = bind(n, l.args(), List.of("out"), 1, 1, sp);
        if (a == null) yield null;
        int[] io = arrow(a.get("out"), in == null ? -1 : in.size(), "dense", "inputs", "outputs");
        yield io == null ? null : new Layer.Dense(io[0], io[1], sp);
      }
      case "conv2d" -> {
        Map<String, Ast.AnnVal> a = bind(n, l.args(), List.of("channels", "kernel", "stride", "padding"), 2, 2, sp);
        if (a == null) yield null;
        int[] io = arrow(a.get("channels"), in == null ? -1 : in.channels(), "conv2d", "input channels", "output channels");
        int[] k = shape(a.get("kernel"), "kernel");
        int stride = a.containsKey("stride") ? whole(a.get("stride"), "stride", 1) : 1;
        int pad = a.containsKey("padding") ? whole(a.get("padding"), "padding", 0) : 0;
        if (io == null || k == null || stride < 0 || pad < 0) yield null;
        yield new Layer.Conv2d(io[0], io[1], k[0], k[1], stride, pad, sp);
      }
      case "max_pool", "avg_pool" -> {
        Map<String, Ast.AnnVal> a = bind(n, l.args(), List.of("size", "stride"), 1, 1, sp);
        if (a == null) yield null;
        int[] k = shape(a.get("size"), "window");
        int stride = a.containsKey("stride") ? whole(a.get("stride"), "stride", 1) : k == null ? 1 : k[0];
        if (k == null || stride < 0) yield null;
        yield new Layer.Pool(n.equals("max_pool") ? Layer.PoolKind.MAX : Layer.PoolKind.AVG, k[0], k[1], stride, sp);
      }
      case "flatten" -> bind(n, l.args(), List.of(), 0, 0, sp) == null ? null : new Layer.Flatten(sp);
      case "dropout" -> {
        Map<String, Ast.AnnVal> a = bind(n, l.args(), List.of("p"), 1, 1, sp);
        if (a == null) yield null;
        double p = number(a.get("p"), "the dropout probability");
        if (Double.isNaN(p)) yield null;
        if (p < 0 || p >= 1) {
          error(a.get("p").span(), "the dropout probability must be in [0, 1), not " + p, "e.g. dropout(0.2)");
          yield null;
        }
        yield new Layer.Dropout(p, sp);
      }
      case "batch_norm" -> {
        Map<String, Ast.AnnVal> a = bind(n, l.args(), List.of("eps", "momentum"), 0, 0, sp);
        if (a == null) yield null;
        double eps = a.containsKey("eps") ? number(a.get("eps"), "eps") : 1e-5;
        double mom = a.containsKey("momentum") ? number(a.get("momentum"), "momentum") : 0.1;
        if (Double.isNaN(eps) || Double.isNaN(mom)) yield null;
        if (!(eps > 0) || !(mom > 0 && mom <= 1)) {
          error(sp, "batch_norm needs eps > 0 and momentum in (0, 1]", "the defaults are eps = 1e-5, momentum = 0.1");
          yield null;
        }
        yield new Layer.BatchNorm(eps, mom, sp);
      }
      default -> throw new IllegalStateException(n);
    };
  }

  /**
   * {@code a -> b} or just {@code b} (then a is the size coming in, {@code known}, or an error when unknown).
   * Returns {in, out} or null after reporting.
   */
  private int[] arrow(Ast.AnnVal v, int known, String layer, String inWord, String outWord) {
    if (v instanceof Ast.AnnArrow ar) {
      int a = whole(new Ast.AnnEx(ar.from(), ar.from().span()), "the number of " + inWord, 1);
      int b = whole(new Ast.AnnEx(ar.to(), ar.to().span()), "the number of " + outWord, 1);
      return a < 0 || b < 0 ? null : new int[] {a, b};
    }
    int b = whole(v, "the number of " + outWord, 1);
    if (b < 0) return null;
    if (known < 0) {
      if (ok) error(v.span(), "cannot tell how many " + inWord + " " + layer + " gets here", "write both: " + layer + "(IN -> " + b + ")");
      return null;
    }
    return new int[] {known, b};
  }

  /** {@code 3 x 3} or {@code 3} (square). */
  private int[] shape(Ast.AnnVal v, String what) {
    if (v instanceof Ast.AnnDims d) {
      List<Double> s = d.dims().sizes();
      if (s.size() != 2 || s.stream().anyMatch(x -> x < 1 || x != Math.rint(x))) {
        error(v.span(), "a " + what + " is height x width, two whole numbers of at least 1", "e.g. 3 x 3");
        return null;
      }
      return new int[] {s.get(0).intValue(), s.get(1).intValue()};
    }
    int k = whole(v, "the " + what + " size", 1);
    return k < 0 ? null : new int[] {k, k};
  }

  // ---- the train block ----

  private Training training(Ast.AnnTrain t, Path dir) {
    Training d = Training.DEFAULT;
    if (t == null) return d;
    DatasetSpec dataset = d.dataset();
    Training.Loss loss = d.loss();
    Training.Optimizer opt = d.optimizer();
    double lr = d.learningRate(), wd = d.weightDecay();
    Training.Schedule schedule = d.schedule();
    int batch = d.batchSize(), epochs = d.epochs(), trainLimit = 0, testLimit = 0;
    Training.Init init = d.init();
    long seed = d.seed();
    Map<String, Span> seen = new LinkedHashMap<>();
    boolean good = true;
    for (Ast.AnnSetting s : t.settings()) {
      if (!SETTINGS.contains(s.name())) {
        error(s.span(), "unknown training setting " + s.name(), Suggest.hint(s.name(), SETTINGS, "settings"));
        good = false;
        continue;
      }
      if (seen.putIfAbsent(s.name(), s.span()) != null) {
        error(s.span(), "'" + s.name() + "' is set twice", "the first is at " + seen.get(s.name()));
        good = false;
        continue;
      }
      Ast.AnnVal v = s.value();
      switch (s.name()) {
        case "dataset" -> {
          dataset = dataset(v, dir);
          good &= dataset != null;
        }
        case "loss" -> {
          String w = word(v, "a loss", Training.Loss.words());
          good &= w != null;
          if (w != null) loss = Training.Loss.byWord(w);
        }
        case "optimizer" -> {
          opt = optimizer(v);
          good &= opt != null;
        }
        case "learning_rate" -> {
          lr = positive(v, "the learning rate");
          good &= lr > 0;
        }
        case "schedule" -> {
          schedule = schedule(v);
          good &= schedule != null;
        }
        case "batch_size" -> good &= (batch = whole(v, "the batch size", 1)) > 0;
        case "epochs" -> good &= (epochs = whole(v, "the number of epochs", 0)) >= 0;
        case "train_limit" -> good &= (trainLimit = whole(v, "train_limit", 0)) >= 0;
        case "test_limit" -> good &= (testLimit = whole(v, "test_limit", 0)) >= 0;
        case "seed" -> good &= (seed = whole(v, "the seed", 0)) >= 0;
        case "weight_decay" -> {
          wd = number(v, "the weight decay");
          if (wd < 0) error(v.span(), "the weight decay must be >= 0", "");
          good &= wd >= 0;
        }
        case "init" -> {
          String w = word(v, "an initialisation", Training.Init.words());
          good &= w != null;
          if (w != null) init = Training.Init.byWord(w);
        }
        default -> throw new IllegalStateException(s.name());
      }
    }
    if (!good) return null;
    if (dataset instanceof DatasetSpec.Csv c && c.regression() && loss == Training.Loss.CROSS_ENTROPY) {
      error(seen.getOrDefault("loss", t.span()), "cross-entropy needs classes, but the dataset has regression targets",
          "write loss = mse, or give the CSV a label column (label = N)");
      return null;
    }
    return new Training(dataset, loss, opt, lr, schedule, batch, epochs, init, seed, wd, trainLimit, testLimit);
  }

  private DatasetSpec dataset(Ast.AnnVal v, Path dir) {
    String name = v instanceof Ast.AnnCall c ? c.name() : v instanceof Ast.AnnEx e && e.ex() instanceof Ast.Name n ? n.name() : null;
    List<Ast.AnnArg> args = v instanceof Ast.AnnCall c ? c.args() : List.of();
    List<String> kinds = List.of("fashion_mnist", "idx", "csv");
    if (name == null || !kinds.contains(name)) {
      error(v.span(), name == null ? "expected a dataset" : "unknown dataset " + name,
          close(name, kinds) + "fashion_mnist, idx(train_images = \"...\", ...) or csv(train = \"...\", test = \"...\", label = 0)");
      return null;
    }
    return switch (name) {
      case "fashion_mnist" -> {
        Map<String, Ast.AnnVal> a = bind(name, args, List.of("dir"), 1, 0, v.span());
        if (a == null) yield null;
        if (!a.containsKey("dir")) yield new DatasetSpec.FashionMnist(DatasetSpec.FashionMnist.DEFAULT_DIR);
        Path p = path(a.get("dir"), dir);
        yield p == null ? null : new DatasetSpec.FashionMnist(p);
      }
      case "idx" -> {
        Map<String, Ast.AnnVal> a = bind(name, args, List.of("train_images", "train_labels", "test_images", "test_labels"), 4, 4, v.span());
        if (a == null) yield null;
        Path a1 = path(a.get("train_images"), dir), a2 = path(a.get("train_labels"), dir), a3 = path(a.get("test_images"), dir),
            a4 = path(a.get("test_labels"), dir);
        yield a1 == null || a2 == null || a3 == null || a4 == null ? null : new DatasetSpec.Idx(a1, a2, a3, a4);
      }
      default -> {
        Map<String, Ast.AnnVal> a = bind(name, args, List.of("train", "test", "label", "targets"), 2, 2, v.span());
        if (a == null) yield null;
        Path tr = path(a.get("train"), dir), te = path(a.get("test"), dir);
        if (a.containsKey("label") == a.containsKey("targets")) {
          error(v.span(), "csv needs either label = COLUMN (classes) or targets = N (regression: the last N columns)", "");
          yield null;
        }
        int label = a.containsKey("label") ? whole(a.get("label"), "the label column", 0) : -1;
        int targets = a.containsKey("targets") ? whole(a.get("targets"), "the number of targets", 1) : 0;
        if (tr == null || te == null || (a.containsKey("label") && label < 0) || targets < 0) yield null;
        yield new DatasetSpec.Csv(tr, te, label, targets);
      }
    };
  }

  private Path path(Ast.AnnVal v, Path dir) {
    if (!(v instanceof Ast.AnnStr s)) {
      error(v.span(), "expected a file name in quotes", "e.g. \"data/train.csv\" (relative to this file)");
      return null;
    }
    try {
      return dir.resolve(s.value()).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      error(v.span(), "\"" + s.value() + "\" is not a valid file name", "");
      return null;
    }
  }

  private Training.Optimizer optimizer(Ast.AnnVal v) {
    String name = callName(v);
    List<Ast.AnnArg> args = v instanceof Ast.AnnCall c ? c.args() : List.of();
    if (!"sgd".equals(name) && !"adam".equals(name)) {
      error(v.span(), name == null ? "expected an optimizer" : "unknown optimizer " + name,
          close(name, List.of("sgd", "adam")) + "sgd, sgd(momentum = 0.9), adam or adam(beta1 = 0.9, beta2 = 0.999)");
      return null;
    }
    if (name.equals("sgd")) {
      Map<String, Ast.AnnVal> a = bind(name, args, List.of("momentum", "nesterov"), 1, 0, v.span());
      if (a == null) return null;
      double m = a.containsKey("momentum") ? number(a.get("momentum"), "the momentum") : 0;
      boolean nesterov = false;
      if (a.containsKey("nesterov")) {
        String w = word(a.get("nesterov"), "true or false", List.of("true", "false"));
        if (w == null) return null;
        nesterov = w.equals("true");
      }
      if (Double.isNaN(m)) return null;
      if (m < 0 || m >= 1) {
        error(a.get("momentum").span(), "the momentum must be in [0, 1), not " + m, "e.g. 0.9");
        return null;
      }
      return new Training.Optimizer.Sgd(m, nesterov);
    }
    Map<String, Ast.AnnVal> a = bind(name, args, List.of("beta1", "beta2", "eps"), 0, 0, v.span());
    if (a == null) return null;
    double b1 = a.containsKey("beta1") ? number(a.get("beta1"), "beta1") : 0.9;
    double b2 = a.containsKey("beta2") ? number(a.get("beta2"), "beta2") : 0.999;
    double eps = a.containsKey("eps") ? number(a.get("eps"), "eps") : 1e-8;
    if (!(b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1 && eps > 0)) {
      error(v.span(), "adam needs 0 <= beta1, beta2 < 1 and eps > 0", "the defaults are beta1 = 0.9, beta2 = 0.999, eps = 1e-8");
      return null;
    }
    return new Training.Optimizer.Adam(b1, b2, eps);
  }

  private Training.Schedule schedule(Ast.AnnVal v) {
    String name = callName(v);
    List<Ast.AnnArg> args = v instanceof Ast.AnnCall c ? c.args() : List.of();
    List<String> kinds = List.of("constant", "step", "exponential", "cosine");
    if (name == null || !kinds.contains(name)) {
      error(v.span(), name == null ? "expected a schedule" : "unknown schedule " + name,
          close(name, kinds) + "constant, step(every = 5, factor = 0.5), exponential(0.95) or cosine");
      return null;
    }
    switch (name) {
      case "step" -> {
        Map<String, Ast.AnnVal> a = bind(name, args, List.of("every", "factor"), 2, 2, v.span());
        if (a == null) return null;
        int every = whole(a.get("every"), "every", 1);
        double f = positive(a.get("factor"), "the factor");
        return every < 0 || !(f > 0) ? null : new Training.Schedule.Step(every, f);
      }
      case "exponential" -> {
        Map<String, Ast.AnnVal> a = bind(name, args, List.of("gamma"), 1, 1, v.span());
        if (a == null) return null;
        double g = positive(a.get("gamma"), "gamma");
        return g > 0 ? new Training.Schedule.Exponential(g) : null;
      }
      default -> {
        if (bind(name, args, List.of(), 0, 0, v.span()) == null) return null;
        return name.equals("cosine") ? new Training.Schedule.Cosine() : new Training.Schedule.Constant();
      }
    }
  }

  // ---- values ----

  /** "did you mean X? " when a choice is close to {@code word}, else "". */
  private static String close(String word, List<String> choices) {
    String c = word == null ? null : Suggest.closest(word, choices);
    return c == null ? "" : "did you mean " + c + "? ";
  }

  private static String callName(Ast.AnnVal v) {
    if (v instanceof Ast.AnnCall c) return c.name();
    if (v instanceof Ast.AnnEx e && e.ex() instanceof Ast.Name n) return n.name();
    return null;
  }

  /** One of {@code words}, written as a bare name; null after reporting. */
  private String word(Ast.AnnVal v, String what, List<String> words) {
    String w = v instanceof Ast.AnnEx e && e.ex() instanceof Ast.Name n ? n.name() : null;
    if (w == null || !words.contains(w)) {
      error(v.span(), "expected " + what + (w == null ? "" : ", not " + w),
          w == null ? "one of: " + String.join(", ", words) : Suggest.hint(w, words, "choices"));
      return null;
    }
    return w;
  }

  /** A dimensionless constant; NaN after reporting. */
  private double number(Ast.AnnVal v, String what) {
    if (!(v instanceof Ast.AnnEx e)) {
      error(v.span(), what + " must be a number", "");
      return Double.NaN;
    }
    Typed t = ctx.typer.scalar(e.ex(), new Scope());
    if (t.isErr()) {
      ok = false;
      return Double.NaN;
    }
    if (!t.isConst()) {
      error(v.span(), what + " must be a constant number", "");
      return Double.NaN;
    }
    if (!t.ty().fits(Dimension.NONE)) {
      error(v.span(), what + " is a plain number, without a unit", "ANN values have no units");
      return Double.NaN;
    }
    return t.value();
  }

  private double positive(Ast.AnnVal v, String what) {
    double d = number(v, what);
    if (Double.isNaN(d)) return -1;
    if (!(d > 0)) {
      error(v.span(), what + " must be positive, not " + d, "");
      return -1;
    }
    return d;
  }

  /** A whole number >= min; -1 after reporting. */
  private int whole(Ast.AnnVal v, String what, int min) {
    double d = number(v, what);
    if (Double.isNaN(d)) return -1;
    if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
      error(v.span(), what + " must be a whole number of at least " + min + ", not " + Fmt.num(d), "");
      return -1;
    }
    return (int) d;
  }

  /** As {@link Args#bind} for ANN arguments. */
  private Map<String, Ast.AnnVal> bind(String fn, List<Ast.AnnArg> args, List<String> names, int positional, int required, Span at) {
    Map<String, Ast.AnnVal> out = new LinkedHashMap<>();
    int next = 0;
    boolean good = true;
    for (Ast.AnnArg a : args) {
      String name = a.name() != null ? a.name() : next < positional ? names.get(next++) : null;
      if (name == null) {
        error(a.span(), fn + (names.isEmpty() ? " takes no arguments" : " takes at most " + positional + " plain argument"
            + (positional == 1 ? "" : "s")), names.isEmpty() ? "write just " + fn : "its arguments: " + String.join(", ", names));
        good = false;
      } else if (!names.contains(name)) {
        error(a.span(), fn + " has no argument '" + name + "'", Suggest.hint(name, names, "its arguments"));
        good = false;
      } else if (out.putIfAbsent(name, a.value()) != null) {
        error(a.span(), "'" + name + "' is given twice", "");
        good = false;
      }
    }
    for (int i = 0; i < required && good; i++) {
      if (!out.containsKey(names.get(i))) {
        error(at, fn + " needs '" + names.get(i) + "'", "write " + fn + "(" + String.join(", ", names.subList(0, required)) + ")");
        good = false;
      }
    }
    return good ? out : null;
  }
}
