package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.ir.Span;

/**
 * Every top-level definition of a program by name. Models (neuron and synapse) share one name space, in which a
 * user's model shadows the standard library's; populations, projections and currents share another.
 */
final class Definitions {
  final Map<String, Ast.Model> models = new LinkedHashMap<>();
  final Set<String> userModels = new HashSet<>();
  final Map<String, Ast.PopulationDecl> populations = new LinkedHashMap<>();
  final Map<String, Ast.ProjectionDecl> projections = new LinkedHashMap<>();
  final Map<String, Ast.CurrentDecl> currents = new LinkedHashMap<>();
  final List<Ast.ProbeDecl> probes = new ArrayList<>();
  /** ANN models by name (their own name space). */
  final Map<String, Ast.AnnDecl> anns = new LinkedHashMap<>();
  /** The folder of the file each ANN model is written in (dataset paths are relative to it). */
  final Map<String, java.nio.file.Path> annDirs = new LinkedHashMap<>();
  Ast.RunDecl run;
  private final Map<String, Span> objects = new LinkedHashMap<>();

  Definitions(List<Ast.Program> stdlib, List<Ast.Program> user, Diags diags) {
    for (Ast.Program p : stdlib) {
      for (Ast.Decl d : p.decls()) if (d instanceof Ast.Model m) models.put(m.name(), m);
    }
    for (Ast.Program p : user) {
      for (Ast.Decl d : p.decls()) {
        switch (d) {
          case Ast.Import i -> {}
          case Ast.Model m -> {
            if (userModels.add(m.name())) models.put(m.name(), m);
            else duplicate(m.nameSpan(), (m.synapse() ? "synapse " : "neuron ") + m.name(), models.get(m.name()).nameSpan(), diags);
          }
          case Ast.PopulationDecl x -> { if (object(x.name(), x.nameSpan(), "population", diags)) populations.put(x.name(), x); }
          case Ast.ProjectionDecl x -> { if (object(x.name(), x.nameSpan(), "projection", diags)) projections.put(x.name(), x); }
          case Ast.CurrentDecl x -> { if (object(x.name(), x.nameSpan(), "current", diags)) currents.put(x.name(), x); }
          case Ast.ProbeDecl x -> probes.add(x);
          case Ast.AnnDecl x -> {
            Ast.AnnDecl first = anns.putIfAbsent(x.name(), x);
            if (first != null) duplicate(x.nameSpan(), "ann " + x.name(), first.nameSpan(), diags);
            else annDirs.put(x.name(), p.source().dir() == null ? java.nio.file.Path.of("") : p.source().dir());
          }
          case Ast.RunDecl r -> {
            if (run == null) run = r;
            else duplicate(r.span(), "run block", run.span(), diags);
          }
        }
      }
    }
  }

  private boolean object(String name, Span span, String kind, Diags diags) {
    Span first = objects.putIfAbsent(name, span);
    if (first == null) return true;
    duplicate(span, name, first, diags);
    return false;
  }

  private static void duplicate(Span second, String what, Span first, Diags diags) {
    diags.error(second, "duplicate definition of " + what, "the first definition is at " + first);
  }

  List<String> neuronModelNames() {
    return models.values().stream().filter(m -> !m.synapse()).map(Ast.Model::name).toList();
  }

  List<String> synapseModelNames() {
    return models.values().stream().filter(Ast.Model::synapse).map(Ast.Model::name).toList();
  }
}
