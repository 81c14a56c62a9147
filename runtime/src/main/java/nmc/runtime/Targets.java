package nmc.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import nmc.diag.UserError;
import nmc.sim.Target;

/** The simulation back ends registered with {@link ServiceLoader} ({@code META-INF/services/nmc.sim.Target}). */
public final class Targets {
  private Targets() {}

  /** Every registered target, by name. */
  public static List<Target> all() {
    List<Target> out = new ArrayList<>();
    var it = ServiceLoader.load(Target.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) break;
        out.add(it.next());
      } catch (ServiceConfigurationError e) {
        // A broken provider is a build problem, not the user's; say so once and keep the others usable.
        System.err.println("nmc: warning: a target could not be loaded: " + e.getMessage());
      }
    }
    out.sort(Comparator.comparing(Target::name));
    return out;
  }

  public static List<String> names() {
    return all().stream().map(Target::name).toList();
  }

  /** The target called {@code name}, or a {@link UserError} listing the ones there are. */
  public static Target find(String name) {
    List<Target> all = all();
    for (Target t : all) if (t.name().equals(name)) return t;
    if (all.isEmpty()) {
      throw UserError.of("unknown target '" + name + "': no simulation targets are installed in this build",
          "the reference simulator registers itself as 'reference'; rebuild nmc (./nmc rebuilds when sources change)");
    }
    List<String> names = all.stream().map(Target::name).toList();
    String guess = Text.nearest(name, names).map(n -> "did you mean '" + n + "'? ").orElse("");
    throw UserError.of("unknown target '" + name + "'", guess + "available targets: " + String.join(", ", names)
        + " ('nmc targets' describes them)");
  }
}
