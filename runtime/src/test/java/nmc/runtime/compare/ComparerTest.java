package nmc.runtime.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import nmc.ir.Network;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Running one network on several (stand-in) targets: rows, agreement, figures from metrics, unavailable targets. */
class ComparerTest {
  static Network net;
  static Comparison c;

  @BeforeAll
  static void compare() {
    net = CompareFixtures.net();
    c = new Comparer(CompareFixtures.all()).classifier(Optional.empty())
        .run(net, List.of("reference", "chiplike", "gpu", "buggy", "truenorth"), "reference");
  }

  @Test
  void oneRowPerTargetInTheOrderAsked() {
    assertEquals(List.of("reference", "chiplike", "gpu", "buggy", "truenorth"), c.rows().stream().map(TargetRow::target).toList());
    assertEquals(TargetRow.Status.OK, c.row("reference").orElseThrow().status());
    assertEquals(TargetRow.Status.OK, c.row("chiplike").orElseThrow().status());
    assertEquals(TargetRow.Status.UNAVAILABLE, c.row("gpu").orElseThrow().status());
    assertEquals(TargetRow.Status.FAILED, c.row("buggy").orElseThrow().status());
    assertEquals(TargetRow.Status.UNAVAILABLE, c.row("truenorth").orElseThrow().status());
    assertTrue(c.anyFailed());
    assertTrue(c.anyAvailable());
  }

  @Test
  void unavailableRowsSayWhy() {
    assertEquals("no CUDA device found (hint: run on a machine with an NVIDIA GPU)", c.row("gpu").orElseThrow().reason());
    String tn = c.row("truenorth").orElseThrow().reason();
    assertTrue(tn.startsWith("no target named truenorth in this build"), tn);
    assertTrue(tn.contains("registered: reference, chiplike, gpu, buggy"), tn);
    TargetRow buggy = c.row("buggy").orElseThrow();
    assertTrue(buggy.reason().contains("index out of range in the mapper"), buggy.reason());
    assertTrue(buggy.error() instanceof IllegalStateException);
    for (String t : List.of("gpu", "buggy", "truenorth")) {
      TargetRow r = c.row(t).orElseThrow();
      assertNull(r.result());
      assertEquals(-1, r.totalSpikes());
      assertTrue(Double.isNaN(r.figures().energyJ()));
    }
  }

  @Test
  void aTypoGetsASuggestion() {
    Comparison t = new Comparer(CompareFixtures.all()).classifier(Optional.empty()).run(net, List.of("refrence"), "reference");
    assertEquals(List.of("reference", "refrence"), t.rows().stream().map(TargetRow::target).toList(), "baseline runs first");
    assertTrue(t.row("refrence").orElseThrow().reason().contains("did you mean 'reference'?"));
  }

  @Test
  void everyPopulationGetsAFullSpikeProbe() {
    assertEquals(List.of("src", "exc"), c.probes().added(), "exc[0..9] does not cover all 40 neurons");
    SimResult ref = c.row("reference").orElseThrow().result();
    long[] counts = c.probes().counts(ref, "exc", 40);
    assertEquals(ref.population("exc").spikes(), java.util.Arrays.stream(counts).sum());
    // the network's own probe is still there
    assertTrue(ref.spikes().stream().anyMatch(s -> s.probe().equals("exc_spikes")));
  }

  @Test
  void agreementAgainstTheBaseline() {
    TargetRow ref = c.row("reference").orElseThrow(), chip = c.row("chiplike").orElseThrow();
    TargetRow.PopulationFigures refExc = ref.populations().get(1), chipExc = chip.populations().get(1);
    assertEquals("exc", refExc.name());
    assertTrue(Double.isNaN(refExc.correlation()), "no agreement of the baseline with itself");
    // src is untouched: identical counts
    assertEquals(1.0, chip.populations().get(0).correlation());
    assertEquals(0.0, chip.populations().get(0).rateDifferenceHz());
    // exc lost the spikes of odd neurons: the rate drops by exactly those spikes
    long lost = refExc.spikes() - chipExc.spikes();
    assertTrue(lost > 0, "odd neurons fired in the reference");
    assertEquals(-lost / (40 * 0.2), chipExc.rateDifferenceHz(), 1e-9);
    // and the correlation is that of the counts with the odd ones zeroed, computed independently here
    long[] a = c.probes().counts(ref.result(), "exc", 40), b = a.clone();
    for (int i = 1; i < b.length; i += 2) b[i] = 0;
    assertEquals(Agreement.correlation(a, b), chipExc.correlation(), 1e-12);
    assertTrue(chipExc.correlation() < 0.99 && chipExc.correlation() > 0, "r = " + chipExc.correlation());
    assertEquals(chipExc.correlation(), chip.minCorrelation());
    assertEquals(lost / (40 * 0.2), chip.maxAbsRateDifferenceHz(), 1e-9);
  }

  @Test
  void figuresComeFromTheMetricsAndNothingIsInvented() {
    TargetRow.Figures chip = c.row("chiplike").orElseThrow().figures();
    assertEquals(3, chip.coresUsed());
    assertEquals(1, chip.chipsUsed());
    assertEquals(3e-6, chip.energyJ());
    assertEquals("model", chip.energySource());
    assertEquals(3e-6, chip.energyPerInferenceJ(), "one inference per run without a classifier");
    assertEquals(2e-3, chip.latencyS());
    assertEquals(1e-6, chip.latencyPerStepS());
    assertEquals(3e-6 * 2e-3, chip.edpJs(), 1e-20);
    assertEquals(0.25, chip.wallS());
    assertEquals(java.util.Map.of("neuron_update", 1e-6, "synaptic_op", 2e-6), chip.energyBreakdownJ());

    TargetRow.Figures ref = c.row("reference").orElseThrow().figures();
    assertTrue(Double.isNaN(ref.coresUsed()));
    assertTrue(Double.isNaN(ref.energyJ()));
    assertNull(ref.energySource());
    assertTrue(Double.isNaN(ref.latencyS()));
    assertTrue(Double.isNaN(ref.latencyPerStepS()));
    assertTrue(Double.isNaN(ref.edpJs()));
    assertTrue(ref.wallS() > 0);
  }

  @Test
  void latencyPerStepFallsBackToLatencyOverSteps() {
    SimResult r = new SimResult("x", 500, 1e-4, 1, List.of(), 0, List.of(), List.of(), List.of(),
        java.util.Map.of("latency_s", 1e-3));
    assertEquals(2e-6, TargetRow.Figures.of(r, 1, Double.NaN).latencyPerStepS(), 1e-18);
  }

  @Test
  void theBaselineRunsEvenWhenNotListedAndAgreementNeedsIt() {
    Comparison only = new Comparer(CompareFixtures.all()).classifier(Optional.empty()).run(net, List.of("chiplike"), "reference");
    assertEquals(List.of("reference", "chiplike"), only.rows().stream().map(TargetRow::target).toList());
    Comparison noBase = new Comparer(CompareFixtures.all()).classifier(Optional.empty()).run(net, List.of("chiplike"), "gpu");
    assertFalse(noBase.baselineRow().isPresent());
    TargetRow chip = noBase.row("chiplike").orElseThrow();
    assertTrue(Double.isNaN(chip.minCorrelation()), "no baseline, no agreement");
    assertEquals(chip.result().population("exc").spikes(), chip.populations().get(1).spikes());
  }

  @Test
  void aClassifierGivesAccuracyAndEnergyPerInference() {
    Classifier tenSamples = new Classifier() {
      public String name() {
        return "test";
      }

      public boolean appliesTo(Network n) {
        return true;
      }

      public int inferences(Network n) {
        return 10;
      }

      public double accuracy(Network n, SimResult r) {
        return r.target().equals("chiplike") ? 0.5 : 0.9;
      }
    };
    Comparison k = new Comparer(CompareFixtures.all()).classifier(Optional.of(tenSamples)).run(net, List.of("chiplike"), "reference");
    assertEquals(Optional.of("test"), k.classifier());
    TargetRow.Figures chip = k.row("chiplike").orElseThrow().figures();
    assertEquals(3e-7, chip.energyPerInferenceJ(), 1e-20);
    assertEquals(0.5, chip.accuracy());
    assertEquals(0.9, k.row("reference").orElseThrow().figures().accuracy());
  }

  @Test
  void aResultThatContradictsTheNetworkIsABugOfThatTarget() {
    nmc.sim.Target liar = new nmc.sim.Target() {
      public String name() {
        return "liar";
      }

      public String description() {
        return "";
      }

      public SimResult run(Network n, nmc.sim.TargetOptions options, Progress p) {
        options.rejectUnknown(name(), List.of());
        SimResult r = new nmc.targets.reference.ReferenceTarget().run(n, p);
        List<SimResult.SpikeData> s = new java.util.ArrayList<>(r.spikes());
        s.replaceAll(d -> d.probe().equals("compare_exc") ? new SimResult.SpikeData(d.probe(), d.population(), new int[] {40}, new double[] {1e-3}) : d);
        return new SimResult("liar", r.steps(), r.dt(), 0, r.populations(), 0, s, r.traces(), r.rates(), r.metrics());
      }
    };
    Comparison k = new Comparer(List.of(new nmc.targets.reference.ReferenceTarget(), liar)).classifier(Optional.empty())
        .run(net, List.of("liar"), "reference");
    TargetRow row = k.row("liar").orElseThrow();
    assertEquals(TargetRow.Status.FAILED, row.status());
    assertTrue(row.reason().contains("target liar reported a spike of neuron 40 in population exc of size 40"), row.reason());
    assertTrue(k.row("reference").orElseThrow().available());
  }

  @Test
  void theListenerHearsOfEveryTargetInOrder() {
    List<String> heard = new java.util.ArrayList<>();
    new Comparer(CompareFixtures.all()).classifier(Optional.empty()).listener(new Comparer.Listener() {
      @Override
      public void finished(TargetRow row) {
        heard.add(row.target() + ":" + row.status().label());
      }
    }).run(net, List.of("reference", "gpu", "chiplike"), "reference");
    assertEquals(List.of("reference:ok", "gpu:unavailable", "chiplike:ok"), heard);
  }

  @Test
  void jsonRowsCarryTheAgreedFields() {
    var json = c.toJson();
    var rows = ((nmc.ir.json.Json.Arr) json.get("rows")).items();
    assertEquals(5, rows.size());
    for (var r : rows) {
      var o = (nmc.ir.json.Json.Obj) r;
      for (String k : List.of("target", "available", "reason", "cores_used", "spikes", "energy_j", "latency_s", "wall_s")) {
        assertNotNull(o.get(k), "row field " + k);
      }
    }
    var chip = (nmc.ir.json.Json.Obj) rows.get(1);
    assertEquals("chiplike", ((nmc.ir.json.Json.Str) chip.get("target")).value());
    assertEquals(3.0, ((nmc.ir.json.Json.Num) chip.get("cores_used")).toDouble());
    assertEquals("model", ((nmc.ir.json.Json.Str) chip.get("energy_source")).value());
    var gpu = (nmc.ir.json.Json.Obj) rows.get(2);
    assertEquals(false, ((nmc.ir.json.Json.Bool) gpu.get("available")).value());
    assertTrue(gpu.get("energy_j") instanceof nmc.ir.json.Json.Null);
    assertTrue(((nmc.ir.json.Json.Str) gpu.get("reason")).value().contains("CUDA"));
  }
}
