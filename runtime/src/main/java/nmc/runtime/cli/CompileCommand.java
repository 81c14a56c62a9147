package nmc.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.ir.Network;
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
  /** What {@code --emit} can produce; later back ends add kinds here. */
  enum Emit {
    IR;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Accepts the lower-case names and lists them when the value is unknown. */
  static final class EmitConverter implements CommandLine.ITypeConverter<Emit> {
    @Override
    public Emit convert(String value) {
      for (Emit e : Emit.values()) if (e.toString().equalsIgnoreCase(value)) return e;
      throw new CommandLine.TypeConversionException("unknown kind '" + value + "'; valid kinds: "
          + String.join(", ", Arrays.stream(Emit.values()).map(Emit::toString).toList()));
    }
  }

  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "The network: a .snn source file (or IR JSON, .json).")
  Path file;

  @Option(names = "--emit", paramLabel = "KIND", defaultValue = "ir", converter = EmitConverter.class,
      description = "What to produce: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Emit emit;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() throws IOException {
    Network net = NetworkLoader.load(file);
    String text = switch (emit) {
      case IR -> IrJson.print(net);
    };
    if (output == null) {
      nmc.out.print(text);
      nmc.out.flush();
    } else {
      Path abs = output.toAbsolutePath().normalize();
      try (AtomicDir dir = AtomicDir.begin(abs.getParent())) {
        dir.write(abs.getFileName().toString(), text);
        dir.commit();
      }
      nmc.err.println("wrote " + output);
    }
    return Nmc.OK;
  }
}
