package nmc.runtime;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Small text helpers for messages. */
public final class Text {
  private Text() {}

  /** Levenshtein distance. */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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
