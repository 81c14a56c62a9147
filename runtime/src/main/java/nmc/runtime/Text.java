package nmc.runtime;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Small text helpers for messages. */
public final class Text {
  private Text() {}

  /** Edit distance counting a swap of two neighbouring letters as one edit (typos like "rnu" for "run"). */
  public static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The candidate nearest to {@code word}, if it is near enough to be a likely typo. */
  public static Optional<String> nearest(String word, Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> editDistance(c, word) <= Math.max(1, word.length() / 3))
        .min(Comparator.comparingInt(c -> editDistance(c, word)));
  }

  /** A file-name-safe form of a probe or network name: letters, digits, '_', '-', '.' only. */
  public static String safeFileName(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (s.isEmpty() || s.startsWith(".")) s = "_" + s;
    return s;
  }
}
