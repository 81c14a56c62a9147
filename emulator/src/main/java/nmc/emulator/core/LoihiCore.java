package nmc.emulator.core;

import java.util.List;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;
import nmc.emulator.program.CompartmentProfile;
import nmc.emulator.program.CoreProgram;
import nmc.ir.build.IntList;
import nmc.emulator.program.NoiseConfig;
import nmc.emulator.program.SynapseFormat;
import nmc.ir.build.Rng;

/**
 * One neuromorphic core at run time: CUBA LIF compartments in integer arithmetic, the dendritic accumulator ring
 * (one slot per delay), and the synapse lists in CSR form with weights already aligned and shifted. State lives in
 * one {@code int[]} per field. A step is {@link #update} (integrate the slot due now, threshold, reset; collect the
 * spikes) followed by {@link #deliver} (synaptic ops of the spikes received this step into later slots). A core
 * touches only its own arrays, so cores run in parallel.
 *
 * <p>Per compartment and step (hardware reference 1.3, checklist 1-10):
 * <pre>
 * q  = wrap(accumulator, 21)                 (on_sum mode: wrap(shift(sum, wgtExp) << 6, 21))
 * u  = wrap(D(u, du + 1) + q, 23)
 * u2 = wrap(u + bias, 23)
 * v  = clamp(D(v, dv) + u2, vmin, vmax);  if refractory: v = 0
 * spike = v > vthMant << 6;  if spike: v = 0, counter = refractDelay
 * counter = max(counter - 1, 0)
 * </pre>
 */
public final class LoihiCore {
  private final int id;
  private final int n;
  private final int slots;
  private final int[] u, v, ref;
  private final int[] acc;
  private final int[] factorU, factorV, bias, vth, refDelay;
  private final boolean[] noiseOn;
  private final VectorUpdate vector; // the plain update in SIMD lanes, when the JVM has the Vector API
  private final boolean vectorWhenReady; // use it only once it is compiled (Kernels.ready)
  private final boolean plain; // no noise, weights shifted per synapse, state within 24 bits: the fast update
  private final long vmin, vmax;
  private final int decayBits, stateBits, accBits, weightShift;
  private final boolean onSum;
  private final int sumExponent;
  private final int[] axonStart, synOffset, synWeight;
  private final boolean[] axonDense;
  private final int[] axonCost;
  private final int[] outStart, outCore, outAxon;
  private final NoiseConfig noise;
  private final long noiseStream;
  private final CoreCosts costs;

  // Results of the last update: spiking compartments (in index order) and when their messages are ready.
  private final IntList spikes = new IntList(64);
  private final IntList spikeReady = new IntList(64);
  private long updateCycles;
  private int activeCount, messagesOut;
  // Inbox of this step's received axons; counters of the last deliver.
  private final IntList inbox = new IntList(64);
  private long synOpsDense, synOpsSparse;
  private int axonsIn;

  public LoihiCore(ChipSpec chip, int id, CoreProgram p, CoreCosts costs) {
    this(chip, id, p, costs, Kernels.VECTOR, true);
  }

  /** As above; {@code simd}: always use the SIMD update where it applies (tests compare both kernels). */
  LoihiCore(ChipSpec chip, int id, CoreProgram p, CoreCosts costs, boolean simd) {
    this(chip, id, p, costs, simd, false);
  }

  private LoihiCore(ChipSpec chip, int id, CoreProgram p, CoreCosts costs, boolean simd, boolean whenReady) {
    this.id = id;
    this.costs = costs;
    ChipSpec.NumberFormats f = chip.formats();
    n = p.compartments();
    decayBits = f.decayBits();
    stateBits = f.stateBits();
    accBits = f.accumulatorBits();
    weightShift = f.weightShift();
    u = new int[n];
    v = new int[n];
    ref = new int[n];
    factorU = new int[n];
    factorV = new int[n];
    bias = new int[n];
    vth = new int[n];
    refDelay = new int[n];
    noiseOn = new boolean[n];
    int[] bm = p.biasMantissa(), be = p.biasExponent(), cp = p.compartmentProfile(), tp = p.thresholdProfile(), tm = p.thresholdMantissa();
    List<CompartmentProfile> profiles = p.profiles();
    for (int i = 0; i < n; i++) {
      CompartmentProfile pr = profiles.get(cp[i]);
      factorU[i] = (1 << decayBits) - (pr.decayU() + f.currentDecayOffset());
      factorV[i] = (1 << decayBits) - (pr.decayV() + f.voltageDecayOffset());
      bias[i] = bm[i] << be[i];
      vth[i] = tm[tp[i]] << f.thresholdShift();
      refDelay[i] = pr.refractDelay();
      noiseOn[i] = pr.noise();
    }
    boolean anyNoise = false;
    for (boolean b : noiseOn) anyNoise |= b;
    vmin = LoihiMath.vmin(p.vminExponent());
    vmax = LoihiMath.vmax(f.vmaxExponentBase(), p.vmaxExponent());
    // 32-bit arithmetic is exact while |v|, |u| <= 2^24 and a decay factor has at most 12 bits (see updatePlain)
    plain = !anyNoise && chip.behaviour().weightExponent() != WeightExponentMode.ON_SUM && vmin >= -(1L << 24) && vmax <= (1L << 24)
        && f.stateBits() <= 24 && f.accumulatorBits() <= 30 && f.decayBits() <= 12;
    noise = p.noise();
    noiseStream = Rng.stream("noise/core" + id);

    onSum = chip.behaviour().weightExponent() == WeightExponentMode.ON_SUM;
    int[] fmtOf = p.axonFormat(), start = p.axonStart(), cx = p.synapseCompartment(), w = p.synapseWeight(), d = p.synapseDelay();
    int maxDelay = 0;
    for (int x : d) maxDelay = Math.max(maxDelay, x);
    slots = maxDelay + 1; // slot t is cleared by update(t) before deliver(t) writes t+1+maxDelay into it
    acc = new int[slots * n];
    axonStart = start;
    synOffset = new int[w.length];
    synWeight = new int[w.length];
    axonDense = new boolean[fmtOf.length];
    axonCost = new int[fmtOf.length];
    int exp = 0;
    for (int a = 0; a < fmtOf.length; a++) {
      SynapseFormat sf = p.formats().get(fmtOf[a]);
      int s = sf.droppedBits(f.weightMantissaBits());
      if (start[a + 1] > start[a]) exp = sf.weightExponent();
      axonDense[a] = sf.compression() == SynapseFormat.Compression.DENSE;
      for (int k = start[a]; k < start[a + 1]; k++) {
        synOffset[k] = d[k] * n + cx[k];
        // per_synapse: nengo-loihi's two-part shift, shift(w, s + wgtExp) then << 6 (bits below 2^0 are lost);
        // on_sum: the 8-bit-aligned weight, the exponent is applied to the sum in update().
        synWeight[k] = onSum ? w[k] << s : (int) (LoihiMath.shift(w[k], s + sf.weightExponent()) << weightShift);
      }
      long syn = (long) (start[a + 1] - start[a]) * (axonDense[a] ? costs.synapseDense() : costs.synapseSparse());
      axonCost[a] = (int) Math.max(1, CoreCosts.cycles(costs.axonIn() + syn));
    }
    sumExponent = exp; // the program checks guarantee one exponent per core in on_sum mode
    outStart = p.outStart();
    outCore = p.outCore();
    outAxon = p.outAxon();
    vectorWhenReady = whenReady;
    if (simd && whenReady) Kernels.prepare();
    vector = plain && simd ? new VectorUpdate(n, decayBits, accBits, stateBits, (int) vmin, (int) vmax, acc, u, v, ref, factorU, factorV,
        bias, vth, refDelay, outStart, costs) : null;
  }

  /**
   * Integrates step {@code step}: consumes its accumulator slot, updates every compartment, records spikes (and
   * the cycle, from the start of the step, at which each spike's messages are ready) and the update time.
   */
  public void update(long step, long seed) {
    spikes.clear();
    spikeReady.clear();
    if (plain) {
      updatePlain(step, vector != null && (!vectorWhenReady || Kernels.ready()));
      return;
    }
    int base = (int) (step % slots) * n;
    long t = 0;
    int active = 0, msgs = 0;
    final long neuronActive = costs.neuronActive() + costs.somaAccess();
    final long neuronInactive = costs.neuronInactive() + costs.somaAccess();
    for (int i = 0; i < n; i++) {
      int a = acc[base + i];
      acc[base + i] = 0;
      long q;
      if (onSum) q = sumExponent >= 0 ? (long) a << (sumExponent + weightShift) : (long) (a >> -sumExponent) << weightShift;
      else q = a;
      int nz = 0;
      if (noiseOn[i]) {
        nz = noise(step, seed, i);
        if (noise.target() == NoiseConfig.Target.DENDRITE) q += nz;
      }
      int qw = LoihiMath.wrap(q, accBits);
      int un = LoihiMath.wrap(LoihiMath.decay(u[i], factorU[i], decayBits) + qw, stateBits);
      u[i] = un;
      long u2 = (long) un + bias[i];
      if (noiseOn[i] && noise.target() == NoiseConfig.Target.MEMBRANE) u2 += nz;
      int u2w = LoihiMath.wrap(u2, stateBits);
      long vv = LoihiMath.decay(v[i], factorV[i], decayBits) + u2w;
      if (vv < vmin) vv = vmin;
      else if (vv > vmax) vv = vmax;
      int r = ref[i];
      if (r > 0) vv = 0;
      if (a != 0) {
        active++;
        t += neuronActive;
      } else {
        t += neuronInactive;
      }
      if (vv > vth[i]) {
        vv = 0;
        r = refDelay[i];
        int fan = outStart[i + 1] - outStart[i];
        msgs += fan;
        t += costs.spikeOut() + fan * costs.axonOut();
        spikes.add(i);
        spikeReady.add((int) CoreCosts.cycles(t));
      }
      if (r > 0) r--;
      ref[i] = r;
      v[i] = (int) vv;
    }
    activeCount = active;
    messagesOut = msgs;
    updateCycles = CoreCosts.cycles(t);
  }

  /**
   * {@link #update} without noise and with per-synapse weight exponents (the usual case), bit-identical to the
   * general loop (the emulator's bit-exactness tests cover both) but faster: one pass in 32-bit integers (the wraps
   * are sign extensions, the decay a 64-bit product shifted toward zero), with a branch only for the rare spike.
   * A spike's messages are ready after the compartments before it: their time follows from the running count of
   * active compartments. With {@code simd}, {@link VectorUpdate} does the whole vectors and this loop the rest.
   */
  private void updatePlain(long step, boolean simd) {
    final int base = (int) (step % slots) * n;
    final int db = decayBits;
    final long low = (1L << db) - 1;
    final int accShift = 31 - accBits, stShift = 31 - stateBits;
    final int lo = (int) vmin, hi = (int) vmax;
    final int[] acc = this.acc, u = this.u, v = this.v, ref = this.ref, fU = factorU, fV = factorV, bias = this.bias, vth = this.vth;
    final long neuronActive = costs.neuronActive() + costs.somaAccess();
    final long neuronInactive = costs.neuronInactive() + costs.somaAccess();
    long extra = 0;
    int active = 0, msgs = 0, i = 0;
    if (simd) {
      i = vector.update(base, spikes, spikeReady);
      active = vector.active;
      msgs = vector.msgs;
      extra = vector.extra;
    }
    for (; i < n; i++) {
      int a = acc[base + i];
      acc[base + i] = 0;
      active += (a | -a) >>> 31;                                        // 1 when input arrived
      int qw = (a << accShift) >> accShift;                             // wrap to accBits plus sign
      long pu = (long) u[i] * fU[i];
      int du = (int) ((pu + ((pu >> 63) & low)) >> db);                 // decay, rounded toward zero
      int un = ((du + qw) << stShift) >> stShift;
      int u2 = ((un + bias[i]) << stShift) >> stShift;
      long pv = (long) v[i] * fV[i];
      int dv = (int) ((pv + ((pv >> 63) & low)) >> db);
      int vv = Math.max(lo, Math.min(hi, dv + u2));
      int r = ref[i];
      u[i] = un;
      if (r > 0) vv = 0;
      if (vv > vth[i]) {
        vv = 0;
        r = refDelay[i];
        int fan = outStart[i + 1] - outStart[i];
        msgs += fan;
        extra += costs.spikeOut() + fan * costs.axonOut();
        long t = (i + 1 - active) * neuronInactive + active * neuronActive + extra;
        spikes.add(i);
        spikeReady.add((int) CoreCosts.cycles(t));
      }
      v[i] = vv;
      ref[i] = Math.max(r - 1, 0);
    }
    activeCount = active;
    messagesOut = msgs;
    updateCycles = CoreCosts.cycles((n - active) * neuronInactive + active * neuronActive + extra);
  }

  /** The core's noise sample for compartment i at this step: (r + 64 offset) 2^(exp - 7), r uniform on [-127, 127]. */
  private int noise(long step, long seed, int i) {
    int r = Rng.below(seed, noiseStream, step * n + i, 255) - 127;
    long x = r + 64L * noise.mantissaOffset();
    return (int) LoihiMath.shift(x, noise.exponent() - 7);
  }

  /** Queues a spike received on input axon {@code axon} during this step (integrated at step + 1 + delay). */
  public void receive(int axon) {
    inbox.add(axon);
  }

  /** Synaptic ops of every axon received this step into the slots of steps step + 1 + delay; clears the inbox. */
  public void deliver(long step) {
    int accLen = acc.length;
    int baseNext = (int) ((step + 1) % slots) * n;
    int[] box = inbox.raw();
    long dense = 0, sparse = 0;
    for (int k = 0, m = inbox.size(); k < m; k++) {
      int a = box[k];
      int s0 = axonStart[a], s1 = axonStart[a + 1];
      for (int s = s0; s < s1; s++) {
        int idx = baseNext + synOffset[s];
        if (idx >= accLen) idx -= accLen;
        acc[idx] += synWeight[s];
      }
      if (axonDense[a]) dense += s1 - s0;
      else sparse += s1 - s0;
    }
    synOpsDense = dense;
    synOpsSparse = sparse;
    axonsIn = inbox.size();
    inbox.clear();
  }

  /** Which update this core runs: "simd", "scalar" (both plain) or "general" (noise or exponents on the sum). */
  String kernel() {
    return vector != null ? "simd" : plain ? "scalar" : "general";
  }

  public int id() {
    return id;
  }

  public int compartments() {
    return n;
  }

  /** Compartments that spiked in the last update, in index order (backing array, valid to {@link #spikeCount()}). */
  public int[] spikes() {
    return spikes.raw();
  }

  public int spikeCount() {
    return spikes.size();
  }

  /** Cycle (from the step's start) at which the messages of the k-th spike of the last update are ready. */
  public int spikeReadyCycle(int k) {
    return spikeReady.get(k);
  }

  /** Cycles the last update took. */
  public long updateCycles() {
    return updateCycles;
  }

  public int activeCount() {
    return activeCount;
  }

  public int messagesOut() {
    return messagesOut;
  }

  public long synOpsDense() {
    return synOpsDense;
  }

  public long synOpsSparse() {
    return synOpsSparse;
  }

  public int axonsIn() {
    return axonsIn;
  }

  /** Fan-out edges of compartment c: {@code outStart(c) .. outStart(c+1)-1} into {@link #outCore}/{@link #outAxon}. */
  public int outStart(int c) {
    return outStart[c];
  }

  public int outCore(int e) {
    return outCore[e];
  }

  public int outAxon(int e) {
    return outAxon[e];
  }

  /** Cycles the core is busy with one message on {@code axon} (axon in plus its synaptic ops; at least 1). */
  public int axonCost(int axon) {
    return axonCost[axon];
  }

  /** Writes the state of compartment c (the host sets initial values before a run, as on the chip). */
  public void setState(int c, int uValue, int vValue) {
    u[c] = uValue;
    v[c] = vValue;
  }

  public int u(int c) {
    return u[c];
  }

  public int v(int c) {
    return v[c];
  }

  /** The refractory counter after the last update (0 = may spike next step). */
  public int refractory(int c) {
    return ref[c];
  }

  /** Accumulator entry for compartment c due at step {@code step} (before that step's update). */
  public int pending(long step, int c) {
    return acc[(int) (step % slots) * n + c];
  }

  public int[] uArray() {
    return u.clone();
  }

  public int[] vArray() {
    return v.clone();
  }

  public int[] refractoryArray() {
    return ref.clone();
  }
}
