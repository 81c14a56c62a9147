package nmc.map;

import java.util.Arrays;
import nmc.ir.build.Rng;

/**
 * Places logical cores on the physical cores of the board so that expected spike traffic times hops is small.
 * Traffic between two cores is the number of fan-out edges between them (messages when every neuron spikes once:
 * rates are not known before running, so all neurons count alike). Distance is the XY-routing hop count between
 * the tiles, plus {@link #CHIP_HOP_WEIGHT} for every chip boundary crossed (chip-to-chip links cost far more).
 *
 * <p>A greedy start (the most connected core at the centre of the board, then each next core at the free slot
 * cheapest against those placed) is improved by simulated annealing with moves and swaps, drawn from
 * {@link Rng} with a fixed stream: the same network and seed give the same placement.
 */
public final class Placer {
  private Placer() {}

  /** Extra cost of crossing from one chip to the next, in tile hops. */
  public static final int CHIP_HOP_WEIGHT = 8;

  /** Physical core id of each logical core, and the cost before and after annealing. */
  public record Result(int[] physical, double greedyCost, double cost) {}

  /** Board coordinates of physical core {@code id}: {x, y, chipX, chipY}. */
  public static int[] coords(ChipLimits.Mesh m, int id) {
    int cpc = m.coresPerChip();
    int chip = id / cpc, local = id % cpc, tile = local / m.coresPerTile();
    int cx = chip % m.chipsX(), cy = chip / m.chipsX();
    return new int[] {cx * m.tilesX() + tile % m.tilesX(), cy * m.tilesY() + tile / m.tilesX(), cx, cy};
  }

  /** Hops (tile steps) between two physical cores, plus the chip-crossing weight. */
  public static int distance(ChipLimits.Mesh m, int a, int b) {
    int[] p = coords(m, a), q = coords(m, b);
    return Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + CHIP_HOP_WEIGHT * (Math.abs(p[2] - q[2]) + Math.abs(p[3] - q[3]));
  }

  /** Plain tile hops (what a message travels). */
  public static int hops(ChipLimits.Mesh m, int a, int b) {
    int[] p = coords(m, a), q = coords(m, b);
    return Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]);
  }

  /**
   * @param adj symmetric traffic: for core a, neighbours {@code adjCore[a][k]} with weight {@code adjWeight[a][k]}
   */
  public static Result place(ChipLimits.Mesh mesh, int[][] adjCore, double[][] adjWeight, long seed) {
    int n = adjCore.length, slots = mesh.cores();
    if (n > slots) throw new IllegalArgumentException(n + " cores on a board of " + slots);
    int[] pos = new int[n], at = new int[slots];
    Arrays.fill(pos, -1);
    Arrays.fill(at, -1);
    Integer[] order = new Integer[n];
    double[] strength = new double[n];
    for (int a = 0; a < n; a++) {
      order[a] = a;
      for (double w : adjWeight[a]) strength[a] += w;
    }
    Arrays.sort(order, (x, y) -> strength[y] != strength[x] ? Double.compare(strength[y], strength[x]) : Integer.compare(x, y));
    int[][] xy = new int[slots][];
    for (int s = 0; s < slots; s++) xy[s] = coords(mesh, s);
    int boardW = mesh.tilesX() * mesh.chipsX(), boardH = mesh.tilesY() * mesh.chipsY();
    for (int idx = 0; idx < n; idx++) {
      int a = order[idx];
      int best = -1;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int s = 0; s < slots; s++) {
        if (at[s] >= 0) continue;
        double c = 0;
        for (int k = 0; k < adjCore[a].length; k++) {
          int b = adjCore[a][k];
          if (pos[b] >= 0) c += adjWeight[a][k] * dist(xy, s, pos[b]);
        }
        // tie-break towards the board's centre so later cores have room around them
        c += 1e-6 * (Math.abs(2 * xy[s][0] + 1 - boardW) + Math.abs(2 * xy[s][1] + 1 - boardH));
        if (c < bestCost) {
          bestCost = c;
          best = s;
        }
      }
      pos[a] = best;
      at[best] = a;
    }
    double greedy = cost(adjCore, adjWeight, pos, xy);
    double cost = anneal(adjCore, adjWeight, pos, at, xy, seed);
    return new Result(pos, greedy, cost);
  }

  private static int dist(int[][] xy, int s, int t) {
    int[] p = xy[s], q = xy[t];
    return Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + CHIP_HOP_WEIGHT * (Math.abs(p[2] - q[2]) + Math.abs(p[3] - q[3]));
  }

  static double cost(int[][] adjCore, double[][] adjWeight, int[] pos, int[][] xy) {
    double c = 0;
    for (int a = 0; a < adjCore.length; a++) {
      for (int k = 0; k < adjCore[a].length; k++) {
        int b = adjCore[a][k];
        if (b > a) c += adjWeight[a][k] * dist(xy, pos[a], pos[b]);
      }
    }
    return c;
  }

  /** Cost of core a's edges if it sat at slot s (ignoring core {@code skip}, which is being swapped with it). */
  private static double local(int a, int s, int skip, int skipSlot, int[][] adjCore, double[][] adjWeight, int[] pos, int[][] xy) {
    double c = 0;
    for (int k = 0; k < adjCore[a].length; k++) {
      int b = adjCore[a][k];
      int pb = b == skip ? skipSlot : pos[b];
      c += adjWeight[a][k] * dist(xy, s, pb);
    }
    return c;
  }

  private static double anneal(int[][] adjCore, double[][] adjWeight, int[] pos, int[] at, int[][] xy, long seed) {
    int n = pos.length, slots = at.length;
    double cost = cost(adjCore, adjWeight, pos, xy);
    if (n < 2 || cost == 0) return cost;
    long stream = Rng.stream("placement");
    double edges = 0, total = 0;
    for (int a = 0; a < n; a++) {
      for (double w : adjWeight[a]) {
        total += w;
        edges++;
      }
    }
    // bounded work: each move costs the degree of the two cores involved
    int iterations = (int) Math.min(Math.min(400_000, 4_000L * n), 40_000_000 / (1 + edges / n));
    double t0 = edges == 0 ? 1 : 2 * total / edges, t = t0;
    double cool = Math.pow(1e-3, 1.0 / iterations);
    long r = 0;
    for (int it = 0; it < iterations; it++, t *= cool) {
      int a = Rng.below(seed, stream, r++, n);
      int s = Rng.below(seed, stream, r++, slots);
      int from = pos[a];
      if (s == from) continue;
      int b = at[s];
      double delta = local(a, s, b, from, adjCore, adjWeight, pos, xy) - local(a, from, -1, -1, adjCore, adjWeight, pos, xy);
      if (b >= 0) delta += local(b, from, a, s, adjCore, adjWeight, pos, xy) - local(b, s, -1, -1, adjCore, adjWeight, pos, xy);
      // zero-cost moves are refused so the greedy layout (centred, compact) is kept where nothing improves
      if (delta < -1e-9 || (delta > 1e-9 && Rng.uniform(seed, stream, r++) < Math.exp(-delta / t))) {
        pos[a] = s;
        at[s] = a;
        at[from] = b;
        if (b >= 0) pos[b] = from;
        cost += delta;
      }
    }
    return cost(adjCore, adjWeight, pos, xy);
  }
}
