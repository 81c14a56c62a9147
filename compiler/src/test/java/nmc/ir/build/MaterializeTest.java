package nmc.ir.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.diag.UserError;
import nmc.ir.Decls.Binding;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.StateVar;
import nmc.ir.Dimension;
import nmc.ir.ExprText;
import nmc.ir.IntegrationMethod;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import org.junit.jupiter.api.Test;

class MaterializeTest {
  static final NeuronModel MODEL = new NeuronModel("M",
      List.of(new Param("E", Dimension.VOLTAGE, "mV", ExprText.parse("-0.065")),
          new Param("g", Dimension.NONE, "1", ExprText.parse("2.0")),
          new Param("h", Dimension.NONE, "1", ExprText.parse("g * 3.0"))),
      List.of(new StateVar("v", Dimension.VOLTAGE, "mV", ExprText.parse("E")),
          new StateVar("w", Dimension.VOLTAGE, "mV", ExprText.parse("v * g + dt"))),
      List.of(), List.of(), null, false, List.of(), null, IntegrationMethod.EULER, Span.NONE);

  static Population pop(int n, List<Binding> params, List<Binding> init) {
    return new Population("p", n, new Population.Neurons("M", params, init), Span.NONE);
  }

  @Test
  void defaultsAndComputedValuesPerNeuron() {
    Population p = pop(4, List.of(new Binding("E", new ValueSpec.Values(Vec.of(1, 2, 3, 4)))), List.of());
    var v = Materialize.neurons(p, MODEL, 1, 0.5);
    assertArrayEquals(new double[] {1, 2, 3, 4}, v.parameters().get("E"));
    assertArrayEquals(new double[] {6, 6, 6, 6}, v.parameters().get("h"));
    assertArrayEquals(new double[] {1, 2, 3, 4}, v.state().get("v"));
    assertArrayEquals(new double[] {2.5, 4.5, 6.5, 8.5}, v.state().get("w"));
  }

  @Test
  void randomBindingsUseTheInitStreamWithTheNeuronIndex() {
    Population p = pop(1000, List.of(new Binding("g", new ValueSpec.Normal(5, 2))),
        List.of(new Binding("v", new ValueSpec.Uniform(-0.06, -0.05))));
    var v = Materialize.neurons(p, MODEL, 77, 1e-4);
    double[] g = v.parameters().get("g"), volt = v.state().get("v");
    for (int i = 0; i < 1000; i++) {
      assertEquals(5 + 2 * Rng.normal(77, Rng.stream("init/p/g"), i), g[i]);
      assertEquals(-0.06 + (-0.05 - -0.06) * Rng.uniform(77, Rng.stream("init/p/v"), i), volt[i]);
      assertTrue(volt[i] >= -0.06 && volt[i] < -0.05);
    }
    double mean = java.util.Arrays.stream(g).average().orElseThrow();
    assertEquals(5, mean, 5 * 2 / Math.sqrt(1000));
    // the computed w follows each neuron's own v and g
    assertEquals(volt[17] * g[17] + 1e-4, v.state().get("w")[17], 1e-15);
  }

  @Test
  void mistakesAreUserErrors() {
    assertThrows(UserError.class, () -> Materialize.neurons(pop(2, List.of(new Binding("nope", ValueSpec.of(1))), List.of()), MODEL, 1, 1e-4));
    assertThrows(UserError.class, () -> Materialize.neurons(pop(3, List.of(new Binding("E", new ValueSpec.Values(Vec.of(1, 2)))), List.of()), MODEL, 1, 1e-4));
    assertThrows(UserError.class, () -> Materialize.neurons(pop(2, List.of(),
        List.of(new Binding("v", new ValueSpec.Computed(ExprText.parse("w"))))), MODEL, 1, 1e-4));
  }

  @Test
  void poissonRates() {
    Population p = new Population("src", 3, new Population.Poisson(new ValueSpec.Values(Vec.of(1, 2, 3)), 0, 1), Span.NONE);
    assertArrayEquals(new double[] {1, 2, 3}, Materialize.rates(p, 1));
    Population bad = new Population("src", 1, new Population.Poisson(ValueSpec.of(-1), 0, 1), Span.NONE);
    assertThrows(UserError.class, () -> Materialize.rates(bad, 1));
  }
}
