package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.ir.Network;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * synfire_lif.snn (the leaky version of synfire.snn): the pulse packet travels down the chain on the reference
 * target. Every group fires (almost every neuron once), the groups fire in order, and the delay from one group to
 * the next is roughly constant (a stable synfire chain neither dies out nor speeds up). Without the packet nothing
 * fires at all. On the loihi chip the groups fire when they do on the reference, within half a millisecond.
 */
class SynfireLifTest {
  static Network net;
  static SimResult result;

  @BeforeAll
  static void run() {
    net = Samples.load("synfire_lif.snn");
    result = Samples.run(net);
  }

  @Test
  void chainHasTenGroupsOfAHundredLifNeurons() {
    SynfireChains.hasTenGroupsOf(net, result, "SynfireLIF");
  }

  @Test
  void everyGroupFiresEachNeuronAtMostOnce() {
    SynfireChains.everyGroupFiresEachNeuronAtMostOnce(result, "reference");
  }

  @Test
  void groupsFireInOrderWithARoughlyConstantDelay() {
    SynfireChains.groupsFireInOrderWithARoughlyConstantDelay(result, "reference");
  }

  @Test
  void withoutThePacketNothingFires() {
    SynfireChains.silentWithoutThePacket(net);
  }

  @Test
  void theChainPropagatesOnTheLoihiChipToo() {
    SimResult chip = Samples.target("loihi").run(net, nmc.sim.TargetOptions.NONE, nmc.sim.Target.Progress.NONE);
    double previous = 0;
    for (int k = 0; k < SynfireChains.GROUPS; k++) {
      double[] t = SynfireChains.times(chip, k);
      assertTrue(t.length >= 90 && t.length <= 100, "loihi group " + k + " fired " + t.length + " spikes");
      double m = SynfireChains.mean(t);
      assertTrue(m > previous, "loihi group " + k + " fires after group " + (k - 1));
      assertEquals(SynfireChains.mean(SynfireChains.times(result, k)), m, 0.5e-3, "group " + k + " mean spike time on loihi vs reference (s)");
      previous = m;
    }
    assertTrue(chip.metrics().get("energy_j") > 0 && chip.metrics().get("cores_used") >= 1);
  }
}
