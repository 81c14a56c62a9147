package nmc.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.ir.json.IrJson;
import nmc.runtime.NetworkLoader;
import nmc.runtime.io.AtomicDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compile",
    mixinStandardHelpOptions = true,
    header = "Compile a network and emit the result (the IR as JSON).",
    description = {
        "%n--emit ir prints the intermediate representation as JSON: every model, population, projection, input "
            + "and probe, with all values in SI units (seconds, volts, amperes) and equations as text. It is the "
            + "contract every target reads; diff it to see what a change to a .snn file really changed. "
            + "'nmc run' and 'nmc check' accept such a file in place of the source.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc compile samples/cuba.snn --emit ir                 print the IR JSON",
        "  nmc compile samples/cuba.snn --emit ir -o cuba.ir.json write it to a file",
        "  nmc run cuba.ir.json                                   run the IR directly"})
final class CompileCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "The network: a .snn source file (or IR JSON, .json).")
  Path file;

  @Option(names = "--emit", paramLabel = "KIND", defaultValue = "ir",
      description = "What to produce: ir (default), or a kind the target offers ('nmc targets' lists them).")
  String emit;

  @picocli.CommandLine.Mixin
  TargetSelection target;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() throws IOException {
    Target t = target.find();
    TargetOptions options = target.options();
    String kind = emit.toLowerCase(Locale.ROOT);
    if (!kind.equals("ir") && !t.emitKinds().contains(kind)) {
      throw UserError.of("unknown --emit kind '" + emit + "' for target " + t.name(),
          "valid kinds: " + String.join(", ", java.util.stream.Stream.concat(java.util.stream.Stream.of("ir"), t.emitKinds().stream()).toList())
              + (t.emitKinds().isEmpty() ? "; other targets emit more (see 'nmc targets')" : ""));
    }
    Network net = NetworkLoader.load(file);
    java.util.Map<String, byte[]> extra = new java.util.LinkedHashMap<>();
    String text = kind.equals("ir") ? IrJson.print(net) : t.emit(net, kind, options, output == null ? null : extra);
    if (output == null) {
      nmc.out.print(text);
      nmc.out.flush();
    } else {
      Path abs = output.toAbsolutePath().normalize();
      try (AtomicDir dir = AtomicDir.begin(abs.getParent())) {
        dir.write(abs.getFileName().toString(), text);
        for (var e : extra.entrySet()) dir.writeBytes(e.getKey(), o -> o.write(e.getValue()));
        dir.commit();
      }
      nmc.err.println("wrote " + output);
    }
    return Nmc.OK;
  }
}
