package nmc.targets.reference;

import static nmc.targets.reference.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.sim.SimResult;
import nmc.sim.Target;
import org.junit.jupiter.api.Test;

class NetworkRunTest {

  @Test
  void poissonSourcesFireAtTheirRateOnlyBetweenStartAndStop() {
    int n = 1000;
    double rate = 20, start = 0.2, stop = 0.8;
    Network net = network(List.of(), List.of(),
        List.of(new Population("src", n, new Population.Poisson(ValueSpec.of(rate), start, stop), Span.NONE)), List.of(), List.of(),
        List.of(spikes("s", "src"), rate("r", "src", 0.1)), new RunSettings(1.0, 1e-4, 3));
    SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
    double expected = n * rate * (stop - start);
    long count = r.population("src").spikes();
    assertTrue(Math.abs(count - expected) < 5 * Math.sqrt(expected), "spikes " + count + " vs " + expected);
    for (double t : r.spikes().get(0).times()) assertTrue(t >= start - 1e-12 && t < stop, "spike at " + t);
    double[] hz = r.rates().get(0).rateHz();
    assertEquals(10, hz.length);
    assertEquals(0, hz[0] + hz[1] + hz[8] + hz[9]);
    for (int b = 2; b < 8; b++) assertEquals(rate, hz[b], 5 * Math.sqrt(rate / (n * 0.1)), "bin " + b);
  }

  @Test
  void sameSeedSameRunOtherSeedDifferent() {
    SimResult a = new ReferenceTarget().run(cuba(0.25, 0.2, 7, List.of(spikes("s", "exc"))), Target.Progress.NONE);
    SimResult b = new ReferenceTarget().run(cuba(0.25, 0.2, 7, List.of(spikes("s", "exc"))), Target.Progress.NONE);
    SimResult c = new ReferenceTarget().run(cuba(0.25, 0.2, 8, List.of(spikes("s", "exc"))), Target.Progress.NONE);
    assertTrue(a.spikes().get(0).times().length > 0);
    assertArrayEquals(a.spikes().get(0).neuron(), b.spikes().get(0).neuron());
    assertArrayEquals(a.spikes().get(0).times(), b.spikes().get(0).times());
    assertEquals(a.synapticEvents(), b.synapticEvents());
    assertFalse(Arrays.equals(a.spikes().get(0).neuron(), c.spikes().get(0).neuron()));
  }

  @Test
  void cubaFiresAtItsKnownRate() {
    SimResult r = new ReferenceTarget().run(cuba(1, 0.5, 2007, List.of(rate("r", "exc", 0.01))), Target.Progress.NONE);
    double hz = r.population("exc").rateHz(0.5);
    // Brian2's CUBA example settles at a few Hz (Brette et al. 2007 report about 6-8 Hz over 1 s)
    assertTrue(hz > 2 && hz < 20, "exc rate " + hz + " Hz");
    long spikes = r.population("exc").spikes() + r.population("inh").spikes();
    // every spike reaches about 2 % of 4000 targets (80); the last step's spikes are still in flight
    assertEquals(80.0, r.synapticEvents() / (double) spikes, 5);
  }

  @Test
  void progressIsReportedAboutEveryPercent() {
    List<long[]> calls = new ArrayList<>();
    Network net = cuba(0.05, 0.1, 1, List.of());
    new ReferenceTarget().run(net, (done, total) -> calls.add(new long[] {done, total}));
    assertEquals(100, calls.size());
    assertArrayEquals(new long[] {1000, 1000}, calls.get(calls.size() - 1));
    for (int k = 1; k < calls.size(); k++) assertTrue(calls.get(k)[0] > calls.get(k - 1)[0]);
  }

  @Test
  void registeredAsAService() {
    assertTrue(ServiceLoader.load(Target.class).stream().anyMatch(p -> p.get().name().equals("reference")));
  }

  @Test
  void tenBillionNeuronsAreRefusedWithTheEstimate() {
    List<Population> pops = new ArrayList<>();
    for (int i = 0; i < 5; i++) pops.add(new Population("p" + i, 2_000_000_000, new Population.Poisson(ValueSpec.of(1), 0, 1), Span.NONE));
    Network net = network(List.of(), List.of(), pops, List.of(), List.of(), List.of(), new RunSettings(1, 1e-4, 1));
    UserError e = assertThrows(UserError.class, () -> new ReferenceTarget().run(net, Target.Progress.NONE));
    String text = e.render();
    assertTrue(text.contains("needs about") && text.contains("GiB") && text.contains("10000000000 neurons"), text);
    assertTrue(text.contains("hint: reduce the population sizes or raise -Xmx (NMC_JAVA_OPTS)"), text);
  }

  @Test
  void modelMistakesAreUserErrors() {
    Network badProbe = network(List.of(LIF), List.of(), List.of(neurons("n", 2, "LIF")), List.of(), List.of(),
        List.of(trace("x", "n", "nope")), new RunSettings(0.001, 1e-4, 1));
    assertThrows(UserError.class, () -> new ReferenceTarget().run(badProbe, Target.Progress.NONE));
    Network deltaOnPort = network(List.of(LIF), List.of(), List.of(neurons("n", 2, "LIF")),
        List.of(projection("p", "n", "n", "I", null, new nmc.ir.Connectivity.AllToAll(false), ValueSpec.of(1e-3), null)),
        List.of(), List.of(), new RunSettings(0.001, 1e-4, 1));
    UserError e = assertThrows(UserError.class, () -> new ReferenceTarget().run(deltaOnPort, Target.Progress.NONE));
    assertTrue(e.render().contains("not an input port") || e.render().contains("not a state variable"), e.render());
  }
}
