package nmc.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nmc.diag.UserError;
import nmc.dsl.ast.Ast;
import nmc.dsl.lower.NetworkLowering;
import nmc.ir.Network;

/**
 * The network language front end: source files in, one checked {@link Network} out.
 *
 * <p>Stages: parse (with the standard library, parsed once) and follow imports; collect definitions; check and
 * lower models, populations, projections, currents, probes and the run block. Every stage keeps going after an
 * error; all diagnostics (up to {@link Diags#LIMIT}) come back together in one {@link UserError}.
 */
public final class Frontend {
  private Frontend() {}

  /** Parses, resolves imports, checks and lowers {@code file}; throws {@link UserError} with every diagnostic. */
  public static Network load(Path file) {
    return loadProgram(file).network();
  }

  /** As {@link #load}, with the file's ANN models ({@code ann} blocks, docs/ann.md). */
  public static NetworkLowering.Lowered loadProgram(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.of("cannot read " + file + (e.getMessage() != null && !e.getMessage().equals(file.toString())
          ? ": " + e.getMessage() : ""), Files.exists(file) ? "" : "no such file");
    }
    Path parent = file.toAbsolutePath().getParent();
    return compile(SourceFile.of(file.toString(), parent, text), file);
  }

  /** As {@link #load}, for source text not in a file ({@code name} is used in diagnostics; imports resolve against the working directory). */
  public static Network parse(String name, String text) {
    return compile(SourceFile.of(name, Path.of(""), text), Path.of(name)).network();
  }

  /** As {@link #parse}, with the ANN models. */
  public static NetworkLowering.Lowered parseProgram(String name, String text) {
    return compile(SourceFile.of(name, Path.of(""), text), Path.of(name));
  }

  private static NetworkLowering.Lowered compile(SourceFile main, Path mainPath) {
    Diags diags = new Diags();
    List<Ast.Program> stdlib = Loader.stdlib();
    stdlib.forEach(p -> diags.addFile(p.source()));
    List<Ast.Program> user = Loader.load(main, mainPath, diags);
    if (diags.any()) diags.throwIfAny(); // syntax and import errors: the rest would only echo them
    NetworkLowering.Lowered net = NetworkLowering.lowerAll(networkName(main.displayName()), stdlib, user, diags);
    diags.throwIfAny();
    if (net == null) throw new IllegalStateException("lowering failed without a diagnostic");
    return net;
  }

  /** The file name without folders and without {@code .snn}. */
  static String networkName(String displayName) {
    String n = displayName;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    if (slash >= 0) n = n.substring(slash + 1);
    return n.endsWith(".snn") ? n.substring(0, n.length() - 4) : n;
  }
}
