package nmc.runtime.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.runtime.Targets;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import picocli.CommandLine.Option;

/** {@code --target} and the target-specific options shared by run, bench and compile. */
final class TargetSelection {
  @Option(names = "--target", paramLabel = "NAME", defaultValue = "reference",
      description = "Where to run it (default: ${DEFAULT-VALUE}); 'nmc targets' lists them.")
  String target;

  @Option(names = "--chip", paramLabel = "NAME|PATH",
      description = "Chip targets: a chip description by name (loihi, truenorth) or a path to a description file.")
  String chip;

  @Option(names = "--chips", paramLabel = "N", description = "Chip targets: number of chips on the board.")
  Integer chips;

  @Option(names = "--threads", paramLabel = "N", description = "Targets that run in parallel: threads to use.")
  Integer threads;

  @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE",
      description = "Any other target option, e.g. -O precision=float32 (repeatable).")
  List<String> options = List.of();

  Target find() {
    return Targets.find(target);
  }

  TargetOptions options() {
    Map<String, String> m = new LinkedHashMap<>();
    if (chip != null) m.put("chip", chip);
    if (chips != null) m.put("chips", positive("--chips", chips));
    if (threads != null) m.put("threads", positive("--threads", threads));
    for (String o : options) {
      int eq = o.indexOf('=');
      if (eq <= 0) throw UserError.of("--option expects KEY=VALUE, not '" + o + "'", "e.g. -O precision=float32");
      m.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
    }
    return new TargetOptions(m);
  }

  private static String positive(String name, int v) {
    if (v < 1) throw UserError.of(name + " must be at least 1, not " + v, null);
    return Integer.toString(v);
  }
}
