package nmc.ir.build;

import java.util.Arrays;
import java.util.stream.IntStream;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.ValueSpec;

/**
 * Turns a {@link Projection}'s connectivity rule, weights and delays into {@link Connections}: canonical order
 * (sorted by pre, then post), compressed rows by pre. Deterministic for a seed, and written so a C or CUDA back end
 * can reproduce it exactly (each rule below says which counters it draws).
 *
 * <ul>
 *   <li>AllToAll / OneToOne: no draws. Autapses (i -> i) are excluded only when pre and post are the same
 *       population and the rule says so.
 *   <li>FixedProbability(p): row i draws {@code u_r = Rng.uniform(seed, Rng.stream("wiring/" + proj), (i << 32) + r)}
 *       for r = 0, 1, ... and skips geometrically: the next target is {@code j + 1 + floor(log1p(-u_r) / log1p(-p))}
 *       starting from j = -1, until it passes the last post index. Rows are independent (built in parallel for
 *       big projections) and the cost is O(connections).
 *   <li>FixedFanIn(k): post j picks k distinct sources by Floyd's algorithm: for r = n-k .. n-1 (n candidates)
 *       {@code t = Rng.below(seed, stream, (j << 32) + (r - (n - k)), r + 1)}, taking r instead when t was
 *       already chosen; without autapses the candidates are all sources but j (index x >= j means x + 1).
 *   <li>Explicit: the given pairs, stably sorted; weights or delays given as a list follow the pairs as given.
 *   <li>Conv2d: see {@link #convPre}, {@link #convPost} and {@link #kernelIndex} for the index layout; the weight
 *       of a connection is the kernel element it uses (a list of {@code kernelSize()} values, a constant, or a
 *       distribution drawn per kernel element with the kernel index as counter).
 * </ul>
 *
 * Weights and delays: Const, Uniform/Normal drawn from {@code "weight/" + proj} / {@code "delay/" + proj} with the
 * canonical connection index as counter, Values (one per connection), Computed of constants. A missing delay is 0.
 */
public final class Wiring {
  private Wiring() {}

  /** Connections above which fixed-probability rows are drawn in parallel. */
  private static final double PARALLEL_CONNECTIONS = 1 << 20;

  /** Wires projection {@code p} of {@code net} with the run's seed. */
  public static Connections connect(Network net, Projection p) {
    Population pre = population(net, p.pre(), p);
    Population post = population(net, p.post(), p);
    return connect(p, pre.size(), post.size(), p.pre().equals(p.post()), net.run().seed());
  }

  /**
   * Wires {@code p} between populations of the given sizes; {@code samePopulation} says whether pre and post are
   * one population (autapse exclusion applies only then).
   */
  public static Connections connect(Projection p, int preSize, int postSize, boolean samePopulation, long seed) {
    long wiringStream = Rng.stream("wiring/" + p.name());
    Rows rows = switch (p.connectivity()) {
      case Connectivity.AllToAll a -> allToAll(preSize, postSize, samePopulation && !a.autapses());
      case Connectivity.OneToOne o -> oneToOne(p, preSize, postSize);
      case Connectivity.FixedProbability f -> fixedProbability(p, f, preSize, postSize, samePopulation && !f.autapses(), seed, wiringStream);
      case Connectivity.FixedFanIn f -> fixedFanIn(p, f, preSize, postSize, samePopulation && !f.autapses(), seed, wiringStream);
      case Connectivity.Explicit e -> explicit(p, e, preSize, postSize);
      case Connectivity.Conv2d c -> conv2d(p, c, preSize, postSize);
    };
    int count = rows.post.length;
    double[] weight;
    if (p.weight() == null) throw new IllegalArgumentException("projection " + p.name() + " has no weight");
    if (p.connectivity() instanceof Connectivity.Conv2d c) {
      double[] kernel = Materialize.values(p.weight(), c.kernelSize(), seed, "weight/" + p.name(), p.span(),
          "the kernel of projection " + p.name());
      weight = new double[count];
      for (int k = 0; k < count; k++) weight[k] = kernel[rows.kernel[k]];
    } else {
      weight = perConnection(p.weight(), rows.order, count, seed, "weight/" + p.name(), p.span(), "weight of projection " + p.name());
    }
    double[] delay = p.delay() == null ? new double[count]
        : perConnection(p.delay(), rows.order, count, seed, "delay/" + p.name(), p.span(), "delay of projection " + p.name());
    for (int k = 0; k < count; k++) {
      if (!(delay[k] >= 0)) {
        throw Materialize.error(p.span(), "projection " + p.name() + " gives connection " + k + " the delay " + delay[k] + " s",
            "delays must be zero or positive; use a distribution that stays non-negative");
      }
    }
    return new Connections(preSize, postSize, rows.rowStart, rows.post, weight, delay);
  }

  /** Expected number of connections (exact where the rule fixes it), without building them; for estimates. */
  public static double expectedCount(Connectivity c, long preSize, long postSize, boolean samePopulation) {
    return switch (c) {
      case Connectivity.AllToAll a -> preSize * (double) postSize - (samePopulation && !a.autapses() ? preSize : 0);
      case Connectivity.OneToOne o -> Math.min(preSize, postSize);
      case Connectivity.FixedProbability f -> Math.min(1, Math.max(0, f.p()))
          * (preSize * (double) postSize - (samePopulation && !f.autapses() ? preSize : 0));
      case Connectivity.FixedFanIn f -> (double) f.k() * postSize;
      case Connectivity.Explicit e -> e.pre().size();
      case Connectivity.Conv2d v -> (double) v.outHeight() * v.outWidth() * v.outChannels() * v.kernelHeight() * v.kernelWidth() * v.inChannels();
    };
  }

  // ---- Conv2d index layout (one place, so every target agrees) ----

  /** Source index of input pixel (y, x) of channel c. */
  public static int convPre(Connectivity.Conv2d v, int c, int y, int x) {
    return (c * v.inHeight() + y) * v.inWidth() + x;
  }

  /** Target index of output pixel (oy, ox) of output channel oc. */
  public static int convPost(Connectivity.Conv2d v, int oc, int oy, int ox) {
    return (oc * v.outHeight() + oy) * v.outWidth() + ox;
  }

  /** Index into the kernel values, laid out as [oc][c][ky][kx]. */
  public static int kernelIndex(Connectivity.Conv2d v, int oc, int c, int ky, int kx) {
    return ((oc * v.inChannels() + c) * v.kernelHeight() + ky) * v.kernelWidth() + kx;
  }

  // ---- rules ----

  /** Rows as built: {@code order[k]} is the given position of canonical connection k (explicit only); {@code kernel[k]} the kernel index (conv only). */
  private record Rows(int[] rowStart, int[] post, int[] order, int[] kernel) {
    Rows(int[] rowStart, int[] post) {
      this(rowStart, post, null, null);
    }
  }

  private static Rows allToAll(int preSize, int postSize, boolean noSelf) {
    long total = (long) preSize * postSize - (noSelf ? Math.min(preSize, postSize) : 0);
    int[] rowStart = new int[preSize + 1];
    int[] post = new int[checkCount(total)];
    int k = 0;
    for (int i = 0; i < preSize; i++) {
      for (int j = 0; j < postSize; j++) if (!(noSelf && i == j)) post[k++] = j;
      rowStart[i + 1] = k;
    }
    return new Rows(rowStart, post);
  }

  private static Rows oneToOne(Projection p, int preSize, int postSize) {
    if (preSize != postSize) {
      throw Materialize.error(p.span(), "one_to_one projection " + p.name() + " joins populations of sizes " + preSize + " and " + postSize,
          "one_to_one needs populations of equal size");
    }
    int[] rowStart = new int[preSize + 1];
    int[] post = new int[preSize];
    for (int i = 0; i < preSize; i++) {
      post[i] = i;
      rowStart[i + 1] = i + 1;
    }
    return new Rows(rowStart, post);
  }

  private static Rows fixedProbability(Projection proj, Connectivity.FixedProbability f, int preSize, int postSize,
      boolean noSelf, long seed, long stream) {
    double p = f.p();
    if (!(p >= 0 && p <= 1)) {
      throw Materialize.error(proj.span(), "projection " + proj.name() + " has connection probability " + p, "a probability lies between 0 and 1");
    }
    double expected = expectedCount(f, preSize, postSize, noSelf);
    int chunks = expected > PARALLEL_CONNECTIONS ? Math.min(preSize, 8 * Runtime.getRuntime().availableProcessors()) : 1;
    int[] rowStart = new int[preSize + 1];
    IntList[] parts = new IntList[chunks];
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      int from = (int) ((long) preSize * c / chunks), to = (int) ((long) preSize * (c + 1) / chunks);
      IntList out = new IntList((int) Math.min(1 << 24, expected / chunks * 1.1 + 16));
      for (int i = from; i < to; i++) {
        probabilityRow(i, p, postSize, noSelf, seed, stream, out);
        rowStart[i + 1] = out.size(); // local to the chunk; shifted below
      }
      parts[c] = out;
    });
    long total = 0;
    for (IntList part : parts) total += part.size();
    int[] post = new int[checkCount(total)];
    int offset = 0;
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) preSize * c / chunks), to = (int) ((long) preSize * (c + 1) / chunks);
      System.arraycopy(parts[c].raw(), 0, post, offset, parts[c].size());
      for (int i = from; i < to; i++) rowStart[i + 1] += offset;
      offset += parts[c].size();
    }
    return new Rows(rowStart, post);
  }

  /** Appends the targets of source {@code i}: each post index independently with probability p, by geometric skips. */
  static void probabilityRow(int i, double p, int postSize, boolean noSelf, long seed, long stream, IntList out) {
    if (p <= 0 || postSize == 0) return;
    if (p >= 1) {
      for (int j = 0; j < postSize; j++) if (!(noSelf && j == i)) out.add(j);
      return;
    }
    double logq = Math.log1p(-p);
    long base = (long) i << 32;
    long r = 0;
    long j = -1;
    while (true) {
      double u = Rng.uniform(seed, stream, base + r++);
      double skip = Math.floor(Math.log1p(-u) / logq);
      if (j + 1 + skip >= postSize) return;
      j += 1 + (long) skip;
      if (!(noSelf && j == i)) out.add((int) j);
    }
  }

  private static Rows fixedFanIn(Projection proj, Connectivity.FixedFanIn f, int preSize, int postSize, boolean noSelf,
      long seed, long stream) {
    int k = f.k();
    int candidates = noSelf ? preSize - 1 : preSize;
    if (k < 0 || k > candidates) {
      throw Materialize.error(proj.span(), "projection " + proj.name() + " asks for " + k + " distinct sources per target but "
          + Math.max(candidates, 0) + " are available", "lower the fan-in, or allow autapses");
    }
    int[] chosen = new int[checkCount((long) k * postSize)];
    int[] rowCount = new int[preSize];
    IntSet seen = new IntSet(k);
    for (int j = 0; j < postSize; j++) {
      floyd(k, candidates, seed, stream, (long) j << 32, seen, chosen, j * k);
      for (int c = j * k; c < (j + 1) * k; c++) {
        if (noSelf && chosen[c] >= j) chosen[c]++;
        rowCount[chosen[c]]++;
      }
    }
    // Counting sort by pre; walking posts in increasing order leaves every row sorted by post.
    int[] rowStart = new int[preSize + 1];
    for (int i = 0; i < preSize; i++) rowStart[i + 1] = rowStart[i] + rowCount[i];
    int[] fill = Arrays.copyOf(rowStart, preSize);
    int[] post = new int[chosen.length];
    for (int j = 0; j < postSize; j++) {
      for (int c = j * k; c < (j + 1) * k; c++) post[fill[chosen[c]]++] = j;
    }
    return new Rows(rowStart, post);
  }

  /** Floyd's algorithm: k distinct values of [0, n) into out[at .. at+k), counters base + 0 .. k-1. */
  static void floyd(int k, int n, long seed, long stream, long base, IntSet seen, int[] out, int at) {
    seen.clear();
    for (int r = n - k, c = 0; r < n; r++, c++) {
      int t = Rng.below(seed, stream, base + c, r + 1);
      if (!seen.add(t)) {
        t = r;
        seen.add(t);
      }
      out[at + c] = t;
    }
  }

  private static Rows explicit(Projection p, Connectivity.Explicit e, int preSize, int postSize) {
    int n = e.pre().size();
    int[] pre = e.pre().values(), post = e.post().values();
    for (int k = 0; k < n; k++) {
      if (pre[k] < 0 || pre[k] >= preSize || post[k] < 0 || post[k] >= postSize) {
        throw Materialize.error(p.span(), "projection " + p.name() + " lists the pair (" + pre[k] + ", " + post[k]
            + ") but the populations have sizes " + preSize + " and " + postSize, "indices start at 0");
      }
    }
    // Stable sort of the positions by (pre, post): a counting sort by post, then by pre.
    int[] byPost = stableCountingSort(identity(n), post, postSize);
    int[] order = stableCountingSort(byPost, pre, preSize);
    int[] rowStart = new int[preSize + 1];
    int[] sortedPost = new int[n];
    for (int k = 0; k < n; k++) {
      sortedPost[k] = post[order[k]];
      rowStart[pre[order[k]] + 1]++;
    }
    for (int i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
    return new Rows(rowStart, sortedPost, order, null);
  }

  private static Rows conv2d(Projection p, Connectivity.Conv2d v, int preSize, int postSize) {
    int outH = v.outHeight(), outW = v.outWidth();
    if (v.stride() < 1 || outH < 1 || outW < 1) {
      throw Materialize.error(p.span(), "conv2d projection " + p.name() + " has no output pixels (stride " + v.stride() + ")",
          "the kernel must fit the padded input and the stride must be at least 1");
    }
    long inSize = (long) v.inHeight() * v.inWidth() * v.inChannels();
    long outSize = (long) outH * outW * v.outChannels();
    if (inSize != preSize || outSize != postSize) {
      throw Materialize.error(p.span(), "conv2d projection " + p.name() + " expects " + inSize + " sources and " + outSize
          + " targets but the populations have " + preSize + " and " + postSize,
          "the source must have inHeight*inWidth*inChannels neurons and the target outHeight*outWidth*outChannels");
    }
    IntList post = new IntList((int) Math.min(1 << 24, Wiring.expectedCount(v, preSize, postSize, false)));
    IntList kernel = new IntList(post.raw().length);
    int[] rowStart = new int[preSize + 1];
    int s = v.stride(), pad = v.padding();
    for (int c = 0; c < v.inChannels(); c++) {
      for (int y = 0; y < v.inHeight(); y++) {
        for (int x = 0; x < v.inWidth(); x++) {
          // Targets in increasing index: oc, then oy (ky falling), then ox (kx falling).
          for (int oc = 0; oc < v.outChannels(); oc++) {
            for (int ky = v.kernelHeight() - 1; ky >= 0; ky--) {
              int ny = y + pad - ky;
              if (ny < 0 || ny % s != 0 || ny / s >= outH) continue;
              for (int kx = v.kernelWidth() - 1; kx >= 0; kx--) {
                int nx = x + pad - kx;
                if (nx < 0 || nx % s != 0 || nx / s >= outW) continue;
                post.add(convPost(v, oc, ny / s, nx / s));
                kernel.add(kernelIndex(v, oc, c, ky, kx));
              }
            }
          }
          rowStart[convPre(v, c, y, x) + 1] = post.size();
        }
      }
    }
    return new Rows(rowStart, post.toArray(), null, kernel.toArray());
  }

  // ---- helpers ----

  private static double[] perConnection(ValueSpec spec, int[] order, int count, long seed, String stream, Span span, String what) {
    double[] v = Materialize.values(spec, count, seed, stream, span, what);
    if (order != null && spec instanceof ValueSpec.Values) {
      double[] sorted = new double[count];
      for (int k = 0; k < count; k++) sorted[k] = v[order[k]];
      return sorted;
    }
    return v;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    return a;
  }

  private static int[] stableCountingSort(int[] positions, int[] key, int range) {
    int[] start = new int[range + 1];
    for (int pos : positions) start[key[pos] + 1]++;
    for (int r = 0; r < range; r++) start[r + 1] += start[r];
    int[] out = new int[positions.length];
    for (int pos : positions) out[start[key[pos]]++] = pos;
    return out;
  }

  private static int checkCount(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw UserError.of("a projection would have " + n + " connections, more than one projection can hold (2^31)",
          "split the projection or lower its connection probability");
    }
    return (int) n;
  }

  private static Population population(Network net, String name, Projection p) {
    return net.population(name).orElseThrow(() -> Materialize.error(p.span(),
        "projection " + p.name() + " names population '" + name + "', which does not exist", ""));
  }
}
