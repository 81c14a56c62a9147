package nmc.map;

import nmc.ir.build.IntList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the neuron populations into cores so that every per-core limit holds: compartments, input axons (one per
 * source neuron and weight format with targets on the core), synapse memory words (counted as the chip does:
 * groups of synapses with headers, padded to words, with the index width the core's size needs), the dendritic
 * accumulator (compartments x (largest delay + 1)), compartment and threshold profiles, synapse formats, one
 * weight exponent per core when the chip applies it to the sum, and output axons (fan-out edges: one per
 * destination core and format a neuron reaches).
 *
 * <p>Neurons are packed in population order, each core filled until the next neuron would break a fan-in limit.
 * Fan-out depends on where the targets went, so it is checked afterwards: a core with too many edges is split and
 * the check repeated until every core fits.
 */
public final class Partitioner {
  private Partitioner() {}

  /** The limits that can close a core, for the message when a network does not fit. */
  public enum Limit {
    COMPARTMENTS("compartments"), INPUT_AXONS("input axons"), SYNAPSE_WORDS("synapse memory words"),
    ACCUMULATOR("dendritic accumulator entries (compartments x (largest delay + 1))"), COMPARTMENT_PROFILES("compartment profiles"),
    THRESHOLD_PROFILES("threshold profiles"), SYNAPSE_FORMATS("synapse formats"), WEIGHT_EXPONENT("one weight exponent per core"),
    OUTPUT_AXONS("output axons (fan-out edges)");
    public final String text;

    Limit(String text) {
      this.text = text;
    }
  }

  /** What the partitioner reads: global ids, per-compartment profile keys, projections with their format ids. */
  public record Input(int[] popSize, boolean[] popSource, int[] popOffset, long[] profileKey, int[] thresholdKey,
      int[] exponentKey, List<Edge> projections, List<WeightFormat> formats) {
    /** Global id of neuron i of population p (sources included). */
    public int global(int p, int i) {
      return popOffset[p] + i;
    }

    public int totalNeurons() {
      return popOffset[popOffset.length - 1];
    }
  }

  /** A projection as the partitioner sees it: CSR by pre, format id, delays in steps. */
  public record Edge(int prePop, int postPop, int format, int[] rowStart, int[] post, int[] delay) {}

  /** The result: the global ids on each core (in order) and per-core usage. */
  public record Result(List<int[]> cores, int[] coreOf, int[] slotOf, List<Usage> usage, Map<Limit, Integer> closedBy) {}

  /** What a core uses. */
  public record Usage(int compartments, int inputAxons, long words, int synapses, int outputAxons, int maxDelay,
      int compartmentProfiles, int thresholdProfiles, int formats) {}

  public static Result partition(Input in, ChipLimits lim) {
    int total = in.totalNeurons();
    // incoming connections per post neuron: for every projection the transposed CSR
    int np = in.projections().size();
    int[][] inStart = new int[np][], inPre = new int[np][], inDelay = new int[np][];
    for (int e = 0; e < np; e++) {
      Edge ed = in.projections().get(e);
      int postSize = in.popSize()[ed.postPop()], preSize = in.popSize()[ed.prePop()];
      int[] start = new int[postSize + 1];
      for (int j : ed.post()) start[j + 1]++;
      for (int j = 0; j < postSize; j++) start[j + 1] += start[j];
      int[] fill = Arrays.copyOf(start, postSize);
      int[] pre = new int[ed.post().length], del = new int[ed.post().length];
      for (int i = 0; i < preSize; i++) {
        for (int k = ed.rowStart()[i]; k < ed.rowStart()[i + 1]; k++) {
          int at = fill[ed.post()[k]]++;
          pre[at] = i;
          del[at] = ed.delay()[k];
        }
      }
      inStart[e] = start;
      inPre[e] = pre;
      inDelay[e] = del;
    }
    // Fan-out depends on where the targets land: pack with an estimate of every neuron's edges (none at first, then
    // the edges under the previous packing, never decreasing) until the packing's real fan-out fits.
    Scratch scratch = new Scratch(in, lim);
    int[] estimate = new int[total];
    List<int[]> cores = null;
    List<Usage> packed = null; // usage of each core as packed (null once a core is split)
    Map<Limit, Integer> closedBy = null;
    int[] coreOf = new int[total], slotOf = new int[total];
    int[] fan = null; // fan-out per core of the current cores
    for (int pass = 0; pass < 6; pass++) {
      closedBy = new EnumMap<>(Limit.class);
      packed = new ArrayList<>();
      cores = pack(in, lim, scratch, inStart, inPre, inDelay, estimate, closedBy, packed);
      Arrays.fill(coreOf, -1);
      assign(cores, coreOf, slotOf);
      int[] edges = edgesPerNeuron(in, coreOf, cores.size());
      fan = new int[cores.size()];
      for (int g = 0; g < total; g++) if (coreOf[g] >= 0) fan[coreOf[g]] += edges[g];
      boolean fits = true;
      for (int f : fan) fits &= f <= lim.core().outputAxons();
      if (fits) break;
      for (int g = 0; g < total; g++) estimate[g] = Math.max(estimate[g], edges[g]);
    }

    // rarely needed: split cores whose fan-out still does not fit in two, until all fit
    // (terminates: every round splits a core, and a single neuron that does not fit is an error)
    int[] fanout = fan;
    while (true) {
      List<int[]> next = new ArrayList<>();
      List<Usage> nextPacked = new ArrayList<>();
      boolean split = false;
      for (int c = 0; c < cores.size(); c++) {
        int[] m = cores.get(c);
        if (fanout[c] <= lim.core().outputAxons()) {
          next.add(m);
          nextPacked.add(packed.get(c));
          continue;
        }
        if (m.length == 1) {
          int g = m[0];
          int p = popOf(in, g);
          throw new DoesNotFit(g, p, g - in.popOffset()[p], Limit.OUTPUT_AXONS, fanout[c], lim.core().outputAxons());
        }
        split = true;
        closedBy.merge(Limit.OUTPUT_AXONS, 1, Integer::sum);
        int parts = 2;
        for (int q = 0; q < parts; q++) {
          int a = (int) ((long) m.length * q / parts), b = (int) ((long) m.length * (q + 1) / parts);
          if (b > a) {
            next.add(Arrays.copyOfRange(m, a, b));
            nextPacked.add(null);
          }
        }
      }
      cores = next;
      packed = nextPacked;
      if (!split) break;
      assign(cores, coreOf, slotOf);
      fanout = fanout(in, coreOf, cores.size());
    }
    // a core's usage is what its packer counted, unless it was split: then counted again with the same arithmetic
    List<Usage> usage = new ArrayList<>();
    for (int c = 0; c < cores.size(); c++) {
      Usage u = packed.get(c);
      if (u == null) u = usage(in, lim, scratch, cores.get(c), 0, inStart, inPre, inDelay);
      usage.add(new Usage(u.compartments(), u.inputAxons(), u.words(), u.synapses(), fanout[c], u.maxDelay(), u.compartmentProfiles(),
          u.thresholdProfiles(), u.formats()));
    }
    return new Result(cores, coreOf, slotOf, usage, closedBy);
  }

  private static List<int[]> pack(Input in, ChipLimits lim, Scratch scratch, int[][] inStart, int[][] inPre, int[][] inDelay, int[] fanEstimate,
      Map<Limit, Integer> closedBy, List<Usage> usage) {
    List<int[]> cores = new ArrayList<>();
    Packer core = new Packer(in, lim, scratch, fanEstimate);
    IntList members = new IntList();
    for (int p = 0; p < in.popSize().length; p++) {
      if (in.popSource()[p]) continue;
      for (int j = 0; j < in.popSize()[p]; j++) {
        int g = in.global(p, j);
        Limit broken = core.tryAdd(g, p, j, inStart, inPre, inDelay);
        if (broken != null) {
          if (core.n == 0) throw new DoesNotFit(g, p, j, broken, core.lastNeed, core.lastLimit);
          closedBy.merge(broken, 1, Integer::sum);
          cores.add(members.toArray());
          usage.add(core.usage(0));
          members = new IntList();
          core = new Packer(in, lim, scratch, fanEstimate);
          broken = core.tryAdd(g, p, j, inStart, inPre, inDelay);
          if (broken != null) throw new DoesNotFit(g, p, j, broken, core.lastNeed, core.lastLimit);
        }
        members.add(g);
      }
    }
    if (members.size() > 0) {
      cores.add(members.toArray());
      usage.add(core.usage(0));
    }
    return cores;
  }

  private static void assign(List<int[]> cores, int[] coreOf, int[] slotOf) {
    for (int c = 0; c < cores.size(); c++) {
      int[] m = cores.get(c);
      for (int s = 0; s < m.length; s++) {
        coreOf[m[s]] = c;
        slotOf[m[s]] = s;
      }
    }
  }

  static int popOf(Input in, int g) {
    int p = 0;
    while (in.popOffset()[p + 1] <= g) p++;
    return p;
  }

  /** Fan-out edges per core. */
  static int[] fanout(Input in, int[] coreOf, int nCores) {
    int[] edges = edgesPerNeuron(in, coreOf, nCores);
    int[] out = new int[nCores];
    for (int g = 0; g < edges.length; g++) if (coreOf[g] >= 0) out[coreOf[g]] += edges[g];
    return out;
  }

  /** For each neuron, the distinct (destination core, format) pairs its outgoing connections reach. */
  static int[] edgesPerNeuron(Input in, int[] coreOf, int nCores) {
    int nf = in.formats().size();
    int[] out = new int[in.totalNeurons()];
    int[] stamp = new int[nCores * Math.max(1, nf)];
    int tick = 0;
    for (int p = 0; p < in.popSize().length; p++) {
      if (in.popSource()[p]) continue;
      for (int i = 0; i < in.popSize()[p]; i++) {
        tick++;
        int g = in.global(p, i);
        for (Edge e : in.projections()) {
          if (e.prePop() != p) continue;
          for (int k = e.rowStart()[i]; k < e.rowStart()[i + 1]; k++) {
            int key = coreOf[in.global(e.postPop(), e.post()[k])] * nf + e.format();
            if (stamp[key] != tick) {
              stamp[key] = tick;
              out[g]++;
            }
          }
        }
      }
    }
    return out;
  }

  private static Usage usage(Input in, ChipLimits lim, Scratch scratch, int[] members, int fanout, int[][] inStart, int[][] inPre, int[][] inDelay) {
    Packer pk = new Packer(in, lim, scratch, null);
    for (int g : members) {
      int p = popOf(in, g);
      pk.commit(g, p, g - in.popOffset()[p], inStart, inPre, inDelay);
    }
    return pk.usage(fanout);
  }

  /** A neuron that fits on no core by itself. */
  public static final class DoesNotFit extends RuntimeException {
    public final int global, population, neuron;
    public final Limit limit;
    public final long need, allowed;

    DoesNotFit(int global, int population, int neuron, Limit limit, long need, long allowed) {
      super("neuron " + neuron + " of population " + population + " needs " + need + " " + limit.text + ", a core has " + allowed, null, false, false);
      this.global = global;
      this.population = population;
      this.neuron = neuron;
      this.limit = limit;
      this.need = need;
      this.allowed = allowed;
    }
  }

  /**
   * Per-axon-key counters shared by the packers of one partitioning (one core is filled at a time). An axon key is
   * {@code global pre id * formats + format}; a counter is valid while its stamp is the current core's (or trial's)
   * serial number, so nothing is cleared between cores and lookups are array reads.
   */
  private static final class Scratch {
    final int formats;
    final int[] coreCount, coreStamp, trialCount, trialStamp;
    final int[] indexBits; // lim.numbers().indexBits(n) for n = 0 .. compartments + 1
    final long[][] words = new long[65][]; // lim.words(k, bits), filled on demand (-1: not yet)
    final ChipLimits lim;
    int coreSerial, trialSerial;

    Scratch(Input in, ChipLimits lim) {
      this.lim = lim;
      formats = Math.max(1, in.formats().size());
      long keys = (long) in.totalNeurons() * formats;
      if (keys > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("too many (neuron, weight format) pairs to partition: " + keys);
      coreCount = new int[(int) keys];
      coreStamp = new int[(int) keys];
      trialCount = new int[(int) keys];
      trialStamp = new int[(int) keys];
      int most = lim.core().compartments() + 1;
      indexBits = new int[most + 1];
      for (int k = 0; k <= most; k++) indexBits[k] = lim.numbers().indexBits(k);
    }

    int indexBits(int n) {
      return n < indexBits.length ? indexBits[n] : lim.numbers().indexBits(n);
    }

    long words(int k, int bits) {
      if (bits < 0 || bits >= words.length) return lim.words(k, bits);
      long[] t = words[bits];
      if (t == null || k >= t.length) {
        int len = Math.max(k + 1, t == null ? 64 : t.length * 2);
        long[] grown = new long[len];
        Arrays.fill(grown, -1);
        if (t != null) System.arraycopy(t, 0, grown, 0, t.length);
        words[bits] = t = grown;
      }
      long w = t[k];
      if (w < 0) t[k] = w = lim.words(k, bits);
      return w;
    }
  }

  /** One core being filled: what it holds so far, and the trial of one more neuron. */
  private static final class Packer {
    final Input in;
    final ChipLimits lim;
    final Scratch sc;
    final int serial;
    int n, synapses, maxDelay = 0, indexBits;
    long words;
    Integer exponent;
    final IntList axons = new IntList(); // axon keys on this core, in order of first use
    final Set<Long> profiles = new HashSet<>();
    final Set<Integer> thresholds = new HashSet<>();
    final Set<Integer> formats = new HashSet<>();
    long lastNeed, lastLimit;
    final int[] fanEstimate;
    long fan;
    // the trial neuron's incoming connections grouped by axon key
    final IntList add = new IntList();

    Packer(Input in, ChipLimits lim, Scratch sc, int[] fanEstimate) {
      this.in = in;
      this.lim = lim;
      this.sc = sc;
      this.serial = ++sc.coreSerial;
      this.fanEstimate = fanEstimate;
      indexBits = sc.indexBits(1);
    }

    /** Synapses of axon key {@code key} on this core so far. */
    int count(int key) {
      return sc.coreStamp[key] == serial ? sc.coreCount[key] : 0;
    }

    int bits(int format, int index) {
      return in.formats().get(format).synapseBits() + index;
    }

    Usage usage(int fanout) {
      return new Usage(n, axons.size(), words, synapses, fanout, maxDelay, profiles.size(), thresholds.size(), formats.size());
    }

    /** Adds neuron j of population p (global g) if every fan-in limit still holds; otherwise the limit it breaks. */
    Limit tryAdd(int g, int p, int j, int[][] inStart, int[][] inPre, int[][] inDelay) {
      ChipLimits.Core c = lim.core();
      int n1 = n + 1;
      if (n1 > c.compartments()) return broke(n1, c.compartments(), Limit.COMPARTMENTS);
      if (fanEstimate != null && fan + fanEstimate[g] > c.outputAxons()) return broke(fan + fanEstimate[g], c.outputAxons(), Limit.OUTPUT_AXONS);
      if (!profiles.contains(in.profileKey()[g]) && profiles.size() + 1 > c.compartmentProfiles()) return broke(profiles.size() + 1, c.compartmentProfiles(), Limit.COMPARTMENT_PROFILES);
      if (!thresholds.contains(in.thresholdKey()[g]) && thresholds.size() + 1 > c.thresholdProfiles()) return broke(thresholds.size() + 1, c.thresholdProfiles(), Limit.THRESHOLD_PROFILES);
      if (lim.numbers().weightExponentOnSum() && exponent != null && in.exponentKey()[g] != exponent && in.exponentKey()[g] != Integer.MIN_VALUE) {
        return broke(2, 1, Limit.WEIGHT_EXPONENT);
      }
      final int nf = sc.formats, trial = ++sc.trialSerial;
      final int[] tCount = sc.trialCount, tStamp = sc.trialStamp, off = in.popOffset();
      add.clear();
      int delay = maxDelay;
      Set<Integer> newFormats = null;
      for (int e = 0; e < in.projections().size(); e++) {
        Edge ed = in.projections().get(e);
        if (ed.postPop() != p) continue;
        final int[] pre = inPre[e], del = inDelay[e];
        final int base = off[ed.prePop()], fmt = ed.format();
        for (int k = inStart[e][j], end = inStart[e][j + 1]; k < end; k++) {
          int key = (base + pre[k]) * nf + fmt;
          if (tStamp[key] != trial) {
            tStamp[key] = trial;
            tCount[key] = 1;
            add.add(key);
          } else {
            tCount[key]++;
          }
          delay = Math.max(delay, del[k]);
        }
        if (inStart[e][j + 1] > inStart[e][j] && !formats.contains(fmt)) {
          if (newFormats == null) newFormats = new HashSet<>();
          newFormats.add(fmt);
        }
      }
      int fmts = formats.size() + (newFormats == null ? 0 : newFormats.size());
      if (fmts > c.synapseFormats()) return broke(fmts, c.synapseFormats(), Limit.SYNAPSE_FORMATS);
      long acc = (long) n1 * (delay + 1);
      if (acc > c.dendriteAccumulatorEntries()) return broke(acc, c.dendriteAccumulatorEntries(), Limit.ACCUMULATOR);
      final int[] keys = add.raw();
      final int nAdd = add.size();
      int newAxons = 0;
      for (int a = 0; a < nAdd; a++) if (count(keys[a]) == 0) newAxons++;
      if (axons.size() + newAxons > c.inputAxons()) return broke(axons.size() + newAxons, c.inputAxons(), Limit.INPUT_AXONS);
      int ib = sc.indexBits(n1);
      if (ib < 0) return broke(n1, c.compartments(), Limit.COMPARTMENTS);
      long w = ib == indexBits ? words : recount(ib);
      for (int a = 0; a < nAdd; a++) {
        int key = keys[a];
        int b = bits(key % nf, ib);
        int before = count(key);
        w += sc.words(before + tCount[key], b) - sc.words(before, b);
      }
      if (w > c.synapseMemoryWords()) return broke(w, c.synapseMemoryWords(), Limit.SYNAPSE_WORDS);
      // commit
      n = n1;
      if (fanEstimate != null) fan += fanEstimate[g];
      indexBits = ib;
      words = w;
      maxDelay = delay;
      final int[] cCount = sc.coreCount, cStamp = sc.coreStamp;
      for (int a = 0; a < nAdd; a++) {
        int key = keys[a];
        if (cStamp[key] != serial) {
          cStamp[key] = serial;
          cCount[key] = 0;
          axons.add(key);
        }
        cCount[key] += tCount[key];
        synapses += tCount[key];
      }
      if (newFormats != null) formats.addAll(newFormats);
      profiles.add(in.profileKey()[g]);
      thresholds.add(in.thresholdKey()[g]);
      if (in.exponentKey()[g] != Integer.MIN_VALUE) exponent = in.exponentKey()[g];
      return null;
    }

    void commit(int g, int p, int j, int[][] inStart, int[][] inPre, int[][] inDelay) {
      // recount usage of a finished core: the same arithmetic without limits
      Limit l = tryAdd(g, p, j, inStart, inPre, inDelay);
      if (l != null) throw new IllegalStateException("usage recount broke " + l);
    }

    /** Words of every axon so far with a different index width. */
    long recount(int ib) {
      long w = 0;
      int nf = sc.formats;
      for (int a = 0; a < axons.size(); a++) {
        int key = axons.get(a);
        w += sc.words(sc.coreCount[key], bits(key % nf, ib));
      }
      return w;
    }

    Limit broke(long need, long limit, Limit which) {
      lastNeed = need;
      lastLimit = limit;
      return which;
    }
  }
}
