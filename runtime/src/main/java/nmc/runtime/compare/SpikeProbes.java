package nmc.runtime.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.ir.Ints;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Span;
import nmc.sim.SimResult;

/**
 * Per-neuron spike counts do not depend on what the network file probes: compare runs the network with a spike
 * probe on every neuron of every population. A population that already has a spike probe over all its neurons
 * keeps it; the others get one named {@code compare_<population>} (with {@code _2}, {@code _3} ... if that name
 * is taken).
 *
 * @param network the network to run, with the added probes
 * @param probeOf for every population, the name of the spike probe that covers all of it
 * @param added the populations that got a probe from compare
 */
public record SpikeProbes(Network network, Map<String, String> probeOf, List<String> added) {
  public SpikeProbes {
    probeOf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probeOf));
    added = List.copyOf(added);
  }

  public static SpikeProbes of(Network net) {
    Map<String, String> probeOf = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (Probe p : net.probes()) names.add(p.name());
    List<Probe> probes = new ArrayList<>(net.probes());
    List<String> added = new ArrayList<>();
    for (Population pop : net.populations()) {
      String existing = net.probes().stream().filter(p -> coversAll(p, pop)).map(Probe::name).findFirst().orElse(null);
      if (existing != null) {
        probeOf.put(pop.name(), existing);
        continue;
      }
      String name = "compare_" + pop.name();
      for (int k = 2; names.contains(name); k++) name = "compare_" + pop.name() + "_" + k;
      names.add(name);
      probes.add(new Probe(name, Probe.Kind.SPIKES, pop.name(), null, Ints.EMPTY, 0, Span.NONE));
      probeOf.put(pop.name(), name);
      added.add(pop.name());
    }
    Network withProbes = added.isEmpty() ? net : new Network(net.name(), net.neuronModels(), net.synapseModels(),
        net.populations(), net.projections(), net.currents(), probes, net.run());
    return new SpikeProbes(withProbes, probeOf, added);
  }

  /** A spike probe on {@code pop} that records every neuron (no indices, or every index). */
  static boolean coversAll(Probe p, Population pop) {
    if (p.kind() != Probe.Kind.SPIKES || !p.population().equals(pop.name())) return false;
    if (p.indices().isEmpty()) return true;
    boolean[] seen = new boolean[pop.size()];
    int distinct = 0;
    for (int i : p.indices().values()) {
      if (i >= 0 && i < seen.length && !seen[i]) {
        seen[i] = true;
        distinct++;
      }
    }
    return distinct == pop.size();
  }

  /**
   * Spike count of every neuron of {@code population} in {@code r}, or null when the target returned no data for
   * the probe (a target that cannot record spikes of that population).
   */
  public long[] counts(SimResult r, String population, int size) {
    String probe = probeOf.get(population);
    for (SimResult.SpikeData s : r.spikes()) {
      if (!s.probe().equals(probe)) continue;
      long[] c = new long[size];
      for (int n : s.neuron()) {
        if (n < 0 || n >= size) throw new IllegalStateException("target " + r.target() + " reported a spike of neuron " + n
            + " in population " + population + " of size " + size);
        c[n]++;
      }
      return c;
    }
    return null;
  }

  /** The spike data of {@code population}'s full probe in {@code r}, or null. */
  public SimResult.SpikeData spikes(SimResult r, String population) {
    String probe = probeOf.get(population);
    return r.spikes().stream().filter(s -> s.probe().equals(probe)).findFirst().orElse(null);
  }
}
