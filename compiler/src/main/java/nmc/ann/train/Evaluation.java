package nmc.ann.train;

/**
 * How well predictions match: for classification accuracy, the confusion matrix ({@code confusion[true][predicted]})
 * and per-class precision, recall and F1; for regression the mean absolute and mean squared error.
 */
public record Evaluation(int count, double accuracy, int[][] confusion, double[] precision, double[] recall, double[] f1,
    double mae, double mse) {

  public boolean regression() {
    return confusion == null;
  }

  public double macroF1() {
    double s = 0;
    for (double v : f1) s += v;
    return f1.length == 0 ? 0 : s / f1.length;
  }

  public static Evaluation classification(int[] predicted, int[] labels, int classes) {
    int n = predicted.length;
    int[][] conf = new int[classes][classes];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      conf[labels[i]][predicted[i]]++;
      if (predicted[i] == labels[i]) correct++;
    }
    double[] p = new double[classes], r = new double[classes], f = new double[classes];
    for (int c = 0; c < classes; c++) {
      int tp = conf[c][c], predictedC = 0, actualC = 0;
      for (int k = 0; k < classes; k++) {
        predictedC += conf[k][c];
        actualC += conf[c][k];
      }
      p[c] = predictedC == 0 ? 0 : (double) tp / predictedC;
      r[c] = actualC == 0 ? 0 : (double) tp / actualC;
      f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
    }
    return new Evaluation(n, n == 0 ? 0 : (double) correct / n, conf, p, r, f, Double.NaN, Double.NaN);
  }

  public static Evaluation regression(float[] predicted, float[] targets) {
    double abs = 0, sq = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - targets[i];
      abs += Math.abs(d);
      sq += d * d;
    }
    int n = predicted.length;
    return new Evaluation(n, Double.NaN, null, null, null, null, abs / n, sq / n);
  }

  /** The class with the largest output for each of the {@code count} rows of {@code k} outputs. */
  public static int[] argmax(float[] outputs, int count, int k) {
    int[] out = new int[count];
    for (int e = 0; e < count; e++) out[e] = Net.argmax(outputs, e * k, k);
    return out;
  }

  /** Evaluates {@code net} on the first {@code count} examples of {@code ds}. */
  public static Evaluation of(Net net, nmc.ann.data.Dataset ds, int count) {
    return of(net.predict(ds, count), net.outputSize(), ds, count);
  }

  /** Evaluates the outputs {@code out} ({@code count x k}, as {@link Net#predict} gives them) of the first {@code count} examples of {@code ds}. */
  public static Evaluation of(float[] out, int k, nmc.ann.data.Dataset ds, int count) {
    if (ds.regression()) return regression(out, java.util.Arrays.copyOf(ds.targets(), count * ds.outputs()));
    return classification(argmax(out, count, k), java.util.Arrays.copyOf(ds.labels(), count), Math.max(k, ds.classes()));
  }

  /** A plain-text report: accuracy, the per-class table and the confusion matrix (or MAE/MSE). */
  public String report(String[] classNames) {
    StringBuilder sb = new StringBuilder();
    if (regression()) {
      sb.append(String.format("  %d examples: MAE %.6g, MSE %.6g%n", count, mae, mse));
      return sb.toString();
    }
    int k = f1.length;
    sb.append(String.format("  accuracy %.2f%% (%d examples), macro F1 %.4f%n%n", 100 * accuracy, count, macroF1()));
    sb.append(String.format("  %-14s %9s %9s %9s%n", "class", "precision", "recall", "F1"));
    for (int c = 0; c < k; c++) {
      sb.append(String.format("  %-14s %9.4f %9.4f %9.4f%n", name(classNames, c), precision[c], recall[c], f1[c]));
    }
    sb.append("\n  confusion matrix (rows: true class, columns: predicted)\n  ");
    sb.append(" ".repeat(14));
    for (int c = 0; c < k; c++) sb.append(String.format("%6d", c));
    sb.append('\n');
    for (int r = 0; r < k; r++) {
      sb.append(String.format("  %-14s", r + " " + name(classNames, r)));
      for (int c = 0; c < k; c++) sb.append(String.format("%6d", confusion[r][c]));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String name(String[] names, int c) {
    String n = names != null && c < names.length ? names[c] : Integer.toString(c);
    return n.length() > 12 ? n.substring(0, 12) : n;
  }
}
