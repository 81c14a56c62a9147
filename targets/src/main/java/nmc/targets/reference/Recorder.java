package nmc.targets.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.ir.Dimension;
import nmc.ir.Ints;
import nmc.ir.Probe;
import nmc.ir.Units;
import nmc.sim.SimResult;

/** Collects what the probes ask for, in primitive arrays, and turns it into {@link SimResult} parts. */
final class Recorder {
  private record SpikeProbe(Probe probe, SpikeGroup group, boolean[] selected, int[][] neuron, double[][] times, int[] count) {}

  private record StateProbe(Probe probe, NeuronGroup group, int slot, String unit, int[] indices, double[][] values) {}

  private record RateProbe(Probe probe, SpikeGroup group, double bin, long[] counts) {}

  private final Map<SpikeGroup, List<SpikeProbe>> spikeProbes = new HashMap<>();
  private final Map<SpikeGroup, List<RateProbe>> rateProbes = new HashMap<>();
  private final List<SpikeProbe> spikes = new ArrayList<>();
  private final List<StateProbe> states = new ArrayList<>();
  private final List<RateProbe> rates = new ArrayList<>();
  private final double dt;

  Recorder(List<Probe> probes, Map<String, SpikeGroup> groups, long steps, double dt) {
    this.dt = dt;
    for (Probe p : probes) {
      SpikeGroup g = groups.get(p.population());
      if (g == null) throw Errors.at(p.span(), "probe " + p.name() + " names population '" + p.population() + "', which does not exist", "");
      int[] idx = indices(p, g);
      switch (p.kind()) {
        case SPIKES -> {
          boolean[] sel = null;
          if (idx != null) {
            sel = new boolean[g.size];
            for (int i : idx) sel[i] = true;
          }
          SpikeProbe sp = new SpikeProbe(p, g, sel, new int[][] {new int[64]}, new double[][] {new double[64]}, new int[1]);
          spikes.add(sp);
          spikeProbes.computeIfAbsent(g, x -> new ArrayList<>()).add(sp);
        }
        case STATE -> {
          if (!(g instanceof NeuronGroup ng)) throw Errors.at(p.span(), "probe " + p.name() + " records " + p.variable() + " of spike source " + g.name,
              "spike sources have no state; probe their spikes");
          Integer slot = ng.stateSlot.get(p.variable());
          // The trace keeps SI values; its unit is the one the model declared, for display.
          String unit = null;
          if (slot != null) unit = ng.model.stateVar(p.variable()).map(v -> displayUnit(v.unit(), v.dim())).orElseThrow();
          else if ((slot = ng.portSlot.get(p.variable())) != null) unit = ng.model.port(p.variable()).map(v -> displayUnit(v.unit(), v.dim())).orElseThrow();
          if (slot == null) throw Errors.at(p.span(), "probe " + p.name() + " records '" + p.variable() + "', which is not a state variable or port of "
              + ng.model.name(), "state variables of " + ng.model.name() + ": " + String.join(", ", ng.stateSlot.keySet()));
          if (idx == null) {
            idx = new int[g.size];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
          }
          states.add(new StateProbe(p, ng, slot, unit, idx, new double[idx.length][(int) steps + 1]));
        }
        case RATE -> {
          if (!(p.bin() > 0)) throw Errors.at(p.span(), "rate probe " + p.name() + " has bin " + p.bin() + " s", "give a positive bin width");
          int bins = (int) Math.max(1, Math.ceil(steps * dt / p.bin() - 1e-9));
          RateProbe rp = new RateProbe(p, g, p.bin(), new long[bins]);
          rates.add(rp);
          rateProbes.computeIfAbsent(g, x -> new ArrayList<>()).add(rp);
        }
      }
    }
  }

  private static int[] indices(Probe p, SpikeGroup g) {
    Ints ix = p.indices();
    if (ix == null || ix.isEmpty()) return null;
    int[] idx = ix.values();
    for (int i : idx) {
      if (i < 0 || i >= g.size) throw Errors.at(p.span(), "probe " + p.name() + " asks for neuron " + i + " of " + g.name + ", which has " + g.size,
          "indices start at 0");
    }
    return idx;
  }

  /** Records the spikes of {@code g} in step n. */
  void spikes(SpikeGroup g, long n) {
    List<SpikeProbe> sps = spikeProbes.get(g);
    if (sps != null) {
      double t = g.spikeTime(n, dt);
      for (SpikeProbe sp : sps) {
        for (int s = 0; s < g.spikedCount; s++) {
          int i = g.spiked[s];
          if (sp.selected != null && !sp.selected[i]) continue;
          int c = sp.count[0];
          if (c == sp.neuron[0].length) {
            sp.neuron[0] = Arrays.copyOf(sp.neuron[0], c * 2);
            sp.times[0] = Arrays.copyOf(sp.times[0], c * 2);
          }
          sp.neuron[0][c] = i;
          sp.times[0][c] = t;
          sp.count[0] = c + 1;
        }
      }
    }
    List<RateProbe> rps = rateProbes.get(g);
    if (rps != null) {
      for (RateProbe rp : rps) {
        int bin = (int) Math.min(rp.counts.length - 1, (long) ((n + 0.5) * dt / rp.bin));
        rp.counts[bin] += g.spikedCount;
      }
    }
  }

  /** Records state probes at time index {@code k} (0 = initial state, k = after step k-1). */
  void state(int k) {
    for (StateProbe sp : states) {
      double[] x = sp.group.frame.slots[sp.slot];
      for (int r = 0; r < sp.indices.length; r++) sp.values[r][k] = x[sp.indices[r]];
    }
  }

  List<SimResult.SpikeData> spikeData() {
    return spikes.stream().map(sp -> new SimResult.SpikeData(sp.probe.name(), sp.group.name,
        Arrays.copyOf(sp.neuron[0], sp.count[0]), Arrays.copyOf(sp.times[0], sp.count[0]))).toList();
  }

  List<SimResult.TraceData> traceData(long steps) {
    double[] times = new double[(int) steps + 1];
    for (int k = 0; k < times.length; k++) times[k] = k * dt;
    return states.stream().map(sp -> new SimResult.TraceData(sp.probe.name(), sp.group.name, sp.probe.variable(), sp.unit,
        sp.indices.clone(), times, sp.values)).toList();
  }

  List<SimResult.RateData> rateData() {
    return rates.stream().map(rp -> {
      double[] hz = new double[rp.counts.length];
      for (int b = 0; b < hz.length; b++) hz[b] = rp.group.size == 0 ? 0 : rp.counts[b] / (rp.group.size * rp.bin);
      return new SimResult.RateData(rp.probe.name(), rp.group.name, rp.bin, hz);
    }).toList();
  }

  private static String displayUnit(String declared, Dimension dim) {
    return declared == null || declared.isBlank() ? Units.describe(dim) : declared;
  }
}
