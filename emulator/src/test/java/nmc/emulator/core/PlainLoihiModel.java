package nmc.emulator.core;

import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately plain model of one Loihi core, written in the test tree straight from the formulas of
 * hardware-reference section 1.3 (and checklist 1-11), with long arithmetic and explicit helpers. It shares no code
 * with the emulator: divisions instead of shifts, floorMod for wraps, maps instead of ring buffers.
 */
final class PlainLoihiModel {
  /** One synapse: target compartment, stored weight, its format's bits/sign/exponent, delay. */
  record Syn(int cx, int w, int weightBits, boolean mixed, int exp, int delay) {}

  final int n;
  final int[] du, dv, refractDelay, biasMant, biasExp, vthMant;
  final long vmin, vmax;
  final boolean onSum;
  final Syn[][] axons;
  final long[] u, v;
  final int[] counter;
  private final Map<Long, long[]> pending = new HashMap<>();
  private final int sharedExp;
  // how often each edge case happened (so the property test can prove it exercised them)
  long accWraps, uWraps, u2Wraps, vClamps, refractoryZeroings, spikes;

  PlainLoihiModel(int[] du, int[] dv, int[] refractDelay, int[] biasMant, int[] biasExp, int[] vthMant,
      int vminExp, int vmaxExp, boolean onSum, Syn[][] axons) {
    this.n = du.length;
    this.du = du;
    this.dv = dv;
    this.refractDelay = refractDelay;
    this.biasMant = biasMant;
    this.biasExp = biasExp;
    this.vthMant = vthMant;
    this.vmin = -pow2(vminExp) + 1;
    this.vmax = pow2(9 + 2 * vmaxExp) - 1;
    this.onSum = onSum;
    this.axons = axons;
    u = new long[n];
    v = new long[n];
    counter = new int[n];
    int e = 0;
    for (Syn[] a : axons) for (Syn s : a) e = s.exp();
    sharedExp = e;
  }

  static long pow2(int k) {
    long r = 1;
    for (int i = 0; i < k; i++) r *= 2;
    return r;
  }

  /** x times 2^s; for negative s, divide and round toward minus infinity (an arithmetic shift). */
  static long scale(long x, int s) {
    return s >= 0 ? x * pow2(s) : Math.floorDiv(x, pow2(-s));
  }

  /** Wrap into [-2^bits, 2^bits - 1]. */
  static long wrap(long x, int bits) {
    long m = pow2(bits + 1);
    long y = Math.floorMod(x, m);
    return y >= pow2(bits) ? y - m : y;
  }

  /** D(x, k) = sign(x) * floor(|x| * (4096 - k) / 4096): the magnitude is decayed, so rounding is toward zero. */
  static long decay(long x, int k) {
    long mag = Math.abs(x) * (4096 - k) / 4096;
    return x < 0 ? -mag : mag;
  }

  /** A spike on input axon {@code axon} sent at step {@code sendStep}: integrated at sendStep + 1 + delay. */
  void send(long sendStep, int axon) {
    for (Syn s : axons[axon]) {
      long[] acc = pending.computeIfAbsent(sendStep + 1 + s.delay(), k -> new long[n]);
      int dropped = 8 - s.weightBits() + (s.mixed() ? 1 : 0);
      if (onSum) acc[s.cx()] += s.w() * pow2(dropped); // the 8-bit mantissa; exponent applied on the sum
      else acc[s.cx()] += scale(s.w(), dropped + s.exp()) * 64; // per-synapse two-part shift, then 2^6
    }
  }

  /** Runs step t; returns which compartments spiked. */
  boolean[] step(long t) {
    long[] acc = pending.remove(t);
    boolean[] spiked = new boolean[n];
    for (int i = 0; i < n; i++) {
      long raw = acc == null ? 0 : acc[i];
      long a = onSum ? scale(raw, sharedExp) * 64 : raw;
      long q = wrap(a, 21);
      if (q != a) accWraps++;
      long uNew = decay(u[i], du[i] + 1) + q;
      u[i] = wrap(uNew, 23);
      if (u[i] != uNew) uWraps++;
      long b = biasMant[i] * pow2(biasExp[i]);
      long u2raw = u[i] + b;
      long u2 = wrap(u2raw, 23);
      if (u2 != u2raw) u2Wraps++;
      long vNew = decay(v[i], dv[i]) + u2;
      long vc = Math.max(vmin, Math.min(vmax, vNew));
      if (vc != vNew) vClamps++;
      if (counter[i] > 0) {
        if (vc != 0) refractoryZeroings++;
        vc = 0;
      }
      if (vc > vthMant[i] * 64L) { // strictly greater
        spiked[i] = true;
        spikes++;
        vc = 0;
        counter[i] = refractDelay[i];
      }
      if (counter[i] > 0) counter[i] = counter[i] - 1;
      v[i] = vc;
    }
    return spiked;
  }
}
