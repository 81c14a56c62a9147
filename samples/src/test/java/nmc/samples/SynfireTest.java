package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nmc.ir.Network;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * synfire.snn: the pulse packet travels down the chain on the reference target. Every group fires (almost every
 * neuron once), the groups fire in order, and the delay from one group to the next is roughly constant (a stable
 * synfire chain neither dies out nor speeds up). Without the packet nothing fires at all.
 */
class SynfireTest {
  static final int GROUPS = 10;
  static Network net;
  static SimResult result;

  @BeforeAll
  static void run() {
    net = Samples.load("synfire.snn");
    result = Samples.run(net);
  }

  /** Spike times (s) of group {@code k}, every neuron. */
  static double[] times(SimResult r, int k) {
    return Samples.spikes(r, "g" + k).times();
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  @Test
  void chainHasTenGroupsOfAHundredLifNeurons() {
    for (int k = 0; k < GROUPS; k++) {
      assertEquals(100, result.population("g" + k).size());
      assertEquals("SynfireLIF", net.modelOf(net.population("g" + k).orElseThrow()).name());
    }
    assertEquals(50, result.population("packet").spikes(), "one spike per source of the packet");
  }

  @Test
  void everyGroupFiresEachNeuronAtMostOnce() {
    for (int k = 0; k < GROUPS; k++) {
      SimResult.SpikeData s = Samples.spikes(result, "g" + k);
      long distinct = Arrays.stream(s.neuron()).distinct().count();
      assertEquals(s.neuron().length, distinct, "g" + k + ": a neuron fired twice (activity instead of a pulse)");
      assertTrue(distinct >= 90, "g" + k + ": only " + distinct + " of 100 neurons fired");
    }
  }

  @Test
  void groupsFireInOrderWithARoughlyConstantDelay() {
    double[] meanMs = new double[GROUPS];
    for (int k = 0; k < GROUPS; k++) meanMs[k] = mean(times(result, k)) * 1e3;
    double[] delay = new double[GROUPS - 1];
    for (int k = 0; k + 1 < GROUPS; k++) {
      delay[k] = meanMs[k + 1] - meanMs[k];
      // a group fires after the previous one: its first spike comes after the previous group's first spike
      assertTrue(times(result, k + 1)[0] > times(result, k)[0], "g" + (k + 1) + " starts before g" + k);
    }
    double[] sorted = delay.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    // 1 ms synaptic delay plus the rise of the membrane: a few ms per group
    assertTrue(median > 1 && median < 10, "median delay per group " + median + " ms; delays " + Arrays.toString(delay));
    // skip the first hop: group 0 is driven by the packet, not by a group
    for (int k = 1; k < delay.length; k++) {
      assertTrue(Math.abs(delay[k] - median) < 0.25 * median,
          "delay g" + k + " -> g" + (k + 1) + " is " + delay[k] + " ms, median " + median + " ms: " + Arrays.toString(delay));
    }
    // the packet stays a packet: the spread of spike times does not grow along the chain
    double first = spreadMs(times(result, 1)), last = spreadMs(times(result, GROUPS - 1));
    assertTrue(last < 2 * first + 0.5, "spread grows from " + first + " ms to " + last + " ms");
  }

  static double spreadMs(double[] t) {
    double m = mean(t), s = 0;
    for (double x : t) s += (x - m) * (x - m);
    return Math.sqrt(s / t.length) * 1e3;
  }

  @Test
  void withoutThePacketNothingFires() {
    Network silent = new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(),
        net.projections().stream().filter(p -> !p.pre().equals("packet")).toList(), net.currents(), net.probes(), net.run());
    SimResult r = Samples.run(silent);
    for (int k = 0; k < GROUPS; k++) assertEquals(0, r.population("g" + k).spikes(), "g" + k + " fired without input");
  }

  @Test
  void theChainPropagatesOnTheLoihiChipToo() {
    SimResult chip = Samples.target("loihi").run(net, nmc.sim.TargetOptions.NONE, nmc.sim.Target.Progress.NONE);
    double previous = 0;
    for (int k = 0; k < GROUPS; k++) {
      double[] t = times(chip, k);
      assertTrue(t.length >= 90 && t.length <= 100, "loihi group " + k + " fired " + t.length + " spikes");
      double m = mean(t);
      assertTrue(m > previous, "loihi group " + k + " fires after group " + (k - 1));
      assertEquals(mean(times(result, k)), m, 0.5e-3, "group " + k + " mean spike time on loihi vs reference (s)");
      previous = m;
    }
    assertTrue(chip.metrics().get("energy_j") > 0 && chip.metrics().get("cores_used") >= 1);
  }
}
