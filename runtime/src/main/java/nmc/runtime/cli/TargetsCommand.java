package nmc.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nmc.ir.json.Json;
import nmc.runtime.Targets;
import nmc.sim.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "targets",
    mixinStandardHelpOptions = true,
    header = "List the targets a network can run on.",
    description = {
        "%nTargets register themselves, so this lists what this build of nmc really has: the names to give "
            + "to --target of 'nmc run' and 'nmc bench', and what each one is.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc targets",
        "      reference   ...",
        "  nmc targets --json"})
final class TargetsCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() {
    List<Target> all = Targets.all();
    if (json) {
      List<Json> items = new ArrayList<>();
      for (Target t : all) items.add(Json.object().put("name", t.name()).put("description", t.description())
          .put("emits", new Json.Arr(t.emitKinds().stream().<Json>map(k -> new Json.Str(k, Json.Pos.NONE)).toList(), Json.Pos.NONE)).build());
      nmc.out.print(Json.print(Json.object().put("targets", Json.array(items)).build()));
    } else if (all.isEmpty()) {
      nmc.out.println("no targets are registered in this build");
    } else {
      int w = all.stream().mapToInt(t -> t.name().length()).max().orElse(0);
      for (Target t : all) {
        nmc.out.printf("%-" + w + "s   %s%n", t.name(), t.description());
        if (!t.emitKinds().isEmpty()) nmc.out.printf("%-" + w + "s   (nmc compile --target %s --emit %s)%n", "", t.name(), String.join("|", t.emitKinds()));
      }
    }
    nmc.out.flush();
    return Nmc.OK;
  }
}
