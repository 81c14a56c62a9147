package nmc.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.runtime.NetworkLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "check",
    mixinStandardHelpOptions = true,
    header = "Parse and check a network without running it.",
    description = {
        "%nChecks syntax, names, units and the dimensions of every equation, connectivity, inputs and probes. "
            + "Every problem is reported at once, with its place in the file, the source line and a hint. "
            + "Exit status 0 when the network is fine, 2 when it has errors.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc check samples/cuba.snn",
        "      samples/cuba.snn: ok (2 populations, 4000 neurons, 4 projections)",
        "  nmc check my_net.snn --json        one JSON object, for editors and scripts:",
        "      {\"file\": ..., \"ok\": false, \"diagnostics\": [{\"span\": \"my_net.snn:12:5\", ...}]}"})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "The network: a .snn source file (or IR JSON, .json).")
  Path file;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
  boolean json;

  @Override
  public Integer call() {
    Network net;
    try {
      net = NetworkLoader.load(file);
    } catch (UserError e) {
      if (!json) throw e;
      nmc.out.print(Json.print(Json.object().put("file", file.toString()).put("ok", false)
          .put("diagnostics", diagnostics(e.diagnostics())).build()));
      nmc.out.flush();
      return Nmc.USER;
    }
    long neurons = net.neuronCount();
    if (json) {
      nmc.out.print(Json.print(Json.object().put("file", file.toString()).put("ok", true).put("network", net.name())
          .put("populations", net.populations().size()).put("neurons", neurons)
          .put("projections", net.projections().size()).put("diagnostics", Json.array(List.of())).build()));
    } else {
      nmc.out.println(file + ": ok (" + count(net.populations().size(), "population") + ", "
          + count(neurons, "neuron") + ", " + count(net.projections().size(), "projection") + ")");
    }
    nmc.out.flush();
    return Nmc.OK;
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static Json diagnostics(List<Diagnostic> ds) {
    List<Json> items = new ArrayList<>();
    for (Diagnostic d : ds) {
      items.add(Json.object().put("span", d.span().toString()).put("severity", d.severity().label())
          .put("message", d.message()).put("hint", d.hint()).put("source_line", d.sourceLine()).build());
    }
    return Json.array(items);
  }
}
