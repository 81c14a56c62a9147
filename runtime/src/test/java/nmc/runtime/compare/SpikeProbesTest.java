package nmc.runtime.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.ir.Probe;
import nmc.sim.SimResult;
import org.junit.jupiter.api.Test;

class SpikeProbesTest {
  static Network parse(String probes) {
    return Frontend.parse("p", """
        population a = 4 x LIF()
        population b = 3 x LIF()
        population c = 2 x spike_times([1] ms, [2] ms)
        """ + probes);
  }

  @Test
  void addsAProbeOnlyWhereNoneCoversTheWholePopulation() {
    Network net = parse("""
        probe spikes a
        probe spikes b[0, 1]
        probe a.v
        """);
    SpikeProbes p = SpikeProbes.of(net);
    assertEquals(List.of("b", "c"), p.added());
    assertEquals(Map.of("a", "a_spikes", "b", "compare_b", "c", "compare_c"), p.probeOf());
    List<Probe> added = p.network().probes().subList(net.probes().size(), p.network().probes().size());
    assertEquals(List.of("compare_b", "compare_c"), added.stream().map(Probe::name).toList());
    for (Probe pr : added) {
      assertEquals(Probe.Kind.SPIKES, pr.kind());
      assertEquals(0, pr.indices().size(), "all neurons");
    }
    assertEquals(net.probes(), p.network().probes().subList(0, net.probes().size()), "the network's own probes stay");
  }

  @Test
  void indicesListingEveryNeuronCountAsTheWholePopulation() {
    Network net = parse("probe spikes b[2, 0, 1]\nprobe spikes a[0..3]\nprobe spikes c[0, 1]");
    SpikeProbes p = SpikeProbes.of(net);
    assertEquals(List.of(), p.added());
    assertSame(net, p.network(), "nothing to add: the same network");
  }

  @Test
  void addedNamesDoNotClash() {
    Network net = parse("probe spikes b[0]");
    Network clash = new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(), net.projections(),
        net.currents(), List.of(new Probe("compare_a", Probe.Kind.STATE, "a", "v", nmc.ir.Ints.EMPTY, 0, nmc.ir.Span.NONE)),
        net.run());
    assertEquals("compare_a_2", SpikeProbes.of(clash).probeOf().get("a"));
  }

  @Test
  void countsPerNeuron() {
    SpikeProbes p = SpikeProbes.of(parse(""));
    SimResult r = new SimResult("x", 10, 1e-4, 0, List.of(), 0,
        List.of(new SimResult.SpikeData("compare_b", "b", new int[] {2, 0, 2, 2}, new double[] {1e-4, 2e-4, 3e-4, 4e-4})),
        List.of(), List.of(), Map.of());
    assertArrayEquals(new long[] {1, 0, 3}, p.counts(r, "b", 3));
    assertNull(p.counts(r, "a", 4), "no data for a");
    SimResult bad = new SimResult("x", 10, 1e-4, 0, List.of(), 0,
        List.of(new SimResult.SpikeData("compare_b", "b", new int[] {3}, new double[] {1e-4})), List.of(), List.of(), Map.of());
    assertThrows(IllegalStateException.class, () -> p.counts(bad, "b", 3));
  }
}
