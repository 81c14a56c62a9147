package nmc.dsl.lower;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Typer;
import nmc.ir.Population;

/** What the lowering steps share: diagnostics, the definitions, and the models and populations checked so far. */
final class Ctx {
  final Diags diags;
  final Typer typer;
  final Values values;
  final Definitions defs;
  private final Map<String, NeuronInfo> neurons = new HashMap<>();
  /** Populations lowered without error, by name, in order. */
  final Map<String, Population> populations = new LinkedHashMap<>();
  /** Names of populations that exist but had errors (references to them stay quiet). */
  final java.util.Set<String> brokenPopulations = new java.util.HashSet<>();

  Ctx(Diags diags, Definitions defs) {
    this.diags = diags;
    this.typer = new Typer(diags);
    this.values = new Values(diags, typer);
    this.defs = defs;
  }

  /** The checked neuron model {@code name} (which must be a neuron model of the definitions). */
  NeuronInfo neuron(String name) {
    NeuronInfo n = neurons.get(name);
    if (n == null) {
      Ast.Model m = defs.models.get(name);
      n = NeuronLowering.lower(m, diags, typer);
      neurons.put(name, n);
    }
    return n;
  }
}
