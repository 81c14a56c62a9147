package nmc.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nmc.dsl.ast.Ast;
import nmc.dsl.ast.AstBuilder;
import nmc.dsl.parse.Parsing;
import nmc.dsl.parser.SnnParser;

/**
 * Reads a main file and, depth first, the files it imports (each once). Missing files and cycles are reported at
 * the import statement. Returns the programs imports-first, so definitions are seen in a stable order.
 */
final class Loader {
  private final Diags diags;
  private final List<Ast.Program> order = new ArrayList<>();
  private final Set<Path> done = new HashSet<>();

  private Loader(Diags diags) {
    this.diags = diags;
  }

  static List<Ast.Program> load(SourceFile main, Path mainPath, Diags diags) {
    Loader l = new Loader(diags);
    List<Path> stack = new ArrayList<>();
    List<String> names = new ArrayList<>();
    l.visit(main, mainPath, stack, names);
    return l.order;
  }

  /** Parses one file into an AST, or null after reporting its syntax errors. */
  static Ast.Program parse(SourceFile src, Diags diags) {
    diags.addFile(src);
    SnnParser.ProgramContext tree = Parsing.parse(src, diags);
    return tree == null ? null : AstBuilder.build(src, tree);
  }

  private void visit(SourceFile src, Path path, List<Path> stack, List<String> names) {
    Path key = path.toAbsolutePath().normalize();
    stack.add(key);
    names.add(src.displayName());
    done.add(key);
    Ast.Program prog = parse(src, diags);
    if (prog != null) {
      for (Ast.Decl d : prog.decls()) {
        if (d instanceof Ast.Import imp) follow(imp, src, stack, names);
      }
      order.add(prog);
    }
    stack.removeLast();
    names.removeLast();
  }

  private void follow(Ast.Import imp, SourceFile from, List<Path> stack, List<String> names) {
    Path dir = from.dir() == null ? Path.of("") : from.dir();
    Path target;
    try {
      target = dir.resolve(imp.path()).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      diags.error(imp.pathSpan(), "\"" + imp.path() + "\" is not a valid file name");
      return;
    }
    Path key = target.toAbsolutePath().normalize();
    String display = displayName(from.displayName(), imp.path());
    int at = stack.indexOf(key);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(names.subList(at, names.size()));
      cycle.add(names.get(at));
      diags.error(imp.pathSpan(), "cyclic import: " + String.join(" -> ", cycle.stream().map(Loader::baseName).toList()),
          "files cannot import each other in a circle; move the shared definitions to a third file");
      return;
    }
    if (done.contains(key)) return;
    if (!Files.isRegularFile(target)) {
      diags.error(imp.pathSpan(), "imported file \"" + imp.path() + "\" not found",
          "an import is looked up in the folder of the file that imports it");
      return;
    }
    String text;
    try {
      text = Files.readString(target, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      diags.error(imp.pathSpan(), "cannot read imported file \"" + imp.path() + "\": " + e.getMessage());
      return;
    }
    Path parent = target.getParent();
    visit(SourceFile.of(display, parent == null ? Path.of("") : parent, text), target, stack, names);
  }

  /** The name diagnostics use for an imported file: beside its importer's name. */
  private static String displayName(String importer, String imported) {
    int slash = importer.lastIndexOf('/');
    String joined = slash < 0 ? imported : importer.substring(0, slash + 1) + imported;
    return Path.of(joined).normalize().toString();
  }

  private static String baseName(String display) {
    int slash = display.lastIndexOf('/');
    return slash < 0 ? display : display.substring(slash + 1);
  }

  /** The standard library's programs, parsed once per JVM. */
  static List<Ast.Program> stdlib() {
    return Stdlib.PROGRAMS;
  }

  private static final class Stdlib {
    static final List<String> FILES = List.of("neurons.snn", "hh.snn", "synapses.snn", "loihi.snn");
    static final List<Ast.Program> PROGRAMS = load();

    private static List<Ast.Program> load() {
      List<Ast.Program> out = new ArrayList<>();
      for (String f : FILES) {
        String text;
        try (InputStream in = Loader.class.getResourceAsStream("/nmc/stdlib/" + f)) {
          if (in == null) throw new IllegalStateException("standard library file missing: " + f);
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Diags d = new Diags();
        Ast.Program p = parse(SourceFile.of("stdlib/" + f, null, text), d);
        if (p == null || d.any()) throw new IllegalStateException("standard library file " + f + " does not parse: " + d.count());
        out.add(p);
      }
      return List.copyOf(out);
    }
  }
}
