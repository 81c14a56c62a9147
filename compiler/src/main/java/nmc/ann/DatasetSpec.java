package nmc.ann;

import java.nio.file.Path;

/** Where the examples come from. Paths are absolute (the front end resolves them against the source file). */
public sealed interface DatasetSpec {
  /** Fashion-MNIST in IDX files ({@code train-images-idx3-ubyte[.gz]} ...) in {@code dir}. */
  record FashionMnist(Path dir) implements DatasetSpec {
    /** Where Debian's {@code dataset-fashion-mnist} package puts it. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  }

  /** Four IDX files (MNIST format, gzipped or not): images of unsigned bytes scaled to [0, 1], labels. */
  record Idx(Path trainImages, Path trainLabels, Path testImages, Path testLabels) implements DatasetSpec {}

  /**
   * CSV files with one example per line (a header line of names is skipped). Classification: column
   * {@code label} (0-based) holds the class (a whole number from 0). Regression ({@code label < 0}): the last
   * {@code targets} columns are the targets. The other columns are the features, used as written.
   */
  record Csv(Path train, Path test, int label, int targets) implements DatasetSpec {
    public boolean regression() {
      return label < 0;
    }
  }
}
