package nmc.ann.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.DatasetSpec;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.ann.train.Net;
import nmc.ann.train.Trainer;
import nmc.diag.UserError;
import nmc.ir.Span;
import nmc.ir.json.Json;
import nmc.ir.json.JsonException;

/**
 * The trained-model file (format {@code nmc-ann-model}, version 1; docs/ann.md): one JSON object with the
 * architecture, the training settings, the history and the tensors, each tensor's values as base64 of its
 * little-endian IEEE-754 float32 bytes, so a model reads back bit for bit.
 */
public final class ModelFile {
  private ModelFile() {}

  public static final String FORMAT = "nmc-ann-model";
  public static final int VERSION = 1;

  // ---- writing ----

  public static void write(TrainedModel m, Path file) {
    String text = Json.print(toJson(m));
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw UserError.of("cannot write the model to " + file + ": " + e.getMessage(), "");
    }
  }

  public static Json.Obj toJson(TrainedModel m) {
    Net layout = new Net(m.model(), 1);
    List<Json> tensors = new ArrayList<>();
    for (Net.TensorInfo t : layout.tensors()) {
      float[] src = t.buffer() ? m.buffers() : m.params();
      List<Json> shape = new ArrayList<>();
      for (int d : t.shape()) shape.add(Json.of(d));
      tensors.add(Json.object().put("name", t.name()).put("kind", t.buffer() ? "buffer" : "parameter")
          .put("shape", Json.array(shape)).put("dtype", "float32")
          .put("data", encode(src, t.offset(), t.size())).build());
    }
    List<Json> hist = new ArrayList<>();
    for (Trainer.Epoch e : m.history()) hist.add(epochJson(e));
    return Json.object().put("format", FORMAT).put("version", VERSION).put("name", m.model().name())
        .put("fingerprint", m.fingerprint())
        .put("model", architecture(m.model()))
        .put("test_accuracy", m.testAccuracy()).put("test_mae", m.testMae())
        .put("history", Json.array(hist))
        .put("tensors", Json.array(tensors)).build();
  }

  /** One epoch's figures as the model file's history and train's training.json hold them. */
  public static Json.Obj epochJson(Trainer.Epoch e) {
    return Json.object().put("epoch", e.epoch()).put("learning_rate", e.learningRate()).put("train_loss", e.trainLoss())
        .put("train_accuracy", e.trainAccuracy()).put("test_loss", e.testLoss()).put("test_accuracy", e.testAccuracy())
        .put("seconds", e.seconds()).put("images_per_second", e.imagesPerSecond()).build();
  }

  /** The architecture and training settings (what the fingerprint covers). */
  static Json.Obj architecture(AnnModel model) {
    Shape in = model.input();
    List<Json> layers = new ArrayList<>();
    for (Layer l : model.layers()) layers.add(layer(l));
    return Json.object()
        .put("input", Json.object().put("height", in.height()).put("width", in.width()).put("channels", in.channels()).build())
        .put("layers", Json.array(layers))
        .put("training", training(model.training())).build();
  }

  private static Json layer(Layer l) {
    Json.ObjBuilder b = Json.object().put("kind", l.word());
    switch (l) {
      case Layer.Dense d -> b.put("in", d.in()).put("out", d.out());
      case Layer.Conv2d c -> b.put("in_channels", c.inChannels()).put("out_channels", c.outChannels())
          .put("kernel_height", c.kernelHeight()).put("kernel_width", c.kernelWidth()).put("stride", c.stride()).put("padding", c.padding());
      case Layer.Pool p -> b.put("kernel_height", p.kernelHeight()).put("kernel_width", p.kernelWidth()).put("stride", p.stride());
      case Layer.Flatten f -> {}
      case Layer.Dropout d -> b.put("p", d.p());
      case Layer.BatchNorm n -> b.put("eps", n.eps()).put("momentum", n.momentum());
      case Layer.Act a -> {
        if (a.kind().hasAlpha()) b.put("alpha", a.alpha());
      }
    }
    return b.build();
  }

  private static Json training(Training t) {
    Json.ObjBuilder ds = Json.object();
    switch (t.dataset()) {
      case DatasetSpec.FashionMnist f -> ds.put("kind", "fashion_mnist").put("dir", f.dir().toString());
      case DatasetSpec.Idx i -> ds.put("kind", "idx").put("train_images", i.trainImages().toString())
          .put("train_labels", i.trainLabels().toString()).put("test_images", i.testImages().toString())
          .put("test_labels", i.testLabels().toString());
      case DatasetSpec.Csv c -> ds.put("kind", "csv").put("train", c.train().toString()).put("test", c.test().toString())
          .put("label", c.label()).put("targets", c.targets());
    }
    Json.ObjBuilder opt = Json.object();
    switch (t.optimizer()) {
      case Training.Optimizer.Sgd s -> opt.put("kind", "sgd").put("momentum", s.momentum()).put("nesterov", s.nesterov());
      case Training.Optimizer.Adam a -> opt.put("kind", "adam").put("beta1", a.beta1()).put("beta2", a.beta2()).put("eps", a.eps());
    }
    Json.ObjBuilder sch = Json.object();
    switch (t.schedule()) {
      case Training.Schedule.Constant c -> sch.put("kind", "constant");
      case Training.Schedule.Step s -> sch.put("kind", "step").put("every", s.every()).put("factor", s.factor());
      case Training.Schedule.Exponential e -> sch.put("kind", "exponential").put("gamma", e.gamma());
      case Training.Schedule.Cosine c -> sch.put("kind", "cosine");
    }
    return Json.object().put("dataset", ds.build()).put("loss", t.loss().word).put("optimizer", opt.build())
        .put("learning_rate", t.learningRate()).put("schedule", sch.build()).put("batch_size", t.batchSize())
        .put("epochs", t.epochs()).put("init", t.init().word).put("seed", t.seed()).put("weight_decay", t.weightDecay())
        .put("train_limit", t.trainLimit()).put("test_limit", t.testLimit()).build();
  }

  static String encode(float[] a, int from, int n) {
    ByteBuffer bb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) bb.putFloat(a[from + i]);
    return Base64.getEncoder().encodeToString(bb.array());
  }

  /** SHA-256 (hex) of the architecture and training settings: a trained model matches a source when they agree. */
  public static String fingerprint(AnnModel model) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest(Json.printCompact(Json.object().put("name", model.name()).put("model", architecture(model)).build())
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- reading ----

  public static TrainedModel read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw UserError.of("model file " + file + " not found", "train one with: nmc train FILE.snn --out " + file);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.of("cannot read model file " + file + ": " + e.getMessage(), "");
    }
    try {
      return fromJson(Json.parse(text), file.toString());
    } catch (JsonException e) {
      throw UserError.of(file + " is not a model file: " + e.getMessage(), "model files are written by 'nmc train'");
    }
  }

  public static TrainedModel fromJson(Json root, String where) {
    R r = new R(where);
    Json.Obj o = r.obj(root, "$");
    String format = r.str(o, "format", "$");
    if (!FORMAT.equals(format)) throw r.fail("$.format", "is \"" + format + "\", not \"" + FORMAT + "\"");
    long version = r.num(o, "version", "$").longValue();
    if (version != VERSION) {
      throw UserError.of(where + ": model file version " + version + " is not supported (this nmc reads version " + VERSION + ")",
          "train the model again with this version of nmc");
    }
    String name = r.str(o, "name", "$");
    Json.Obj arch = r.obj(o.get("model"), "$.model");
    AnnModel model = readArchitecture(name, arch, r);
    Net layout = new Net(model, 1);
    float[] params = new float[layout.params().length], buffers = new float[layout.buffers().length];
    List<Json> ts = Json.items(r.field(o, "tensors", "$"));
    List<Net.TensorInfo> want = layout.tensors();
    if (ts.size() != want.size()) throw r.fail("$.tensors", "holds " + ts.size() + " tensors, the architecture needs " + want.size());
    for (int i = 0; i < want.size(); i++) {
      Net.TensorInfo t = want.get(i);
      String at = "$.tensors[" + i + "]";
      Json.Obj to = r.obj(ts.get(i), at);
      String tn = r.str(to, "name", at);
      if (!tn.equals(t.name())) throw r.fail(at + ".name", "is \"" + tn + "\", expected \"" + t.name() + "\"");
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(r.str(to, "data", at));
      } catch (IllegalArgumentException e) {
        throw r.fail(at + ".data", "is not base64: " + e.getMessage());
      }
      if (bytes.length != 4 * t.size()) throw r.fail(at + ".data", "holds " + bytes.length / 4 + " floats, the shape needs " + t.size());
      ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      float[] dst = t.buffer() ? buffers : params;
      for (int k = 0; k < t.size(); k++) dst[t.offset() + k] = bb.getFloat();
    }
    List<Trainer.Epoch> hist = new ArrayList<>();
    for (Json h : Json.items(o.get("history"))) {
      Json.Obj e = r.obj(h, "$.history[]");
      hist.add(new Trainer.Epoch(r.num(e, "epoch", "$.history[]").intValue(), r.dbl(e, "learning_rate"), r.dbl(e, "train_loss"),
          r.dbl(e, "train_accuracy"), r.dbl(e, "test_loss"), r.dbl(e, "test_accuracy"), r.dbl(e, "seconds"), r.dbl(e, "images_per_second")));
    }
    return new TrainedModel(model, params, buffers, hist, r.dbl(o, "test_accuracy"), r.dbl(o, "test_mae"), r.str(o, "fingerprint", "$"));
  }

  private static AnnModel readArchitecture(String name, Json.Obj arch, R r) {
    Json.Obj in = r.obj(arch.get("input"), "$.model.input");
    Shape input = Shape.hwc(r.num(in, "height", "input").intValue(), r.num(in, "width", "input").intValue(),
        r.num(in, "channels", "input").intValue());
    List<Layer> layers = new ArrayList<>();
    List<Json> ls = Json.items(r.field(arch, "layers", "$.model"));
    for (int i = 0; i < ls.size(); i++) {
      String at = "$.model.layers[" + i + "]";
      Json.Obj l = r.obj(ls.get(i), at);
      String kind = r.str(l, "kind", at);
      Span s = Span.NONE;
      Layer layer = switch (kind) {
        case "dense" -> new Layer.Dense(r.int_(l, "in", at), r.int_(l, "out", at), s);
        case "conv2d" -> new Layer.Conv2d(r.int_(l, "in_channels", at), r.int_(l, "out_channels", at), r.int_(l, "kernel_height", at),
            r.int_(l, "kernel_width", at), r.int_(l, "stride", at), r.int_(l, "padding", at), s);
        case "max_pool", "avg_pool" -> new Layer.Pool(kind.equals("max_pool") ? Layer.PoolKind.MAX : Layer.PoolKind.AVG,
            r.int_(l, "kernel_height", at), r.int_(l, "kernel_width", at), r.int_(l, "stride", at), s);
        case "flatten" -> new Layer.Flatten(s);
        case "dropout" -> new Layer.Dropout(r.dbl(l, "p"), s);
        case "batch_norm" -> new Layer.BatchNorm(r.dbl(l, "eps"), r.dbl(l, "momentum"), s);
        default -> {
          Activation a = Activation.byWord(kind);
          if (a == null) throw r.fail(at + ".kind", "\"" + kind + "\" is not a layer");
          yield new Layer.Act(a, a.hasAlpha() ? r.dbl(l, "alpha") : 0, s);
        }
      };
      layers.add(layer);
    }
    Training training = readTraining(r.obj(arch.get("training"), "$.model.training"), r);
    AnnModel m = new AnnModel(name, input, layers, training, Span.NONE);
    try {
      m.shapes();
    } catch (IllegalStateException e) {
      throw r.fail("$.model.layers", "do not fit together: " + e.getMessage());
    }
    return m;
  }

  private static Training readTraining(Json.Obj t, R r) {
    String at = "$.model.training";
    Json.Obj ds = r.obj(t.get("dataset"), at + ".dataset");
    DatasetSpec spec = switch (r.str(ds, "kind", at + ".dataset")) {
      case "fashion_mnist" -> new DatasetSpec.FashionMnist(Path.of(r.str(ds, "dir", at)));
      case "idx" -> new DatasetSpec.Idx(Path.of(r.str(ds, "train_images", at)), Path.of(r.str(ds, "train_labels", at)),
          Path.of(r.str(ds, "test_images", at)), Path.of(r.str(ds, "test_labels", at)));
      case "csv" -> new DatasetSpec.Csv(Path.of(r.str(ds, "train", at)), Path.of(r.str(ds, "test", at)), r.int_(ds, "label", at),
          r.int_(ds, "targets", at));
      default -> throw r.fail(at + ".dataset.kind", "is not a dataset kind");
    };
    Json.Obj opt = r.obj(t.get("optimizer"), at + ".optimizer");
    Training.Optimizer o = switch (r.str(opt, "kind", at)) {
      case "sgd" -> new Training.Optimizer.Sgd(r.dbl(opt, "momentum"), opt.get("nesterov") instanceof Json.Bool b && b.value());
      case "adam" -> new Training.Optimizer.Adam(r.dbl(opt, "beta1"), r.dbl(opt, "beta2"), r.dbl(opt, "eps"));
      default -> throw r.fail(at + ".optimizer.kind", "is not an optimizer");
    };
    Json.Obj sch = r.obj(t.get("schedule"), at + ".schedule");
    Training.Schedule s = switch (r.str(sch, "kind", at)) {
      case "constant" -> new Training.Schedule.Constant();
      case "step" -> new Training.Schedule.Step(r.int_(sch, "every", at), r.dbl(sch, "factor"));
      case "exponential" -> new Training.Schedule.Exponential(r.dbl(sch, "gamma"));
      case "cosine" -> new Training.Schedule.Cosine();
      default -> throw r.fail(at + ".schedule.kind", "is not a schedule");
    };
    Training.Loss loss = Training.Loss.byWord(r.str(t, "loss", at));
    if (loss == null) throw r.fail(at + ".loss", "is not a loss (" + String.join(", ", Training.Loss.words()) + ")");
    Training.Init init = Training.Init.byWord(r.str(t, "init", at));
    if (init == null) throw r.fail(at + ".init", "is not an initialisation (" + String.join(", ", Training.Init.words()) + ")");
    return new Training(spec, loss, o, r.dbl(t, "learning_rate"), s, r.int_(t, "batch_size", at), r.int_(t, "epochs", at), init,
        r.num(t, "seed", at).longValue(), r.dbl(t, "weight_decay"), r.int_(t, "train_limit", at), r.int_(t, "test_limit", at));
  }

  /** Strict field access with errors that name the JSON path. */
  private record R(String where) {
    UserError fail(String path, String what) {
      return UserError.of(where + ": " + path + " " + what, "model files are written by 'nmc train'; train the model again");
    }

    Json field(Json.Obj o, String name, String at) {
      Json v = o.get(name);
      if (v == null) throw fail(at, "lacks the field \"" + name + "\"");
      return v;
    }

    Json.Obj obj(Json v, String at) {
      if (v instanceof Json.Obj o) return o;
      throw fail(at, "should be an object but is " + (v == null ? "missing" : v.describe()));
    }

    String str(Json.Obj o, String name, String at) {
      if (field(o, name, at) instanceof Json.Str s) return s.value();
      throw fail(at + "." + name, "should be a string but is " + o.get(name).describe());
    }

    Double num(Json.Obj o, String name, String at) {
      Json v = field(o, name, at);
      Double d = Json.toDouble(v);
      if (d != null) return d;
      throw fail(at + "." + name, "should be a number but is " + v.describe());
    }

    int int_(Json.Obj o, String name, String at) {
      double d = num(o, name, at);
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw fail(at + "." + name, "should be a whole number but is " + d);
      return (int) d;
    }

    double dbl(Json.Obj o, String name) {
      return num(o, name, "$");
    }
  }
}
