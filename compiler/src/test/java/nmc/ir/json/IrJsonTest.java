package nmc.ir.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Decls.Binding;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.StateVar;
import nmc.ir.Dimension;
import nmc.ir.ExprText;
import nmc.ir.Ints;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import org.junit.jupiter.api.Test;

class IrJsonTest {

  static Network lif() {
    NeuronModel m = new NeuronModel("LIF",
        List.of(new Param("tau", Dimension.TIME, "ms", ExprText.parse("0.02")),
            new Param("Vr", Dimension.VOLTAGE, "mV", ExprText.parse("-0.06"))),
        List.of(new StateVar("v", Dimension.VOLTAGE, "mV", ExprText.parse("Vr"))),
        List.of(),
        List.of(new Ode("v", ExprText.parse("(Vr - v) / tau"), true)),
        ExprText.parse("v > -0.05"), false, List.of(), ExprText.parse("0.005"), IntegrationMethod.EXPONENTIAL_EULER,
        new Span("net.snn", 3, 1));
    Population exc = new Population("exc", 3200, new Population.Neurons("LIF",
        List.of(new Binding("tau", new ValueSpec.Const(0.02)), new Binding("Vr", new ValueSpec.Computed(ExprText.parse("-0.06")))),
        List.of(new Binding("v", new ValueSpec.Uniform(-0.06, -0.05)))), new Span("net.snn", 20, 1));
    Population src = new Population("src", 3, new Population.SpikeTimes(List.of(Vec.of(0.001, 0.002), Vec.of(), Vec.of(1e-4))), Span.NONE);
    Projection p = new Projection("ee", "exc", "exc", "v", "delta", List.of(), new Connectivity.FixedProbability(0.02, false),
        new ValueSpec.Const(1.62e-3), new ValueSpec.Const(0), Projection.Sign.EXCITATORY, new Span("net.snn", 22, 1));
    Probe probe = new Probe("spikes_exc", Probe.Kind.SPIKES, "exc", null, Ints.of(0, 1, 2), 0, Span.NONE);
    return new Network("cuba", List.of(m), List.of(), List.of(exc, src), List.of(p), List.of(), List.of(probe),
        new RunSettings(1.0, 1e-4, 2007));
  }

  @Test
  void printsReadableStableJson() {
    String text = IrJson.print(lif());
    assertTrue(text.startsWith("{\n  \"name\": \"cuba\",\n  \"neuronModels\": [\n"), text);
    assertTrue(text.contains("\"connectivity\": {\n        \"kind\": \"fixed_probability\",\n        \"p\": 0.02,\n        \"autapses\": false\n      }"), text);
    assertTrue(text.contains("\"dim\": \"m^2*kg*s^-3*A^-1\""), "dimensions in SI base form");
    assertTrue(text.contains("\"rhs\": \"(Vr - v) / tau\""), "expressions as text");
    assertTrue(text.contains("\"method\": \"exponential_euler\""), "enums lower case");
    assertTrue(text.contains("\"size\": 3200,"), "integral numbers without .0");
    assertTrue(text.contains("\"indices\": [0, 1, 2]"), "arrays of numbers on one line");
    assertTrue(text.contains("[0.001, 0.002]") && text.contains("[]") && text.contains("[1E-4]"), text);
    assertTrue(text.contains("\"span\": \"net.snn:3:1\""), "spans as file:line:col");
    assertTrue(text.contains("\"variable\": null"), "nulls kept");
    assertTrue(text.contains("\"kind\": \"spike_times\""), text);
    assertTrue(text.contains("\"run\": {\n    \"duration\": 1,\n    \"dt\": 1E-4,\n    \"seed\": 2007\n  }"), text);
    assertTrue(text.endsWith("}\n"));
    assertEquals(lif(), IrJson.parse(text));
  }

  @Test
  void fieldsFollowRecordComponentOrder() {
    String text = IrJson.print(lif());
    int name = text.indexOf("\"name\": \"exc\""), size = text.indexOf("\"size\": 3200"), kind = text.indexOf("\"kind\": \"neurons\"");
    assertTrue(name < size && size < kind, "Population(name, size, kind, span)");
  }

  @Test
  void numbersAreShortestAndExact() {
    assertEquals("3200", Json.number(3200.0));
    assertEquals("0.1", Json.number(0.1));
    assertEquals("1E-4", Json.number(1e-4));
    assertEquals("1.5E300", Json.number(1.5e300));
    assertEquals("-0", Json.number(-0.0));
    assertEquals("0.30000000000000004", Json.number(0.1 + 0.2));
    assertEquals("1E16", Json.number(1e16));
    for (double d : new double[] {3200.0, 1e-4, -0.0, 0.1 + 0.2, Double.MIN_VALUE, Double.MAX_VALUE, 123456789.125}) {
      assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(Double.parseDouble(Json.number(d))), "" + d);
    }
  }

  @Test
  void specialDoublesAreStrings() {
    Network n = lif();
    Population p = new Population("q", 1, new Population.Poisson(new ValueSpec.Values(Vec.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), 0, Double.POSITIVE_INFINITY), Span.NONE);
    Network m = new Network(n.name(), n.neuronModels(), n.synapseModels(), List.of(p), List.of(), List.of(), List.of(), n.run());
    String text = IrJson.print(m);
    assertTrue(text.contains("[\"nan\", \"inf\", \"-inf\"]"), text);
    assertTrue(text.contains("\"stop\": \"inf\""), text);
    assertEquals(m, IrJson.parse(text));
  }

  @Test
  void seedsKeepAll64Bits() {
    Network n = lif().withRun(new RunSettings(1, 1e-4, Long.MIN_VALUE + 1));
    assertTrue(IrJson.print(n).contains("\"seed\": -9223372036854775807"));
    assertEquals(n, IrJson.parse(IrJson.print(n)));
  }

  private static Diagnostic failure(String text) {
    UserError e = assertThrows(UserError.class, () -> IrJson.parse("x.ir.json", text));
    assertEquals(1, e.diagnostics().size());
    return e.diagnostics().get(0);
  }

  @Test
  void malformedTextSaysWhere() {
    Diagnostic d = failure("{\n  \"name\": \"cuba\",\n  \"neuronModels\": [\n}\n");
    assertEquals(new Span("x.ir.json", 4, 1), d.span());
    assertTrue(d.message().contains("expected a value"), d.message());
    assertEquals("}", d.sourceLine());
    assertTrue(d.render().contains("x.ir.json:4:1: error: invalid IR JSON"), d.render());
  }

  @Test
  void truncatedAndEmptyText() {
    assertTrue(failure("{\"name\": \"cuba\"").message().contains("expected ',' or '}'"));
    assertTrue(failure("").message().contains("empty"));
    assertTrue(failure("{\"name\": 'x'}").message().contains("double quotes"));
    assertTrue(failure("{\"a\": 1,}").message().contains("trailing comma"));
    assertTrue(failure("{\"a\": 01}").message().contains("leading zeros"));
    assertTrue(failure("{\"a\": 1} x").message().contains("after the end"));
    assertTrue(failure("{\"a\": 1, \"a\": 2}").message().contains("duplicate field \"a\""));
  }

  @Test
  void wrongShapesNameThePath() {
    String good = IrJson.print(lif());
    Diagnostic d = failure(good.replace("\"size\": 3200", "\"size\": \"many\""));
    assertTrue(d.message().contains("$.populations[0].size: expected an integer, found the string \"many\""), d.message());
    String bad = good.replace("\"size\": 3200", "\"size\": \"many\"");
    String[] before = bad.substring(0, bad.indexOf("\"many\"")).split("\n", -1);
    assertEquals(new Span("x.ir.json", before.length, before[before.length - 1].length() + 1), d.span(), "points at the value");
    assertTrue(d.sourceLine().endsWith("\"size\": \"many\","), d.sourceLine());

    d = failure(good.replace("\"kind\": \"fixed_probability\"", "\"kind\": \"fixed_prob\""));
    assertTrue(d.message().contains("unknown kind \"fixed_prob\"; expected one of all_to_all, one_to_one, fixed_probability, fixed_fan_in, explicit, conv2d"), d.message());

    d = failure(good.replace("\"p\": 0.02,", "\"p\": 0.02, \"q\": 1,"));
    assertTrue(d.message().contains("unknown field \"q\" in fixed_probability (its fields: p, autapses)"), d.message());

    d = failure(good.replace("\"method\": \"exponential_euler\"", "\"method\": \"rk45\""));
    assertTrue(d.message().contains("expected one of euler, rk4, exponential_euler"), d.message());

    d = failure(good.replace("\"rhs\": \"(Vr - v) / tau\"", "\"rhs\": \"(Vr - v\""));
    assertTrue(d.message().contains("$.neuronModels[0].odes[0].rhs: bad expression"), d.message());

    d = failure(good.replace("\"size\": 3200", "\"size\": -1"));
    assertTrue(d.message().contains("$.populations[0]: not a valid population: negative population size -1"), d.message());

    d = failure(good.replace("\"size\": 3200", "\"size\": 1e3"));
    assertTrue(d.message().contains("expected an integer, found the number 1e3"), d.message());

    d = failure(good.replace("    \"seed\": 2007\n", "").replace("\"dt\": 1E-4,", "\"dt\": 1E-4"));
    assertTrue(d.message().contains("$.run: missing field \"seed\" in run_settings"), d.message());
  }

  @Test
  void spansMayBeLeftOutByHand() {
    String text = IrJson.print(lif()).replace(",\n      \"span\": \"net.snn:22:1\"", "");
    Network n = IrJson.parse(text);
    assertEquals(Span.NONE, n.projections().get(0).span());
  }

  @Test
  void kindNamesAreLowerSnakeCase() {
    assertEquals("fixed_probability", IrJson.snake("FixedProbability"));
    assertEquals("all_to_all", IrJson.snake("AllToAll"));
    assertEquals("conv2d", IrJson.snake("Conv2d"));
    assertEquals("fixed_fan_in", IrJson.snake("FixedFanIn"));
    assertEquals("spike_times", IrJson.snake("SpikeTimes"));
    assertEquals("lif_state", IrJson.snake("LIFState"));
  }

  /** A record the IR does not have (yet): the mapping needs no code for it. */
  record Future(String name, double[] samples, int[] ids, List<Long> counts, java.util.Map<String, Dimension> dims, Probe.Kind kind) {}

  @Test
  void aNewRecordNeedsNoJsonCode() {
    Future f = new Future("x", new double[] {1.5, Double.NaN}, new int[] {3, 4}, List.of(1L, Long.MAX_VALUE),
        new java.util.LinkedHashMap<>(java.util.Map.of("v", Dimension.VOLTAGE)), Probe.Kind.RATE);
    Json j = IrJson.toJson(f);
    assertEquals("{\"name\": \"x\", \"samples\": [1.5, \"nan\"], \"ids\": [3, 4], \"counts\": [1, 9223372036854775807], "
        + "\"dims\": {\"v\": \"m^2*kg*s^-3*A^-1\"}, \"kind\": \"rate\"}", Json.printCompact(j));
    Future back = IrJson.decode(Json.parse(Json.printCompact(j)), Future.class);
    assertEquals("x", back.name());
    org.junit.jupiter.api.Assertions.assertArrayEquals(f.samples(), back.samples());
    org.junit.jupiter.api.Assertions.assertArrayEquals(f.ids(), back.ids());
    assertEquals(f.counts(), back.counts());
    assertEquals(f.dims(), back.dims());
    assertEquals(Probe.Kind.RATE, back.kind());
  }
}
