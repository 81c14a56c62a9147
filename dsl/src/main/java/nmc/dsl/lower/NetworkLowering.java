package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.ir.CurrentInput;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.SynapseModel;
import nmc.ir.Units;

/**
 * Checks a whole program (the standard library, imported files, the main file) and lowers it to a {@link Network}.
 * Every step keeps going after an error so one run reports as much as it can; returns null when anything failed.
 */
public final class NetworkLowering {
  private NetworkLowering() {}

  /** A checked program: its network (possibly without populations) and its ANN models, in file order. */
  public record Lowered(Network network, List<nmc.ann.AnnModel> anns) {}

  public static Network lower(String name, List<Ast.Program> stdlib, List<Ast.Program> user, Diags diags) {
    Lowered l = lowerAll(name, stdlib, user, diags);
    return l == null ? null : l.network();
  }

  /** As {@link #lower}, with the ANN models; null when anything failed. */
  public static Lowered lowerAll(String name, List<Ast.Program> stdlib, List<Ast.Program> user, Diags diags) {
    Definitions defs = new Definitions(stdlib, user, diags);
    Ctx ctx = new Ctx(diags, defs);
    // the user's own neuron models are checked even when no population uses them
    for (String m : defs.userModels) if (!defs.models.get(m).synapse()) ctx.neuron(m);

    Populations pops = new Populations(ctx);
    defs.populations.values().forEach(pops::lower);
    Projections projs = new Projections(ctx);
    defs.projections.values().forEach(projs::lower);
    Currents cur = new Currents(ctx);
    List<CurrentInput> currents = new ArrayList<>();
    for (Ast.CurrentDecl c : defs.currents.values()) {
      CurrentInput ci = cur.lower(c);
      if (ci != null) currents.add(ci);
    }
    Probes probeLowering = new Probes(ctx);
    List<Probe> probes = new ArrayList<>();
    for (Ast.ProbeDecl p : defs.probes) {
      Probe pr = probeLowering.lower(p);
      if (pr != null) probes.add(pr);
    }
    RunSettings run = RunBlock.lower(defs.run, ctx);
    AnnLowering annLowering = new AnnLowering(ctx);
    List<nmc.ann.AnnModel> anns = new ArrayList<>();
    defs.anns.forEach((n, d) -> {
      nmc.ann.AnnModel m = annLowering.lower(d, defs.annDirs.get(n));
      if (m != null) anns.add(m);
    });
    if (diags.any() || run == null) return null;

    Map<String, NeuronModel> neurons = new LinkedHashMap<>();
    for (Population p : ctx.populations.values()) {
      if (p.kind() instanceof Population.Neurons n) neurons.putIfAbsent(n.model(), ctx.neuron(n.model()).model());
    }
    Map<String, String> synNames = synapseNames(projs.used);
    List<SynapseModel> synapses = new ArrayList<>();
    projs.used.forEach((key, m) -> synapses.add(renamed(m, synNames.get(key))));
    List<Projection> projections = projs.projections.stream().map(p -> new Projection(p.name(), p.pre(), p.post(), p.port(),
        synNames.get(p.synapse()), p.synapseParameters(), p.connectivity(), p.weight(), p.delay(), p.sign(), p.span())).toList();
    return new Lowered(new Network(name, List.copyOf(neurons.values()), synapses, List.copyOf(ctx.populations.values()), projections,
        currents, probes, run), List.copyOf(anns));
  }

  /**
   * IR names of the synapse models used. A model whose dimensions follow its target ({@code weight : target}) and
   * that targets variables of different dimensions becomes one IR model per dimension: {@code Delta_V}, {@code Delta_A}.
   */
  private static Map<String, String> synapseNames(Map<String, SynapseModel> used) {
    Map<String, Integer> count = new LinkedHashMap<>();
    used.values().forEach(m -> count.merge(m.name(), 1, Integer::sum));
    Map<String, String> out = new LinkedHashMap<>();
    used.forEach((key, m) -> out.put(key, count.get(m.name()) == 1 ? m.name()
        : m.name() + "_" + unitWord(m.currentDim())));
    return out;
  }

  /** "pA", "mV_ms": a name-safe unit of a dimension. */
  private static String unitWord(nmc.ir.Dimension d) {
    String u = nmc.dsl.check.DimNames.exampleUnit(d);
    if (u == null || u.isEmpty()) u = d.isNone() ? "1" : Units.describe(d);
    return u.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  private static SynapseModel renamed(SynapseModel m, String name) {
    return name.equals(m.name()) ? m : new SynapseModel(name, m.parameters(), m.weightDim(), m.weightUnit(), m.postState(),
        m.preState(), m.odes(), m.onPre(), m.current(), m.currentDim(), m.method(), m.span());
  }
}
