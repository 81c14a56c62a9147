package nmc.targets.truenorth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.truenorth.TnChipProgram;
import nmc.emulator.truenorth.TrueNorthEmulator;
import nmc.emulator.truenorth.TrueNorthSpec;
import nmc.ir.Connectivity;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import nmc.ir.build.Connections;
import nmc.ir.build.Wiring;
import nmc.map.truenorth.TnMapper;
import nmc.map.truenorth.TnMapping;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Splitter-based fan-out delivers exactly the spikes the IR asks for. Random small networks (spike sources relayed
 * one to one by integrators, which fan out with random probability and delays onto a third population) are mapped
 * with small core budgets (4..8 neurons, so most sources reach several cores and need splitter trees of 1..3
 * levels). Before every tick the test reads every neuron core's scheduler: for each target neuron, the set of
 * (source, tick) events that reach it through its crossbar must equal the IR's connections x the reference's source
 * spikes, arriving at step n + 1 + round(delay/dt).
 */
class SplitterFanOutPropertyTest {
  static final TrueNorthSpec CHIP = TrueNorthSpec.load("truenorth");

  record Case(long seed, int relays, int targets, double p, int neuronsPerCore) {}

  static Gen<Case> cases() {
    return SourceDSL.longs().between(1, 1_000_000).zip(SourceDSL.integers().between(2, 10), SourceDSL.integers().between(4, 24),
        SourceDSL.integers().between(2, 9), SourceDSL.integers().between(4, 8), (s, r, t, p, m) -> new Case(s, r, t, p / 10.0, m));
  }

  static Network network(Case c) {
    java.util.Random rnd = new java.util.Random(c.seed());
    List<Vec> times = new ArrayList<>();
    for (int i = 0; i < c.relays(); i++) {
      double[] t = new double[1 + rnd.nextInt(3)];
      for (int k = 0; k < t.length; k++) t[k] = (1 + rnd.nextInt(20)) * 1e-3 + 0.2e-3;
      times.add(Vec.of(t));
    }
    Population src = new Population("src", c.relays(), new Population.SpikeTimes(times), new Span("net.snn", 2, 1));
    return new Network("fanout", List.of(TnNets.integrator()), List.of(),
        List.of(src, TnNets.pop("relay", c.relays(), 0.5e-3), TnNets.pop("out", c.targets(), 1.0)),
        List.of(TnNets.proj("in", "src", "relay", new Connectivity.OneToOne(), new ValueSpec.Const(1e-3), new ValueSpec.Const(0), 5),
            TnNets.proj("fan", "relay", "out", new Connectivity.FixedProbability(c.p(), true), new ValueSpec.Uniform(1e-5, 3e-5),
                new ValueSpec.Uniform(3e-3, 6.4e-3), 6)),
        List.of(), List.of(TnNets.spikes("src"), TnNets.spikes("relay")), new RunSettings(0.03, 1e-3, c.seed()));
  }

  @Test
  void splitterTreesDeliverExactlyTheIrEvents() {
    qt().withFixedSeed(42L).withExamples(60).forAll(cases()).checkAssert(SplitterFanOutPropertyTest::check);
  }

  static void check(Case c) {
    Network net = network(c);
    double dt = net.run().dt();
    TnMapping m = TnMapper.map(net, TnProgramWriter.limits(CHIP, 1).withBudget(64, c.neuronsPerCore()), new TnMapper.Options("truenorth", false));
    assertEquals(0, m.addedLatencyMax(), "delays of 4..7 ticks leave room for 3 splitter levels");
    TnChipProgram prog = TnProgramWriter.write(CHIP, m);
    // observed: per target global id, (source global id, tick)
    Map<Integer, Set<List<Integer>>> seen = new HashMap<>();
    TnRun run = new TnRun(net, m);
    SimResult chip;
    try (TrueNorthEmulator emu = TrueNorthEmulator.create(prog, EmulatorOptions.defaults().withSeed(1))) {
      run.run(emu, Target.Progress.NONE, t -> {
        for (TnMapping.Core core : m.cores()) {
          if (core.splitter()) continue;
          for (int s = 0; s < core.synAxon().length; s++) {
            int a = core.synAxon()[s];
            if (emu.scheduled(core.physical(), a, t)) {
              seen.computeIfAbsent(core.members()[core.synNeuron()[s]], k -> new TreeSet<>(SplitterFanOutPropertyTest::cmp))
                  .add(List.of(core.axonSource()[a], (int) t));
            }
          }
        }
      });
      chip = run.result(emu, 0, Map.of());
    }
    SimResult ref = new ReferenceTarget().run(net, Target.Progress.NONE);
    for (String p : List.of("src", "relay")) {
      SimResult.SpikeData a = sp(ref, p), b = sp(chip, p);
      assertTrue(a.times().length > 0, "reference spikes in " + p);
      assertArrayEquals(a.neuron(), b.neuron(), p + " " + c);
      assertArrayEquals(a.times(), b.times(), 1e-12, p + " " + c);
    }
    // expected: every IR connection x every spike of its source, arriving before the run ends
    Map<Integer, Set<List<Integer>>> want = new HashMap<>();
    long steps = net.run().steps();
    for (Projection pr : net.projections()) {
      Connections cn = Wiring.connect(net, pr);
      int pre = m.names().indexOf(pr.pre()), post = m.names().indexOf(pr.post());
      boolean source = m.popSource()[pre];
      SimResult.SpikeData s = sp(ref, pr.pre());
      int[] row = cn.pre(), col = cn.post(), d = cn.delaySteps(dt);
      for (int k = 0; k < cn.count(); k++) {
        for (int q = 0; q < s.neuron().length; q++) {
          if (s.neuron()[q] != row[k]) continue;
          long n = Math.round(s.times()[q] / dt) - (source ? 0 : 1);
          long arrive = n + 1 + d[k];
          if (arrive >= steps) continue;
          want.computeIfAbsent(m.popOffset()[post] + col[k], x -> new TreeSet<>(SplitterFanOutPropertyTest::cmp))
              .add(List.of(m.popOffset()[pre] + row[k], (int) arrive));
        }
      }
    }
    assertEquals(want, seen, "events per target neuron, " + c + ", splitter cores " + m.splitterCores() + ", depth " + m.splitterDepthMax());
  }

  static int cmp(List<Integer> a, List<Integer> b) {
    int x = Integer.compare(a.get(0), b.get(0));
    return x != 0 ? x : Integer.compare(a.get(1), b.get(1));
  }

  static SimResult.SpikeData sp(SimResult r, String pop) {
    return r.spikes().stream().filter(s -> s.population().equals(pop)).findFirst().orElseThrow();
  }

  @Test
  void theGeneratedNetworksDoNeedSplitterTrees() {
    // guards the property against vacuity: over the examples, fan-out trees of two or more levels occur
    int deepest = 0, splitters = 0;
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 20; i++) {
      Case c = new Case(r.nextInt(1_000_000) + 1, 10, 24, 0.8, 4);
      TnMapping m = TnMapper.map(network(c), TnProgramWriter.limits(CHIP, 1).withBudget(64, 4), new TnMapper.Options("truenorth", false));
      deepest = Math.max(deepest, m.splitterDepthMax());
      splitters += m.splitterNeurons();
    }
    assertTrue(deepest >= 2, "deepest tree " + deepest);
    assertTrue(splitters > 0);
  }
}
