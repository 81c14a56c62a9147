package nmc.emulator.truenorth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nmc.ir.build.Rng;

/**
 * An independent, deliberately plain model of one TrueNorth core, written from hardware reference 3.2 and the
 * documented choices (docs/chips.md): boolean crossbar, one neuron at a time, one axon at a time, long arithmetic,
 * a map of pending deliveries instead of a ring. Its random numbers follow the documented formula with {@link Rng}
 * directly. It counts how often each rule fired, so tests can show that every case was exercised.
 */
final class PlainTrueNorthCore {
  final int axons, neurons, coreId;
  final boolean[][] w; // [axon][neuron]
  final int[] type; // per axon
  final int[][] s; // [neuron][type]
  final boolean[][] b; // [neuron][type]
  final int[] lambda, alpha, beta, maskBits, gamma, reset, destAxon, destDelay;
  final boolean[] c, eps, kappa;
  final long[] v;
  final int vBits;
  final boolean wrap;
  final long seed;
  private final Map<Long, TreeSet<Integer>> pending = new HashMap<>();

  // What happened, for coverage assertions.
  final Map<String, Long> seen = new HashMap<>();

  PlainTrueNorthCore(int axons, int neurons, int types, int coreId, int vBits, boolean wrap, long seed) {
    this.axons = axons;
    this.neurons = neurons;
    this.coreId = coreId;
    this.vBits = vBits;
    this.wrap = wrap;
    this.seed = seed;
    w = new boolean[axons][neurons];
    type = new int[axons];
    s = new int[neurons][types];
    b = new boolean[neurons][types];
    lambda = new int[neurons];
    alpha = new int[neurons];
    beta = new int[neurons];
    maskBits = new int[neurons];
    gamma = new int[neurons];
    reset = new int[neurons];
    destAxon = new int[neurons];
    destDelay = new int[neurons];
    c = new boolean[neurons];
    eps = new boolean[neurons];
    kappa = new boolean[neurons];
    v = new long[neurons];
    java.util.Arrays.fill(destAxon, -1);
    java.util.Arrays.fill(alpha, (1 << 18) - 1); // the quiet default of the program builder
    java.util.Arrays.fill(kappa, true);
  }

  private void count(String what) {
    seen.merge(what, 1L, Long::sum);
  }

  private long rho8(long t, int j, int slot) {
    long bits = Rng.bits(seed, Rng.stream("truenorth/core" + coreId), (t * neurons + j) * (axons + 2) + slot);
    return bits >>> 56;
  }

  private long etaBits(long t, int j) {
    return Rng.bits(seed, Rng.stream("truenorth/core" + coreId), (t * neurons + j) * (axons + 2) + axons + 1) & 0xFFFFFFFFL;
  }

  private long bound(long x) {
    long lo = -(1L << (vBits - 1)), hi = (1L << (vBits - 1)) - 1;
    if (x >= lo && x <= hi) return x;
    count(wrap ? "wrap" : "saturate");
    if (!wrap) return Math.max(lo, Math.min(hi, x));
    long m = 1L << vBits;
    long r = Math.floorMod(x, m);
    return r > hi ? r - m : r;
  }

  /** Spikes on our own axons that arrive in tick t (before the host's). */
  boolean arriving(long t, int axon) {
    TreeSet<Integer> set = pending.get(t);
    return set != null && set.contains(axon);
  }

  /** One tick with these host spikes; returns the neurons that spiked. */
  List<Integer> tick(long t, boolean[] host) {
    boolean[] active = new boolean[axons];
    TreeSet<Integer> due = pending.remove(t);
    if (due != null) for (int a : due) active[a] = true;
    for (int a = 0; a < axons; a++) {
      if (host[a] && active[a]) count("collision");
      active[a] |= host[a];
    }
    List<Integer> spiked = new ArrayList<>();
    for (int j = 0; j < neurons; j++) {
      // 1. synaptic integration
      long sum = 0;
      for (int a = 0; a < axons; a++) {
        if (!active[a] || !w[a][j]) continue;
        int g = type[a];
        int weight = s[j][g];
        if (!b[j][g]) {
          sum += weight;
        } else if (Math.abs(weight) >= rho8(t, j, a)) {
          sum += Long.signum(weight);
          if (weight != 0) count("stochastic synapse fired");
        } else {
          count("stochastic synapse silent");
        }
      }
      long vj = bound(v[j] + sum);
      // 2. leak
      long omega = eps[j] ? Long.signum(vj) : 1;
      long before = vj;
      if (!c[j]) {
        vj = bound(vj + omega * lambda[j]);
      } else if (Math.abs(lambda[j]) >= rho8(t, j, axons)) {
        vj = bound(vj + omega * Long.signum(lambda[j]));
      }
      if (vj != before) count("leak " + (eps[j] ? "reversal " : "") + (lambda[j] > 0 ? "positive" : "negative") + (c[j] ? " stochastic" : ""));
      // 3. threshold, fire, reset
      long eta = maskBits[j] == 0 ? 0 : etaBits(t, j) & ((1L << maskBits[j]) - 1);
      if (eta != 0) count("eta");
      long k = kappa[j] ? 1 : 0;
      if (vj >= alpha[j] + eta) {
        spiked.add(j);
        count("spike gamma " + gamma[j]);
        vj = switch (gamma[j]) {
          case 0 -> reset[j];
          case 1 -> vj - (alpha[j] + eta);
          default -> vj;
        };
        if (destAxon[j] >= 0 && !pending.computeIfAbsent(t + destDelay[j], x -> new TreeSet<>()).add(destAxon[j])) {
          count("collision"); // the scheduler holds one bit per axon and tick: the spikes merge
        }
      } else if (vj < -(beta[j] * k + (beta[j] + eta) * (1 - k))) {
        count("negative kappa " + k + " gamma " + gamma[j]);
        if (k == 1) vj = -beta[j];
        else {
          vj = switch (gamma[j]) {
            case 0 -> -reset[j];
            case 1 -> vj + (beta[j] + eta);
            default -> vj;
          };
        }
      }
      v[j] = vj;
    }
    return spiked;
  }
}
