package nmc.ann.data;

import java.nio.file.Files;
import java.nio.file.Path;
import nmc.ann.DatasetSpec;
import nmc.ann.Shape;
import nmc.diag.UserError;

/** Loads the training and test sets a {@link DatasetSpec} names. */
public final class Datasets {
  private Datasets() {}

  public record Split(Dataset train, Dataset test) {}

  /** How to get Fashion-MNIST when it is missing: the message says it. */
  public static final String FASHION_HINT = "install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu) "
      + "or run scripts/ensure-datasets; it puts the files in " + DatasetSpec.FashionMnist.DEFAULT_DIR;

  public static Split load(DatasetSpec spec) {
    return switch (spec) {
      case DatasetSpec.FashionMnist f -> {
        Path dir = f.dir();
        if (!Files.isDirectory(dir) || find(dir, "train-images-idx3-ubyte") == null) {
          throw UserError.of("Fashion-MNIST not found in " + dir, FASHION_HINT);
        }
        yield new Split(idx("fashion-mnist/train", file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte")),
            idx("fashion-mnist/test", file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte")));
      }
      case DatasetSpec.Idx i -> new Split(idx("train", i.trainImages(), i.trainLabels()), idx("test", i.testImages(), i.testLabels()));
      case DatasetSpec.Csv c -> new Split(Csv.read(c.train(), c.label(), c.targets()), Csv.read(c.test(), c.label(), c.targets()));
    };
  }

  private static Path file(Path dir, String base) {
    Path p = find(dir, base);
    if (p == null) throw UserError.of("Fashion-MNIST in " + dir + " lacks " + base + "(.gz)", FASHION_HINT);
    return p;
  }

  private static Path find(Path dir, String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  /** An IDX image file (n x h x w, or n x h x w x c) with its label file; pixels scaled to [0, 1]. */
  public static Dataset idx(String name, Path images, Path labels) {
    Idx.Array im = Idx.read(images), lb = Idx.read(labels);
    if (im.dims().length < 2) throw UserError.of(images + ": an image file needs at least 2 dimensions, it has " + im.dims().length, "");
    if (lb.dims().length != 1) throw UserError.of(labels + ": a label file has 1 dimension, it has " + lb.dims().length, "");
    int n = im.dims()[0];
    if (lb.dims()[0] != n) throw UserError.of(images + " holds " + n + " images but " + labels + " holds " + lb.dims()[0] + " labels",
        "the two files must belong together");
    int h = im.dims().length > 1 ? im.dims()[1] : 1, w = im.dims().length > 2 ? im.dims()[2] : 1, c = im.dims().length > 3 ? im.dims()[3] : 1;
    Shape shape = Shape.hwc(h, w, c);
    int f = shape.size();
    float[] x = new float[n * f];
    byte[] d = im.data();
    // IDX stores HWC per image; the layers read CHW
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          for (int ch = 0; ch < c; ch++) {
            x[i * f + (ch * h + y) * w + xx] = (d[i * f + (y * w + xx) * c + ch] & 0xff) / 255f;
          }
        }
      }
    }
    int[] l = new int[n];
    int classes = 0;
    for (int i = 0; i < n; i++) {
      l[i] = lb.data()[i] & 0xff;
      classes = Math.max(classes, l[i] + 1);
    }
    return new Dataset(name, shape, x, l, classes, null, 0);
  }
}
