package nmc.targets.reference;

import static nmc.targets.reference.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.build.Connections;
import nmc.ir.build.Wiring;
import nmc.sim.SimResult;
import nmc.sim.Target;
import org.junit.jupiter.api.Test;

/**
 * Property: every spike reaches every one of its targets exactly once. Delivered events equal, over all recorded
 * spikes, the number of outgoing connections whose delivery step (n + 1 + delay steps) falls inside the run.
 */
class NoSpikeLostPropertyTest {
  static final double DT = 1e-4;
  static final int STEPS = 400;

  @Test
  void deliveredEventsEqualSpikesTimesOutDegree() {
    qt().withFixedSeed(42L).withExamples(25)
        .forAll(longs().between(1, 1_000_000), integers().between(1, 40), doubles().between(0.05, 0.5), doubles().between(0, 3e-3))
        .checkAssert((seed, n, p, maxDelay) -> {
          Population src = new Population("src", 20, new Population.Poisson(ValueSpec.of(150), 0, 1), Span.NONE);
          List<Projection> projs = List.of(
              projection("in", "src", "a", "v", null, new Connectivity.FixedProbability(p, true), ValueSpec.of(6e-3),
                  new ValueSpec.Uniform(0, maxDelay)),
              projection("rec", "a", "a", "v", null, new Connectivity.FixedProbability(p, false), new ValueSpec.Uniform(-2e-3, 4e-3),
                  new ValueSpec.Uniform(0, maxDelay)),
              projection("fix", "a", "b", "v", null, new Connectivity.FixedFanIn(Math.min(3, n), true), ValueSpec.of(1e-3), ValueSpec.of(maxDelay)));
          Network net = network(List.of(LIF), List.of(), List.of(src, neurons("a", n, "LIF"), neurons("b", 5, "LIF")), projs, List.of(),
              List.of(spikes("s", "src"), spikes("a", "a")), new RunSettings(STEPS * DT, DT, seed));
          SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
          long expected = 0;
          expected += reaching(Wiring.connect(net, projs.get(0)), r.spikes().get(0), 0);
          expected += reaching(Wiring.connect(net, projs.get(1)), r.spikes().get(1), 1);
          expected += reaching(Wiring.connect(net, projs.get(2)), r.spikes().get(1), 1);
          assertEquals(expected, r.synapticEvents(), "seed " + seed + ", n " + n + ", p " + p);
        });
  }

  /** Connections reached in time; a source spike recorded at t_n has step n, a neuron spike recorded at t_{n+1} step n. */
  static long reaching(Connections c, SimResult.SpikeData spikes, int timeOffset) {
    int[] d = c.delaySteps(DT);
    long count = 0;
    for (int s = 0; s < spikes.neuron().length; s++) {
      long n = Math.round(spikes.times()[s] / DT) - timeOffset;
      int j = spikes.neuron()[s];
      for (int k = c.rowStart()[j]; k < c.rowStart()[j + 1]; k++) if (n + 1 + d[k] < STEPS) count++;
    }
    return count;
  }
}
