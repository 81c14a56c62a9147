package nmc.ann.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nmc.ann.Shape;
import nmc.diag.UserError;

/**
 * CSV examples: comma-separated numbers, one example per line; a first line that is not all numbers is a header.
 * Classification: column {@code label} holds the class; regression: the last {@code targets} columns.
 */
public final class Csv {
  private Csv() {}

  public static Dataset read(Path file, int label, int targets) {
    List<float[]> rows = new ArrayList<>();
    int width = -1, lineNo = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] cells = line.split(",", -1);
        float[] v = new float[cells.length];
        boolean numeric = true;
        for (int i = 0; i < cells.length && numeric; i++) {
          try {
            v[i] = Float.parseFloat(cells[i].trim());
          } catch (NumberFormatException e) {
            numeric = false;
            if (!rows.isEmpty() || lineNo > 1) {
              throw UserError.of(file + ":" + lineNo + ": column " + (i + 1) + " is not a number: '" + cells[i].trim() + "'",
                  "every line after the header must hold numbers only");
            }
          }
        }
        if (!numeric) continue; // the header
        if (width < 0) width = v.length;
        if (v.length != width) {
          throw UserError.of(file + ":" + lineNo + ": " + v.length + " columns, but the first line of data has " + width,
              "every line needs the same number of columns");
        }
        rows.add(v);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw UserError.of("dataset file " + file + " not found", "check the path in the train block's dataset");
    } catch (IOException e) {
      throw UserError.of("cannot read " + file + ": " + e.getMessage(), "");
    }
    if (rows.isEmpty()) throw UserError.of(file + " holds no examples", "");
    boolean regression = label < 0;
    int out = regression ? targets : 1;
    if (regression ? targets < 1 || targets >= width : label >= width) {
      throw UserError.of(file + " has " + width + " columns, too few for " + (regression ? targets + " targets" : "the label in column " + label),
          "count columns from 0; the features are the other columns");
    }
    int features = width - out, n = rows.size();
    float[] x = new float[n * features];
    int[] labels = regression ? null : new int[n];
    float[] y = regression ? new float[n * targets] : null;
    int classes = 0;
    for (int i = 0; i < n; i++) {
      float[] v = rows.get(i);
      int f = 0;
      for (int c = 0; c < width; c++) {
        boolean isTarget = regression ? c >= width - targets : c == label;
        if (!isTarget) x[i * features + f++] = v[c];
      }
      if (regression) {
        System.arraycopy(v, width - targets, y, i * targets, targets);
      } else {
        float l = v[label];
        if (l < 0 || l != Math.rint(l)) {
          throw UserError.of(file + ": example " + (i + 1) + " has the label " + l, "labels are whole numbers 0, 1, 2 ...");
        }
        labels[i] = (int) l;
        classes = Math.max(classes, labels[i] + 1);
      }
    }
    String name = file.getFileName().toString();
    return regression ? new Dataset(name, Shape.flat(features), x, null, 0, y, targets)
        : new Dataset(name, Shape.flat(features), x, labels, classes, null, 0);
  }
}
