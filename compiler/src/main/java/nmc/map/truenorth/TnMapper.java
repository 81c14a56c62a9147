package nmc.map.truenorth;

import static nmc.map.ChipErrors.error;
import static nmc.map.ChipErrors.ms;
import nmc.ir.build.IntList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.build.Connections;
import nmc.ir.build.Wiring;
import nmc.map.LifForm;

/**
 * Maps a network onto TrueNorth-like cores: {@link TnExtraction} (the neuron's form), one IR step per tick, a scale
 * per population (chip units per volt of v above the reset: the largest at which the largest weight, the threshold
 * and the leak fit their widths), neuron cores filled greedily in network order (at most {@code neuronsPerCore}
 * neurons and {@code axonsPerCore} input axons; an input axon carries one source with one delay), weights to axon
 * types per core ({@link TnWeights}), and fan-out trees of splitter neurons ({@link #route}). Deterministic.
 *
 * <p>Timing: a spike made at the end of IR step n with delay D steps is integrated in step n + 1 + D, so the chip
 * delay is D + 1 ticks (1..15: D at most 14 steps). A splitter neuron fires in the tick its input arrives, so a
 * split path of delays x then e arrives after x + e ticks: each level needs one tick, taken from the programmed
 * delay where it is long enough; otherwise the spike arrives late and the report says by how much.
 */
public final class TnMapper {
  private TnMapper() {}

  /** @param target the target's name, for messages; {@code approximate}: {@code -O approximate=lif} */
  public record Options(String target, boolean approximate) {}

  public static TnMapping map(Network net0, TnLimits lim, Options opt) {
    String target = opt.target();
    TnExtraction.Result ex = TnExtraction.extract(net0, target, opt.approximate());
    Network net = ex.net();
    List<String> notes = new ArrayList<>(ex.notes());
    double dt = net.run().dt();
    List<Population> pops = net.populations();
    int np = pops.size();
    List<String> names = pops.stream().map(Population::name).toList();
    int[] offset = new int[np + 1];
    boolean[] source = new boolean[np];
    for (int p = 0; p < np; p++) {
      source[p] = pops.get(p).isSource();
      offset[p + 1] = offset[p] + pops.get(p).size();
    }
    int total = offset[np];
    int[] popOf = new int[total];
    for (int p = 0; p < np; p++) Arrays.fill(popOf, offset[p], offset[p + 1], p);

    // every connection: source, target (global ids), chip delay in ticks, weight in volts of v, projection
    IntList cSrc = new IntList(), cPost = new IntList(), cDelay = new IntList(), cProj = new IntList();
    double[] cVolts = new double[16];
    List<Projection> projs = net.projections();
    int[] maxTicks = new int[projs.size()];
    for (int e = 0; e < projs.size(); e++) {
      Projection pr = projs.get(e);
      Connections c = Wiring.connect(net, pr);
      int pre = names.indexOf(pr.pre()), post = names.indexOf(pr.post());
      int[] d = c.delaySteps(dt), row = c.pre(), col = c.post();
      double[] vpw = ex.voltsPerWeight().get(e);
      for (int k = 0; k < c.count(); k++) {
        int ticks = d[k] + 1;
        if (ticks > lim.maxDelay()) {
          throw error(pr.span(), target, "projection " + pr.name() + ": connection " + k + " has a delay of " + ms(c.delay()[k]) + " (" + d[k]
              + " steps); a TrueNorth axon delays a spike by at most " + lim.maxDelay() + " ticks, the IR's one-step latency included, so "
              + (lim.maxDelay() - 1) + " steps", "the closest representable delay is " + ms((lim.maxDelay() - 1) * dt) + "; shorten the delay or use a larger dt");
        }
        maxTicks[e] = Math.max(maxTicks[e], ticks);
        int i = cSrc.size();
        if (i == cVolts.length) cVolts = Arrays.copyOf(cVolts, i * 2);
        cVolts[i] = c.weight()[k] * vpw[col[k]];
        cSrc.add(offset[pre] + row[k]);
        cPost.add(offset[post] + col[k]);
        cDelay.add(ticks);
        cProj.add(e);
      }
    }
    int nConn = cSrc.size();

    // populations: checks, scale and integers
    Map<String, TnMapping.PopulationQ> popQ = new LinkedHashMap<>();
    double[] scaleOf = new double[np];
    double[] maxW = new double[np];
    for (int k = 0; k < nConn; k++) {
      int p = popOf[cPost.get(k)];
      maxW[p] = Math.max(maxW[p], Math.abs(cVolts[k]));
    }
    int[] alphaG = new int[total], leakG = new int[total], betaG = new int[total], v0G = new int[total];
    boolean[] reversalP = new boolean[np];
    for (int p = 0; p < np; p++) {
      if (source[p]) continue;
      Population pop = pops.get(p);
      LifForm f = ex.forms().populations().get(pop.name());
      NeuronModel model = net.modelOf(pop);
      Span at = model.span().isNone() ? pop.span() : model.span();
      int n = f.size();
      boolean refr = false, leaky = false, bias = false;
      for (int i = 0; i < n; i++) {
        refr |= f.refractorySteps()[i] > 0;
        leaky |= f.leakV()[i] != 0;
        bias |= f.drive0()[i] != 0;
      }
      if (refr) {
        if (!opt.approximate()) {
          throw error(pop.span(), target, "population " + pop.name() + " has a refractory period of " + ms(f.refractorySteps()[0] * dt)
              + "; TrueNorth's neuron has none (it may spike again in the next tick)", "add -O approximate=lif to drop it, or set t_ref = 0 ms");
        }
        notes.add(pop.name() + ": refractory period of " + ms(f.refractorySteps()[0] * dt) + " dropped (TrueNorth has none)");
      }
      if (leaky && !opt.approximate()) {
        throw error(at, target, "neuron model " + model.name() + " (population " + pop.name() + "): d" + f.vVariable() + "/dt decays in proportion to "
            + f.vVariable() + " (tau = " + ms(-1 / f.leakV()[0]) + "); TrueNorth's leak is a constant step per tick",
            "add -O approximate=lif for a constant leak towards the reset, matched to the decay at half the threshold, or use a perfect integrator");
      }
      // ideal leak per tick (volts): constant drift, or the decay at half the threshold towards the reset
      boolean reversal = leaky && !bias;
      reversalP[p] = reversal;
      double[] leak = new double[n];
      double maxTh = 0, maxLeak = 0;
      for (int i = 0; i < n; i++) {
        double th = f.threshold()[i];
        maxTh = Math.max(maxTh, th);
        leak[i] = reversal ? -th / 2 * -Math.expm1(f.leakV()[i] * dt) : dt * (f.drive0()[i] + f.leakV()[i] * th / 2);
        maxLeak = Math.max(maxLeak, Math.abs(leak[i]));
      }
      if (leaky) {
        notes.add(pop.name() + ": the decay of " + f.vVariable() + " (tau " + ms(-1 / f.leakV()[0]) + ") becomes a constant leak of "
            + fmt(Math.abs(leak[0]) * 1e3) + " mV per tick " + (reversal ? "towards the reset" : "(with the bias)") + ", the decay at half the threshold");
      }
      double s = lim.thresholdMax() / maxTh;
      if (maxW[p] > 0) s = Math.min(s, lim.weightMax() / maxW[p]);
      if (maxLeak > 0) s = Math.min(s, lim.leakMax() / maxLeak);
      scaleOf[p] = s;
      int[] alpha = new int[n], lam = new int[n];
      for (int i = 0; i < n; i++) {
        int g = offset[p] + i;
        alpha[i] = (int) Math.max(1, Math.min(lim.thresholdMax(), Math.rint(s * f.threshold()[i])));
        lam[i] = (int) Math.max(lim.leakMin(), Math.min(lim.leakMax(), Math.rint(s * leak[i])));
        alphaG[g] = alpha[i];
        leakG[g] = lam[i];
        betaG[g] = (int) Math.min(lim.thresholdMax(), 8L * alpha[i]);
        v0G[g] = (int) Math.max(-betaG[g], Math.min(lim.potentialMax(), Math.rint(s * (f.v0()[i] - f.vReset()[i]))));
      }
      if (leaky && n > 0 && lam[0] == 0) notes.add(pop.name() + ": the leak rounds to 0 chip units per tick (too slow for the weights' scale)");
      popQ.put(pop.name(), new TnMapping.PopulationQ(pop.name(), s, alpha, lam, reversal, n == 0 ? 0 : leak[0]));
    }

    // connections grouped by target neuron
    int[] byPost = order(cPost, total);
    int[] postStart = new int[total + 1];
    for (int k = 0; k < nConn; k++) postStart[cPost.get(k) + 1]++;
    for (int g = 0; g < total; g++) postStart[g + 1] += postStart[g];

    // neuron cores: greedy, network order
    List<int[]> coreMembers = new ArrayList<>();
    List<List<Long>> coreAxons = new ArrayList<>();
    int[] coreOf = new int[total], slotOf = new int[total];
    Arrays.fill(coreOf, -1);
    Arrays.fill(slotOf, -1);
    IntList members = new IntList();
    Map<Long, Integer> axonIdx = new HashMap<>();
    List<Long> axons = new ArrayList<>();
    for (int p = 0; p < np; p++) {
      if (source[p]) continue;
      for (int i = 0; i < pops.get(p).size(); i++) {
        int g = offset[p] + i;
        java.util.LinkedHashSet<Long> keys = new java.util.LinkedHashSet<>();
        for (int r = postStart[g]; r < postStart[g + 1]; r++) {
          int k = byPost[r];
          keys.add(key(cSrc.get(k), cDelay.get(k)));
        }
        if (keys.size() > lim.axonsPerCore()) {
          throw error(pops.get(p).span(), target, "neuron " + i + " of population " + pops.get(p).name() + " receives from " + keys.size()
              + " different (source, delay) inputs, but a TrueNorth core has " + lim.axonsPerCore() + " input axons",
              "fan-in beyond " + lim.axonsPerCore() + " needs partial-sum neurons, which this mapper does not build: reduce the fan-in "
                  + "(sparser connections, fewer distinct delays)");
        }
        long fresh = keys.stream().filter(x -> !axonIdx.containsKey(x)).count();
        if (members.size() == lim.neuronsPerCore() || axons.size() + fresh > lim.axonsPerCore()) {
          coreMembers.add(members.toArray());
          coreAxons.add(axons);
          members = new IntList();
          axonIdx.clear();
          axons = new ArrayList<>();
        }
        for (long x : keys) {
          if (!axonIdx.containsKey(x)) {
            axonIdx.put(x, axons.size());
            axons.add(x);
          }
        }
        coreOf[g] = coreMembers.size();
        slotOf[g] = members.size();
        members.add(g);
      }
    }
    if (members.size() > 0) {
      coreMembers.add(members.toArray());
      coreAxons.add(axons);
    }
    int nc = coreMembers.size();

    // weights to axon types per core; errors per projection
    double[] errWorst = new double[projs.size()], errSum = new double[projs.size()];
    long[] errCount = new long[projs.size()], zeroed = new long[projs.size()];
    List<TnWeights.Result> clusters = new ArrayList<>();
    List<int[][]> crossbars = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      int[] mem = coreMembers.get(c);
      Map<Long, Integer> ax = new HashMap<>();
      List<Long> al = coreAxons.get(c);
      for (int a = 0; a < al.size(); a++) ax.put(al.get(a), a);
      Map<Long, Integer> pair = new LinkedHashMap<>();
      IntList pa = new IntList(), pj = new IntList(), pp = new IntList();
      double[] px = new double[16];
      for (int j = 0; j < mem.length; j++) {
        int g = mem[j];
        double s = scaleOf[popOf[g]];
        for (int r = postStart[g]; r < postStart[g + 1]; r++) {
          int k = byPost[r];
          int a = ax.get(key(cSrc.get(k), cDelay.get(k)));
          long pk = (long) a * lim.neuronsPerCore() + j;
          Integer idx = pair.get(pk);
          if (idx == null) {
            idx = pa.size();
            pair.put(pk, idx);
            pa.add(a);
            pj.add(j);
            pp.add(cProj.get(k));
            if (idx == px.length) px = Arrays.copyOf(px, idx * 2);
          }
          px[idx] += s * cVolts[k]; // several connections of one pair with one delay add up
        }
      }
      double[] x = Arrays.copyOf(px, pa.size());
      TnWeights.Result r = TnWeights.cluster(al.size(), mem.length, lim.axonTypes(), pa.toArray(), pj.toArray(), x, lim.weightMin(), lim.weightMax());
      clusters.add(r);
      crossbars.add(new int[][] {pa.toArray(), pj.toArray()});
      for (int q = 0; q < x.length; q++) {
        int e = pp.get(q);
        if (x[q] == 0) continue;
        int w = r.weight()[pj.get(q)][r.type()[pa.get(q)]];
        double err = Math.abs(w - x[q]) / Math.abs(x[q]);
        errWorst[e] = Math.max(errWorst[e], err);
        errSum[e] += err;
        errCount[e]++;
        if (w == 0) zeroed[e]++;
      }
    }
    List<TnMapping.ProjectionQ> projQ = new ArrayList<>();
    for (int e = 0; e < projs.size(); e++) {
      projQ.add(new TnMapping.ProjectionQ(projs.get(e).name(), errCount[e], errWorst[e], errCount[e] == 0 ? 0 : errSum[e] / errCount[e], zeroed[e], maxTicks[e]));
      if (errCount[e] > 0 && zeroed[e] == errCount[e]) {
        throw error(projs.get(e).span(), target, "projection " + projs.get(e).name() + ": every weight is below the chip's resolution and would be 0",
            "use larger weights or a smaller threshold (the threshold may be at most " + lim.thresholdMax() + " times the smallest weight)");
      }
    }

    // destinations of every axon's source: host routes for spike sources, fan-out trees for neurons
    List<List<Dest>> dests = new ArrayList<>();
    for (int g = 0; g < total; g++) dests.add(null);
    for (int c = 0; c < nc; c++) {
      List<Long> al = coreAxons.get(c);
      for (int a = 0; a < al.size(); a++) {
        int src = (int) (al.get(a) >>> 5), d = (int) (al.get(a) & 31);
        if (dests.get(src) == null) dests.set(src, new ArrayList<>());
        dests.get(src).add(new Dest(c, a, d, new int[] {0}, 0));
      }
    }
    Splitters sp = new Splitters(nc, lim);
    int[] destCore = new int[total], destAxon = new int[total], destDelay = new int[total];
    Arrays.fill(destCore, -1);
    IntList hostStart = new IntList(), hostCore = new IntList(), hostAxon = new IntList(), hostDelay = new IntList();
    hostStart.add(0);
    long late = 0, routes = 0;
    int lateMax = 0, depthMax = 0;
    for (int g = 0; g < total; g++) {
      List<Dest> ds = dests.get(g);
      if (source[popOf[g]]) {
        if (ds != null) {
          for (Dest d : ds) {
            hostCore.add(d.core);
            hostAxon.add(d.axon);
            hostDelay.add(d.need);
          }
        }
      } else if (ds != null) {
        Dest root = sp.route(ds, 0);
        destCore[g] = root.core;
        destAxon[g] = root.axon;
        destDelay[g] = root.need;
        depthMax = Math.max(depthMax, root.depth);
        for (int x : root.extra) {
          routes++;
          if (x > 0) late++;
          lateMax = Math.max(lateMax, x);
        }
      }
      hostStart.add(hostCore.size());
    }
    int used = nc + sp.cores.size();
    if (used > lim.cores()) {
      int chips = (used + lim.coresPerChip() - 1) / lim.coresPerChip();
      throw error(Span.NONE, target, String.format(Locale.ROOT, "network '%s' needs %d cores (%d of them for splitter neurons) but a %dx%d board of "
          + "chip '%s' has %d", net.name(), used, sp.cores.size(), lim.chipsX(), lim.chipsY(), lim.name(), lim.cores()),
          "run on " + chips + " chips with --chips " + chips + ", or use smaller populations or sparser connections");
    }
    if (lateMax > 0) {
      notes.add(late + " of " + routes + " fan-out routes arrive up to " + lateMax + " tick(s) late: their delay is shorter than the "
          + "splitter levels they pass (each level needs one tick)");
    }

    // the cores
    List<TnMapping.Core> cores = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      int[] mem = coreMembers.get(c);
      int k = mem.length;
      TnWeights.Result r = clusters.get(c);
      int[] lk = new int[k], al = new int[k], be = new int[k], v0 = new int[k], dc = new int[k], da = new int[k], dd = new int[k];
      boolean[] rev = new boolean[k];
      for (int j = 0; j < k; j++) {
        int g = mem[j];
        lk[j] = leakG[g];
        rev[j] = reversalP[popOf[g]];
        al[j] = alphaG[g];
        be[j] = betaG[g];
        v0[j] = v0G[g];
        dc[j] = destCore[g];
        da[j] = destAxon[g];
        dd[j] = destDelay[g];
      }
      List<Long> axl = coreAxons.get(c);
      int[] axSrc = new int[axl.size()];
      for (int a = 0; a < axSrc.length; a++) axSrc[a] = (int) (axl.get(a) >>> 5);
      cores.add(new TnMapping.Core(c, false, mem, r.weight(), lk, rev, al, be, v0, dc, da, dd, r.type(), axSrc, crossbars.get(c)[0], crossbars.get(c)[1]));
    }
    int splitterNeurons = 0;
    for (Splitters.SCore s : sp.cores) {
      cores.add(s.build(lim));
      splitterNeurons += s.dest.size();
    }
    int[] physCoreOf = new int[total];
    for (int g = 0; g < total; g++) physCoreOf[g] = coreOf[g] < 0 ? -1 : cores.get(coreOf[g]).physical();
    return new TnMapping(lim, names, offset, source, cores, physCoreOf, slotOf, hostStart.toArray(), hostCore.toArray(), hostAxon.toArray(),
        hostDelay.toArray(), popQ, projQ, ex.forms().populations(), sp.cores.size(), splitterNeurons, depthMax, lateMax, late, routes, notes);
  }

  private static long key(int src, int delay) {
    return ((long) src << 5) | delay;
  }

  /** Indices 0..n-1 of {@code by} sorted by value (counting sort). */
  private static int[] order(IntList by, int range) {
    int n = by.size();
    int[] start = new int[range + 1];
    for (int k = 0; k < n; k++) start[by.get(k) + 1]++;
    for (int v = 0; v < range; v++) start[v + 1] += start[v];
    int[] out = new int[n];
    for (int k = 0; k < n; k++) out[start[by.get(k)]++] = k;
    return out;
  }

  /**
   * Where a spike must go: input axon {@code axon} of logical core {@code core}, integrated {@code need} ticks after
   * the sender fires. {@code extra}: for every final destination below, the ticks it arrives late; {@code depth}:
   * splitter levels below.
   */
  record Dest(int core, int axon, int need, int[] extra, int depth) {}

  /** Splitter cores and the fan-out trees built on them. */
  static final class Splitters {
    final int firstCore;
    final TnLimits lim;
    final List<SCore> cores = new ArrayList<>();

    Splitters(int firstCore, TnLimits lim) {
      this.firstCore = firstCore;
      this.lim = lim;
    }

    /** A single destination for a sender that must reach every one of {@code ds}. */
    Dest route(List<Dest> ds, int depth) {
      if (ds.size() == 1) return ds.get(0);
      List<Dest> sorted = new ArrayList<>(ds);
      sorted.sort((a, b) -> b.need - a.need);
      int m = lim.neuronsPerCore();
      List<Dest> groups = new ArrayList<>();
      for (int from = 0; from < sorted.size(); from += m) {
        List<Dest> chunk = sorted.subList(from, Math.min(sorted.size(), from + m));
        int minNeed = chunk.get(chunk.size() - 1).need;
        int x = Math.max(1, minNeed - 1); // as long as possible: leaves the most room to the levels above
        SCore sc = coreFor(chunk.size());
        int axon = sc.axons++;
        int[] extra = new int[0];
        int depthBelow = 0;
        for (Dest child : chunk) {
          int e = Math.max(1, child.need - x);
          int late = x + e - child.need;
          sc.axonOf.add(axon);
          sc.dest.add(child);
          sc.delay.add(e);
          int off = extra.length;
          extra = Arrays.copyOf(extra, off + child.extra.length);
          for (int q = 0; q < child.extra.length; q++) extra[off + q] = child.extra[q] + late;
          depthBelow = Math.max(depthBelow, child.depth);
        }
        groups.add(new Dest(sc.logical, axon, x, extra, depthBelow + 1));
      }
      return route(groups, depth + 1);
    }

    private SCore coreFor(int neurons) {
      SCore last = cores.isEmpty() ? null : cores.get(cores.size() - 1);
      if (last == null || last.axons + 1 > lim.axonsPerCore() || last.dest.size() + neurons > lim.neuronsPerCore()) {
        last = new SCore(firstCore + cores.size());
        cores.add(last);
      }
      return last;
    }

    /** One splitter core: neuron k relays axon {@code axonOf[k]} to {@code dest[k]} with delay {@code delay[k]}. */
    static final class SCore {
      final int logical;
      int axons;
      final IntList axonOf = new IntList(), delay = new IntList();
      final List<Dest> dest = new ArrayList<>();

      SCore(int logical) {
        this.logical = logical;
      }

      /** Splitter neurons: weight 1 on type 0, threshold 1, no leak, reset to 0: every input spike is relayed. */
      TnMapping.Core build(TnLimits lim) {
        int k = dest.size();
        int[] mem = new int[k], lk = new int[k], al = new int[k], be = new int[k], v0 = new int[k], dc = new int[k], da = new int[k], dd = new int[k];
        int[][] w = new int[k][lim.axonTypes()];
        Arrays.fill(mem, -1);
        for (int j = 0; j < k; j++) {
          w[j][0] = 1;
          al[j] = 1;
          dc[j] = dest.get(j).core;
          da[j] = dest.get(j).axon;
          dd[j] = delay.get(j);
        }
        int[] noSource = new int[axons];
        Arrays.fill(noSource, -1);
        return new TnMapping.Core(logical, true, mem, w, lk, new boolean[k], al, be, v0, dc, da, dd, new int[axons], noSource,
            axonOf.toArray(), java.util.stream.IntStream.range(0, k).toArray());
      }
    }
  }


  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
