package nmc.map;

import nmc.ir.build.IntList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.build.Connections;
import nmc.ir.build.Wiring;

/**
 * The mapping passes in order: recognise the models ({@link LifExtraction}), wire the projections, quantise
 * ({@link Quantiser}), partition into cores ({@link Partitioner}), place the cores on the mesh ({@link Placer}) and
 * write the routing tables. Deterministic for a network (its seed drives wiring and placement).
 *
 * <pre>
 * ChipMapping m = Mapper.map(net, limits, new Mapper.Options("loihi", false, null));
 * </pre>
 */
public final class Mapper {
  private Mapper() {}

  /**
   * @param target the target's name, for messages
   * @param approximate map LIF variants the chip cannot run exactly (several synaptic time constants ...)
   * @param tauSyn the merged synaptic time constant when approximating (null: chosen, see {@link LifExtraction})
   */
  public record Options(String target, boolean approximate, Double tauSyn) {}

  public static ChipMapping map(Network net, ChipLimits lim, Options opt) {
    LifExtraction.Result forms = LifExtraction.extract(net, opt.target(), opt.approximate(), opt.tauSyn());
    Map<String, Connections> conns = new LinkedHashMap<>();
    for (Projection pr : net.projections()) conns.put(pr.name(), Wiring.connect(net, pr));
    Quantiser.Result q = Quantiser.quantise(net, forms, conns, lim, opt.target());

    List<Population> pops = net.populations();
    List<String> names = pops.stream().map(Population::name).toList();
    int np = pops.size();
    int[] size = new int[np], offset = new int[np + 1];
    boolean[] source = new boolean[np];
    for (int p = 0; p < np; p++) {
      size[p] = pops.get(p).size();
      source[p] = pops.get(p).isSource();
      offset[p + 1] = offset[p] + size[p];
    }
    List<WeightFormat> formats = new ArrayList<>();
    Map<String, Integer> fmtOf = new HashMap<>();
    List<Partitioner.Edge> edges = new ArrayList<>();
    for (Quantiser.ProjectionQ pq : q.projections()) {
      int f = formats.indexOf(pq.format());
      if (f < 0) {
        formats.add(pq.format());
        f = formats.size() - 1;
      }
      Projection pr = pq.projection();
      fmtOf.put(pr.name(), f);
      Connections c = conns.get(pr.name());
      edges.add(new Partitioner.Edge(names.indexOf(pr.pre()), names.indexOf(pr.post()), f, c.rowStart(), c.post(), pq.delay()));
    }
    int total = offset[np];
    long[] profile = new long[total];
    int[] threshold = new int[total], exponent = new int[total];
    java.util.Arrays.fill(exponent, Integer.MIN_VALUE);
    for (int p = 0; p < np; p++) {
      if (source[p]) continue;
      Quantiser.PopulationQ pq = q.populations().get(names.get(p));
      Integer exp = null;
      if (lim.numbers().weightExponentOnSum()) {
        for (Quantiser.ProjectionQ x : q.projections()) if (x.projection().post().equals(names.get(p))) exp = x.format().exponent();
      }
      for (int i = 0; i < size[p]; i++) {
        profile[offset[p] + i] = ((long) pq.du()[i] << 32) | ((long) pq.dv()[i] << 8) | pq.refractDelay()[i];
        threshold[offset[p] + i] = pq.thresholdMantissa()[i];
        if (exp != null) exponent[offset[p] + i] = exp;
      }
    }
    Partitioner.Input in = new Partitioner.Input(size, source, offset, profile, threshold, exponent, edges, formats);
    Partitioner.Result part;
    try {
      part = Partitioner.partition(in, lim);
    } catch (Partitioner.DoesNotFit e) {
      Population p = pops.get(e.population);
      throw new UserError(List.of(Diagnostic.error(p.span(), "target " + opt.target() + ": neuron " + e.neuron + " of population " + p.name()
          + " does not fit on one core of chip '" + lim.name() + "': it needs " + e.need + " " + e.limit.text + ", a core has " + e.allowed,
          advice(e.limit), "")));
    }
    int used = part.cores().size();
    if (used > lim.mesh().cores()) throw tooLarge(net, lim, part, opt.target());

    // traffic between logical cores (fan-out edges), symmetric adjacency for placement
    int nc = used;
    Map<Long, long[]> traffic = new TreeMap<>();
    int nf = formats.size();
    int[] stamp = new int[nc * Math.max(1, nf)];
    int tick = 0;
    for (int p = 0; p < np; p++) {
      if (source[p]) continue;
      for (int i = 0; i < size[p]; i++) {
        tick++;
        int a = part.coreOf()[offset[p] + i];
        for (Partitioner.Edge e : edges) {
          if (e.prePop() != p) continue;
          for (int k = e.rowStart()[i]; k < e.rowStart()[i + 1]; k++) {
            int b = part.coreOf()[offset[e.postPop()] + e.post()[k]];
            int key = b * nf + e.format();
            if (stamp[key] != tick) {
              stamp[key] = tick;
              traffic.computeIfAbsent((long) a * nc + b, x -> new long[1])[0]++;
            }
          }
        }
      }
    }
    List<List<double[]>> adj = new ArrayList<>();
    for (int a = 0; a < nc; a++) adj.add(new ArrayList<>());
    Map<Long, Double> sym = new TreeMap<>();
    for (Map.Entry<Long, long[]> t : traffic.entrySet()) {
      int a = (int) (t.getKey() / nc), b = (int) (t.getKey() % nc);
      if (a == b) continue;
      long k = (long) Math.min(a, b) * nc + Math.max(a, b);
      sym.merge(k, (double) t.getValue()[0], Double::sum);
    }
    for (Map.Entry<Long, Double> s : sym.entrySet()) {
      int a = (int) (s.getKey() / nc), b = (int) (s.getKey() % nc);
      adj.get(a).add(new double[] {b, s.getValue()});
      adj.get(b).add(new double[] {a, s.getValue()});
    }
    int[][] adjCore = new int[nc][];
    double[][] adjWeight = new double[nc][];
    for (int a = 0; a < nc; a++) {
      List<double[]> l = adj.get(a);
      adjCore[a] = l.stream().mapToInt(x -> (int) x[0]).toArray();
      adjWeight[a] = l.stream().mapToDouble(x -> x[1]).toArray();
    }
    Placer.Result place = Placer.place(lim.mesh(), adjCore, adjWeight, net.run().seed());
    int[] phys = place.physical();

    // routing: axons per core in order of first use, synapse lists, fan-out edges, host routes
    List<LongIntMap> axonIds = new ArrayList<>(); // axon key -> axon id + 1
    List<IntList> axFmt = new ArrayList<>(), axSrc = new ArrayList<>(), sAx = new ArrayList<>(), sCx = new ArrayList<>(), sW = new ArrayList<>(), sD = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      axonIds.add(new LongIntMap(1024));
      axFmt.add(new IntList());
      axSrc.add(new IntList());
      sAx.add(new IntList());
      sCx.add(new IntList());
      sW.add(new IntList());
      sD.add(new IntList());
    }
    for (int e = 0; e < edges.size(); e++) {
      Partitioner.Edge ed = edges.get(e);
      Quantiser.ProjectionQ pq = q.projections().get(e);
      for (int i = 0; i < size[ed.prePop()]; i++) {
        int src = offset[ed.prePop()] + i;
        for (int k = ed.rowStart()[i]; k < ed.rowStart()[i + 1]; k++) {
          int g = offset[ed.postPop()] + ed.post()[k];
          int c = part.coreOf()[g];
          long key = (long) src * nf + ed.format();
          int ax = axonIds.get(c).get(key) - 1;
          if (ax < 0) {
            ax = axFmt.get(c).size();
            axonIds.get(c).add(key, ax + 1);
            axFmt.get(c).add(ed.format());
            axSrc.get(c).add(src);
          }
          sAx.get(c).add(ax);
          sCx.get(c).add(part.slotOf()[g]);
          sW.get(c).add(pq.stored()[k]);
          sD.get(c).add(pq.delay()[k]);
        }
      }
    }
    // fan-out edges and host routes, grouped by source in global id order
    int[] outCount = new int[total + 1];
    for (int c = 0; c < nc; c++) for (int a = 0; a < axSrc.get(c).size(); a++) outCount[axSrc.get(c).get(a) + 1]++;
    for (int g = 0; g < total; g++) outCount[g + 1] += outCount[g];
    int[] routeCore = new int[outCount[total]], routeAxon = new int[outCount[total]];
    int[] fill = java.util.Arrays.copyOf(outCount, total);
    for (int c = 0; c < nc; c++) {
      for (int a = 0; a < axSrc.get(c).size(); a++) {
        int s = axSrc.get(c).get(a);
        routeCore[fill[s]] = phys[c];
        routeAxon[fill[s]++] = a;
      }
    }
    List<IntList> oCx = new ArrayList<>(), oCore = new ArrayList<>(), oAx = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      oCx.add(new IntList());
      oCore.add(new IntList());
      oAx.add(new IntList());
    }
    for (int g = 0; g < total; g++) {
      if (part.coreOf()[g] < 0) continue; // sources: host routes
      int c = part.coreOf()[g];
      for (int r = outCount[g]; r < outCount[g + 1]; r++) {
        oCx.get(c).add(part.slotOf()[g]);
        oCore.get(c).add(routeCore[r]);
        oAx.get(c).add(routeAxon[r]);
      }
    }
    List<ChipMapping.CoreMap> cores = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      int[] m = part.cores().get(c);
      int k = m.length;
      int[] du = new int[k], dv = new int[k], ref = new int[k], vth = new int[k], bm = new int[k], be = new int[k], v0 = new int[k], u0 = new int[k];
      for (int s = 0; s < k; s++) {
        int g = m[s];
        int p = Partitioner.popOf(in, g);
        int i = g - offset[p];
        Quantiser.PopulationQ pq = q.populations().get(names.get(p));
        du[s] = pq.du()[i];
        dv[s] = pq.dv()[i];
        ref[s] = pq.refractDelay()[i];
        vth[s] = pq.thresholdMantissa()[i];
        bm[s] = pq.biasMantissa()[i];
        be[s] = pq.biasExponent()[i];
        v0[s] = pq.v0()[i];
        u0[s] = pq.u0()[i];
      }
      cores.add(new ChipMapping.CoreMap(phys[c], m, du, dv, ref, vth, bm, be, v0, u0, axFmt.get(c).toArray(), axSrc.get(c).toArray(),
          sAx.get(c).toArray(), sCx.get(c).toArray(), sW.get(c).toArray(), sD.get(c).toArray(), oCx.get(c).toArray(), oCore.get(c).toArray(),
          oAx.get(c).toArray(), part.usage().get(c)));
    }
    // host routes: only for sources
    int[] hostStart = new int[total + 1];
    IntList hc = new IntList(), ha = new IntList();
    for (int g = 0; g < total; g++) {
      if (part.coreOf()[g] < 0) {
        for (int r = outCount[g]; r < outCount[g + 1]; r++) {
          hc.add(routeCore[r]);
          ha.add(routeAxon[r]);
        }
      }
      hostStart[g + 1] = hc.size();
    }
    // traffic figures: messages and hops per neuron spike
    long neurons = 0;
    for (int p = 0; p < np; p++) if (!source[p]) neurons += size[p];
    double msgs = 0, hops = 0;
    int[] ts = new int[traffic.size()], td = new int[traffic.size()];
    long[] tc = new long[traffic.size()];
    int idx = 0;
    for (Map.Entry<Long, long[]> t : traffic.entrySet()) {
      int a = (int) (t.getKey() / nc), b = (int) (t.getKey() % nc);
      long count = t.getValue()[0];
      msgs += count;
      hops += count * (double) Placer.hops(lim.mesh(), phys[a], phys[b]);
      ts[idx] = a;
      td[idx] = b;
      tc[idx++] = count;
    }
    return new ChipMapping(lim, names, offset, source, cores, part.coreOf(), part.slotOf(), hostStart, hc.toArray(), ha.toArray(), formats, forms, q,
        part, place, neurons == 0 ? 0 : msgs / neurons, neurons == 0 ? 0 : hops / neurons, ts, td, tc);
  }

  private static String advice(Partitioner.Limit l) {
    return switch (l) {
      case INPUT_AXONS, SYNAPSE_WORDS, SYNAPSE_FORMATS, ACCUMULATOR -> "reduce this neuron's fan-in (fewer or sparser incoming connections, shorter delays),"
          + " or use a chip description with larger cores (--chip my-chip.json)";
      case OUTPUT_AXONS -> "reduce this neuron's fan-out (fewer target cores), or use a chip description with more output axons per core";
      default -> "use a chip description with larger cores (--chip my-chip.json)";
    };
  }

  private static UserError tooLarge(Network net, ChipLimits lim, Partitioner.Result part, String target) {
    int used = part.cores().size(), have = lim.mesh().cores();
    int chips = (used + lim.mesh().coresPerChip() - 1) / lim.mesh().coresPerChip();
    StringBuilder why = new StringBuilder();
    part.closedBy().entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> {
      if (why.length() > 0) why.append(", ");
      why.append(e.getKey().text).append(" (").append(limitOf(lim, e.getKey())).append(") on ").append(e.getValue()).append(" cores");
    });
    String board = lim.mesh().chipsX() + "x" + lim.mesh().chipsY() + " board";
    String msg = String.format(Locale.ROOT, "target %s: network '%s' needs %d cores but a %s of chip '%s' has %d (%d too many, %.0f%% over); "
        + "cores filled up by: %s", target, net.name(), used, board, lim.name(), have, used - have, 100.0 * (used - have) / have,
        why.length() == 0 ? "compartments" : why.toString());
    String hint = "run on " + chips + " chips with --chips " + chips + ", use smaller populations or sparser connections, "
        + "or a chip description with more or larger cores (--chip my-chip.json)";
    return new UserError(List.of(Diagnostic.error(nmc.ir.Span.NONE, msg, hint, "")));
  }

  private static String limitOf(ChipLimits lim, Partitioner.Limit l) {
    ChipLimits.Core c = lim.core();
    return switch (l) {
      case COMPARTMENTS -> c.compartments() + " per core";
      case INPUT_AXONS -> c.inputAxons() + " per core";
      case SYNAPSE_WORDS -> c.synapseMemoryWords() + " words of " + c.synapseWordBits() + " bits per core";
      case ACCUMULATOR -> c.dendriteAccumulatorEntries() + " per core";
      case COMPARTMENT_PROFILES -> c.compartmentProfiles() + " per core";
      case THRESHOLD_PROFILES -> c.thresholdProfiles() + " per core";
      case SYNAPSE_FORMATS -> c.synapseFormats() + " per core";
      case WEIGHT_EXPONENT -> "on_sum weight exponents";
      case OUTPUT_AXONS -> c.outputAxons() + " per core";
    };
  }
}
