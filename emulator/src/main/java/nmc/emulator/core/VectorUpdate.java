package nmc.emulator.core;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nmc.ir.build.IntList;

/**
 * The plain compartment update of one core ({@link LoihiCore}, no noise, per-synapse weight exponents) in SIMD
 * lanes of 32-bit integers: the same arithmetic as the scalar loop, lane by lane, so bit-identical. The decay's
 * product {@code |x| * factor} needs up to 36 bits; it is split into two exact halves that each fit in 24
 * ({@code (|x| >> 12) * f + (((|x| & 4095) * f) >> 12)}). Spikes are rare: a vector with one is finished lane by
 * lane. Only loaded when the JVM runs with {@code --add-modules jdk.incubator.vector} (see {@link Kernels}).
 */
final class VectorUpdate {
  private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;

  private final int n, db, low, accShift, stShift, lo, hi;
  private final int[] acc, u, v, ref, factorU, factorV, bias, vth, refDelay, outStart;
  private final long neuronActive, neuronInactive, spikeOut, axonOut;
  // the running counts at the end of the last update
  int active, msgs;
  long extra;

  VectorUpdate(int n, int decayBits, int accBits, int stateBits, int vmin, int vmax, int[] acc, int[] u, int[] v, int[] ref,
      int[] factorU, int[] factorV, int[] bias, int[] vth, int[] refDelay, int[] outStart, CoreCosts costs) {
    this.n = n;
    this.db = decayBits;
    this.low = (1 << decayBits) - 1;
    this.accShift = 31 - accBits;
    this.stShift = 31 - stateBits;
    this.lo = vmin;
    this.hi = vmax;
    this.acc = acc;
    this.u = u;
    this.v = v;
    this.ref = ref;
    this.factorU = factorU;
    this.factorV = factorV;
    this.bias = bias;
    this.vth = vth;
    this.refDelay = refDelay;
    this.outStart = outStart;
    neuronActive = costs.neuronActive() + costs.somaAccess();
    neuronInactive = costs.neuronInactive() + costs.somaAccess();
    spikeOut = costs.spikeOut();
    axonOut = costs.axonOut();
  }

  /** Lanes of the preferred species on this machine (1 would be no SIMD at all). */
  static int lanes() {
    return S.length();
  }

  static String describe() {
    return "Vector API, " + S.length() + " x 32-bit lanes";
  }

  /**
   * Updates the compartments of whole vectors with the accumulator slot at {@code base}; spikes go to the lists.
   * Returns the first compartment not updated (the caller's scalar loop finishes from there with {@link #active},
   * {@link #msgs} and {@link #extra}).
   */
  int update(int base, IntList spikes, IntList spikeReady) {
    final int db = this.db, low = this.low, accShift = this.accShift, stShift = this.stShift, lo = this.lo, hi = this.hi;
    final int[] acc = this.acc, u = this.u, v = this.v, ref = this.ref, fU = factorU, fV = factorV, bias = this.bias, vth = this.vth;
    final int len = S.length();
    final IntVector zero = IntVector.zero(S);
    int active = 0, msgs = 0;
    long extra = 0;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += len) {
      IntVector a = IntVector.fromArray(S, acc, base + i);
      zero.intoArray(acc, base + i);
      VectorMask<Integer> input = a.compare(VectorOperators.NE, 0);
      IntVector qw = a.lanewise(VectorOperators.LSHL, accShift).lanewise(VectorOperators.ASHR, accShift);
      IntVector x = IntVector.fromArray(S, u, i), fu = IntVector.fromArray(S, fU, i), mx = x.abs();
      IntVector du = mx.lanewise(VectorOperators.ASHR, db).mul(fu).add(mx.and(low).mul(fu).lanewise(VectorOperators.ASHR, db))
          .lanewise(VectorOperators.NEG, x.compare(VectorOperators.LT, 0));
      IntVector un = du.add(qw).lanewise(VectorOperators.LSHL, stShift).lanewise(VectorOperators.ASHR, stShift);
      IntVector u2 = un.add(IntVector.fromArray(S, bias, i)).lanewise(VectorOperators.LSHL, stShift).lanewise(VectorOperators.ASHR, stShift);
      IntVector y = IntVector.fromArray(S, v, i), fv = IntVector.fromArray(S, fV, i), my = y.abs();
      IntVector dv = my.lanewise(VectorOperators.ASHR, db).mul(fv).add(my.and(low).mul(fv).lanewise(VectorOperators.ASHR, db))
          .lanewise(VectorOperators.NEG, y.compare(VectorOperators.LT, 0));
      IntVector r = IntVector.fromArray(S, ref, i);
      VectorMask<Integer> refractory = r.compare(VectorOperators.GT, 0);
      IntVector vv = dv.add(u2).max(lo).min(hi).blend(0, refractory);
      un.intoArray(u, i);
      vv.intoArray(v, i);
      r.sub(1, refractory).intoArray(ref, i);
      VectorMask<Integer> spike = vv.compare(VectorOperators.GT, IntVector.fromArray(S, vth, i));
      if (spike.anyTrue()) {
        long in = input.toLong(), sp = spike.toLong();
        while (sp != 0) {
          int k = Long.numberOfTrailingZeros(sp);
          sp &= sp - 1;
          int c = i + k;
          int act = active + Long.bitCount(in & ((2L << k) - 1)); // active compartments up to c
          v[c] = 0;
          ref[c] = Math.max(refDelay[c] - 1, 0);
          int fan = outStart[c + 1] - outStart[c];
          msgs += fan;
          extra += spikeOut + fan * axonOut;
          spikes.add(c);
          spikeReady.add((int) CoreCosts.cycles((c + 1 - act) * neuronInactive + act * neuronActive + extra));
        }
      }
      active += input.trueCount();
    }
    this.active = active;
    this.msgs = msgs;
    this.extra = extra;
    return i;
  }
}
