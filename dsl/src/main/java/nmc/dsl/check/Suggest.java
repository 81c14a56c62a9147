package nmc.dsl.check;

import java.util.Collection;
import java.util.List;

/** "did you mean ...?" by edit distance. */
public final class Suggest {
  private Suggest() {}

  /** The closest candidate within a small distance (about a third of the word), or null. */
  public static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    int limit = Math.max(1, Math.min(3, word.length() / 3));
    for (String c : candidates) {
      if (c.equals(word)) continue;
      int d = distance(word, c);
      if (c.equalsIgnoreCase(word)) d = 0; // case slips are the likeliest
      if (d <= limit && d < bestD) {
        best = c;
        bestD = d;
      }
    }
    return best;
  }

  /** "did you mean X?" or, when nothing is close, a list of what exists (up to 12 names), or "". */
  public static String hint(String word, Collection<String> candidates, String kind) {
    String c = closest(word, candidates);
    if (c != null) return "did you mean " + c + "?";
    if (candidates.isEmpty()) return "";
    List<String> some = candidates.stream().distinct().limit(12).toList();
    return kind + ": " + String.join(", ", some) + (candidates.size() > some.size() ? ", ..." : "");
  }

  /** Damerau-Levenshtein distance (optimal string alignment: a swap of neighbours costs 1). */
  public static int distance(String a, String b) {
    int n = a.length(), m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) d[i][0] = i;
    for (int j = 0; j <= m; j++) d[0][j] = j;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[n][m];
  }
}
