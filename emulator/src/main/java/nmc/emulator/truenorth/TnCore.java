package nmc.emulator.truenorth;

import nmc.emulator.core.CoreCosts;
import nmc.ir.build.IntList;

/**
 * One TrueNorth core at run time: the scheduler (one bit per axon for each of the next {@code maxDelay + 1} ticks),
 * the crossbar, and the neurons' integer state in primitive arrays. {@link #update} runs one tick for this core
 * only (cores run in parallel); the emulator then writes the spikes into the destination cores' schedulers with
 * {@link #schedule} (serially, so a tick's result does not depend on the thread count).
 *
 * <p>Per neuron j and tick t (hardware reference 3.2; V saturates or wraps to 20 bits where marked [B]):
 * <pre>
 * 1. V = [B](V + Σ over active axons i with w_ij = 1 of: s_j^G(i)            if b_j^G(i) = 0
 *                                                     sgn(s) if |s| ≥ ρ else 0  if b_j^G(i) = 1)
 * 2. Ω = ε ? sgn(V) : 1;  V = [B](V + Ω·λ)  (c = 0),  V = [B](V + Ω·sgn(λ) if |λ| ≥ ρ)  (c = 1)
 * 3. η = ρ AND M;  if V ≥ α + η: spike, V = R | V − (α + η) | V  (γ = 0 | 1 | 2)
 *    else if V < −(κ ? β : β + η): V = −β (κ = 1), or −R | V + (β + η) | V (κ = 0, γ = 0 | 1 | 2)
 * </pre>
 * Integration sums exactly before the bound, so the order of the tick's events does not matter (checklist 22).
 */
final class TnCore {
  private final int id, n, axons, words, axWords, types, ticks, compareBits, vBits, vMin, vMax;
  private final boolean wrap;
  private final long[] crossbar;
  private final int[] axonType;
  private final int[] weight, stochSyn, leak, alpha, beta, maskBits, resetValue, gamma;
  private final boolean[] stochLeak, reversal, kappa;
  final int[] destCore, destAxon, destDelay;
  private final int[] v;
  private final long[] scheduler;
  private final long stream;
  private final CoreCosts costs;

  // Scratch and results of the last update.
  private final int[] acc, events;
  private final IntList spikes = new IntList(64), spikeReady = new IntList(64);
  private long synEvents, updateCycles, integrationCycles;
  private int activeAxons, activeNeurons, packets;

  TnCore(TrueNorthSpec chip, int id, TnCoreProgram p, CoreCosts costs) {
    this.id = id;
    this.costs = costs;
    n = p.neurons;
    axons = p.axons;
    words = p.words;
    types = p.types;
    axWords = (axons + 63) >>> 6;
    ticks = chip.core().schedulerTicks();
    TrueNorthSpec.NumberFormats f = chip.formats();
    compareBits = f.randomCompareBits();
    vBits = f.potentialBits();
    vMin = f.potentialMin();
    vMax = f.potentialMax();
    wrap = chip.overflow() == TrueNorthSpec.Overflow.WRAP;
    crossbar = p.crossbar; // the program is immutable and its arrays are never handed out
    axonType = p.axonType;
    destCore = p.destCore;
    destAxon = p.destAxon;
    destDelay = p.destDelay;
    weight = new int[n * types];
    stochSyn = new int[n];
    leak = new int[n];
    alpha = new int[n];
    beta = new int[n];
    maskBits = new int[n];
    resetValue = new int[n];
    gamma = new int[n];
    stochLeak = new boolean[n];
    reversal = new boolean[n];
    kappa = new boolean[n];
    v = new int[n];
    for (int j = 0; j < n; j++) {
      NeuronParams q = p.params[j];
      int[] w = q.weights();
      System.arraycopy(w, 0, weight, j * types, types);
      stochSyn[j] = q.stochasticSynapse();
      leak[j] = q.leak();
      stochLeak[j] = q.stochasticLeak();
      reversal[j] = q.leakReversal();
      alpha[j] = q.threshold();
      beta[j] = q.negativeThreshold();
      maskBits[j] = q.thresholdMaskBits();
      kappa[j] = q.saturateNegative();
      gamma[j] = q.reset().ordinal();
      resetValue[j] = q.resetValue();
      v[j] = q.initialPotential();
    }
    scheduler = new long[ticks * axWords];
    stream = TnRandom.stream(id);
    acc = new int[n];
    events = new int[n];
  }

  private int bound(int x) {
    if (wrap) return (x << (32 - vBits)) >> (32 - vBits);
    return x < vMin ? vMin : Math.min(x, vMax);
  }

  /** Runs tick {@code tick}: integrates the axons scheduled for it, leaks, thresholds; collects the spikes. */
  void update(long tick, long seed) {
    spikes.clear();
    spikeReady.clear();
    java.util.Arrays.fill(acc, 0);
    java.util.Arrays.fill(events, 0);
    int base = (int) (tick % ticks) * axWords;
    long syn = 0;
    int active = 0;
    final long key = TnRandom.key(seed, stream);
    final long perNeuron = axons + 2, tickBase = tick * n;
    for (int k = 0; k < axWords; k++) {
      long word = scheduler[base + k];
      scheduler[base + k] = 0;
      while (word != 0) {
        int a = (k << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        active++;
        int g = axonType[a];
        int row = a * words;
        for (int w = 0; w < words; w++) {
          long bits = crossbar[row + w];
          while (bits != 0) {
            int j = (w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            syn++;
            events[j]++;
            int s = weight[j * types + g];
            if ((stochSyn[j] >>> g & 1) == 0) {
              acc[j] += s;
            } else if (s != 0) { // s = 0 adds sgn(0) = 0 whatever ρ is
              int rho = TnRandom.rho(TnRandom.draw(key, (tickBase + j) * perNeuron + a), compareBits);
              if (Math.abs(s) >= rho) acc[j] += Integer.signum(s);
            }
          }
        }
      }
    }
    long t = active * costs.axonIn() + syn * costs.synapseDense();
    integrationCycles = CoreCosts.cycles(t);
    int activeN = 0, sent = 0;
    for (int j = 0; j < n; j++) {
      int vj = bound(v[j] + acc[j]);
      int lam = leak[j];
      if (lam != 0) {
        int omega = reversal[j] ? Integer.signum(vj) : 1;
        if (omega != 0) {
          if (!stochLeak[j]) {
            vj = bound(vj + omega * lam);
          } else {
            int rho = TnRandom.rho(TnRandom.draw(key, (tickBase + j) * perNeuron + axons), compareBits);
            if (Math.abs(lam) >= rho) vj = bound(vj + omega * Integer.signum(lam));
          }
        }
      }
      int eta = maskBits[j] == 0 ? 0 : TnRandom.eta(TnRandom.draw(key, (tickBase + j) * perNeuron + axons + 1), maskBits[j]);
      if (events[j] > 0) {
        activeN++;
        t += costs.neuronActive() + costs.somaAccess();
      } else {
        t += costs.neuronInactive() + costs.somaAccess();
      }
      int a = alpha[j], b = beta[j];
      if (vj >= a + eta) {
        switch (gamma[j]) {
          case 0 -> vj = resetValue[j];
          case 1 -> vj = vj - (a + eta);
          default -> { }
        }
        t += costs.spikeOut();
        if (destCore[j] != TnCoreProgram.NO_DESTINATION) {
          t += costs.axonOut();
          sent++;
        }
        spikes.add(j);
        spikeReady.add((int) CoreCosts.cycles(t));
      } else if (kappa[j] ? vj < -b : vj < -(b + eta)) {
        if (kappa[j]) vj = -b;
        else {
          switch (gamma[j]) {
            case 0 -> vj = -resetValue[j];
            case 1 -> vj = vj + (b + eta);
            default -> { }
          }
        }
      }
      v[j] = vj;
    }
    synEvents = syn;
    activeAxons = active;
    activeNeurons = activeN;
    packets = sent;
    updateCycles = CoreCosts.cycles(t);
  }

  /** Sets axon {@code axon}'s bit for tick {@code tick}; returns false when it was already set (the spikes merge). */
  boolean schedule(long tick, int axon) {
    int k = (int) (tick % ticks) * axWords + (axon >>> 6);
    long bit = 1L << (axon & 63);
    boolean fresh = (scheduler[k] & bit) == 0;
    scheduler[k] |= bit;
    return fresh;
  }

  boolean scheduled(long tick, int axon) {
    return (scheduler[(int) (tick % ticks) * axWords + (axon >>> 6)] >>> (axon & 63) & 1L) != 0;
  }

  int id() {
    return id;
  }

  int neurons() {
    return n;
  }

  int axons() {
    return axons;
  }

  int[] spikes() {
    return spikes.raw();
  }

  int spikeCount() {
    return spikes.size();
  }

  int spikeReadyCycle(int k) {
    return spikeReady.get(k);
  }

  long synEvents() {
    return synEvents;
  }

  int activeAxons() {
    return activeAxons;
  }

  int activeNeurons() {
    return activeNeurons;
  }

  int packets() {
    return packets;
  }

  long updateCycles() {
    return updateCycles;
  }

  long integrationCycles() {
    return integrationCycles;
  }

  int v(int j) {
    return v[j];
  }

  int[] vArray() {
    return v.clone();
  }
}
