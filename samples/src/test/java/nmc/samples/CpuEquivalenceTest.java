package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sample on the cpu target (native C through java.lang.foreign) against the reference target: in float64
 * the spike trains, event counts, state traces and rates must be identical, bit for bit, with 1 and with 2 threads.
 * In float32 the spike times are compared and the agreement is reported.
 */
class CpuEquivalenceTest {
  static final String[] SAMPLES = {"cuba.snn", "fitzhugh_nagumo.snn", "gap_junction_pair.snn", "hh_step.snn", "izhikevich_patterns.snn"};

  @ParameterizedTest
  @ValueSource(strings = {"cuba.snn", "fitzhugh_nagumo.snn", "gap_junction_pair.snn", "hh_step.snn", "izhikevich_patterns.snn"})
  void float64IsIdenticalToTheReference(String sample) {
    Network net = Samples.load(sample);
    SimResult ref = Samples.run(net);
    for (int threads : new int[] {1, 2}) {
      SimResult cpu = Samples.target("cpu").run(net, new TargetOptions(Map.of("threads", "" + threads)), Target.Progress.NONE);
      assertIdentical(ref, cpu, sample + " with " + threads + " thread(s)");
    }
    assertTrue(ref.populations().stream().mapToLong(SimResult.PopulationStats::spikes).sum() > 0, sample + " has spikes to compare");
  }

  static void assertIdentical(SimResult ref, SimResult cpu, String what) {
    assertEquals(ref.steps(), cpu.steps(), what);
    assertEquals(ref.populations(), cpu.populations(), what + ": spike counts");
    assertEquals(ref.synapticEvents(), cpu.synapticEvents(), what + ": synaptic events");
    assertEquals(ref.spikes().size(), cpu.spikes().size(), what);
    for (int p = 0; p < ref.spikes().size(); p++) {
      SimResult.SpikeData a = ref.spikes().get(p), b = cpu.spikes().get(p);
      assertEquals(a.probe(), b.probe(), what);
      assertArrayEquals(a.neuron(), b.neuron(), what + ": neurons of probe " + a.probe());
      assertArrayEquals(a.times(), b.times(), what + ": spike times of probe " + a.probe());
    }
    assertEquals(ref.traces().size(), cpu.traces().size(), what);
    for (int p = 0; p < ref.traces().size(); p++) {
      SimResult.TraceData a = ref.traces().get(p), b = cpu.traces().get(p);
      assertEquals(a.unit(), b.unit(), what);
      assertArrayEquals(a.indices(), b.indices(), what);
      for (int r = 0; r < a.values().length; r++) {
        // bit for bit (assertArrayEquals on doubles compares exactly, NaN equal to NaN)
        assertArrayEquals(a.values()[r], b.values()[r], 0.0, what + ": trace " + a.probe() + " of neuron " + a.indices()[r]);
      }
    }
    for (int p = 0; p < ref.rates().size(); p++) {
      assertArrayEquals(ref.rates().get(p).rateHz(), cpu.rates().get(p).rateHz(), 0.0, what + ": rates");
    }
  }

  /**
   * float32: the same spikes of the same neurons, each within 1 % of the run's duration of its float64 time (float32
   * rounding makes fast spikers drift in phase over a long run); the largest shift per probe is printed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"fitzhugh_nagumo.snn", "hh_step.snn", "izhikevich_patterns.snn", "gap_junction_pair.snn"})
  void float32SpikeTimesAgreeClosely(String sample) {
    Network net = Samples.load(sample);
    SimResult ref = Samples.run(net);
    SimResult f32 = Samples.target("cpu").run(net, new TargetOptions(Map.of("precision", "float32")), Target.Progress.NONE);
    double dt = net.run().dt();
    List<String> report = new ArrayList<>();
    for (int p = 0; p < ref.spikes().size(); p++) {
      SimResult.SpikeData a = ref.spikes().get(p), b = f32.spikes().get(p);
      assertEquals(a.times().length, b.times().length, sample + ": spike count of probe " + a.probe() + " in float32");
      double worst = 0;
      for (int k = 0; k < a.times().length; k++) {
        assertEquals(a.neuron()[k], b.neuron()[k], sample);
        worst = Math.max(worst, Math.abs(a.times()[k] - b.times()[k]));
      }
      report.add(a.probe() + ": " + a.times().length + " spikes, largest shift " + Math.round(worst / dt) + " steps");
      assertTrue(worst <= 0.01 * net.run().duration(), sample + " " + a.probe() + ": float32 spike times within 1 % of the run of float64's, worst " + worst);
    }
    System.out.println("float32 vs reference, " + sample + ": " + report);
  }
}
