package nmc.runtime.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nmc.diag.UserError;
import nmc.runtime.Text;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code nmc} command line. Exit status: 0 success, 2 a mistake in the input or the command line (the
 * diagnostics are printed, never a stack trace), 1 an internal error (a bug: a short line, and the stack trace
 * with {@code --debug}).
 */
@Command(name = "nmc",
    mixinStandardHelpOptions = true,
    versionProvider = Nmc.Version.class,
    usageHelpAutoWidth = true,
    header = "nmc: compile and run spiking neural networks.",
    description = {
        "%nnmc compiles networks written in the nmc network language (.snn files) and runs them on a simulation target. "
            + "Quantities carry units everywhere (500ms, -65mV, 10nA). Results are CSV and JSON files that load "
            + "directly in Python (pandas, numpy); 'nmc plot' draws them.",
        ""},
    subcommands = {CheckCommand.class, RunCommand.class, CompileCommand.class, PlotCommand.class,
        BenchCommand.class, CompareCommand.class, TargetsCommand.class, TrainCommand.class, ConvertCommand.class,
        EvaluateCommand.class, CommandLine.HelpCommand.class},
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc check samples/cuba.snn             parse and check a network",
        "  nmc run samples/cuba.snn --duration 200ms",
        "                                         run it; results go to out/cuba/",
        "  nmc plot out/cuba                      draw raster.png, traces.png, rates.png",
        "  nmc evaluate samples/fashion_mlp.snn --timesteps 16,64",
        "                                         an ANN against its spiking conversion",
        "  nmc help run                           everything about one command",
        "",
        "Exit status: 0 ok, 2 a mistake in the input or the command line, 3 the target cannot run here (e.g. no CUDA "
            + "device), 1 an internal error (please report it)."})
public final class Nmc implements Runnable {
  /** Exit status of a run that went well. */
  public static final int OK = 0;
  /** Exit status of an internal error (a bug in nmc or a target). */
  public static final int INTERNAL = 1;
  /** Exit status of a user mistake: bad input file, bad option, missing file. */
  public static final int USER = 2;
  /** The chosen target cannot run on this machine (no CUDA device ...): {@link nmc.sim.TargetUnavailable}. */
  public static final int UNAVAILABLE = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On an internal error, print the full stack trace (for bug reports).")
  boolean debug;

  final PrintStream out;
  final PrintStream err;

  Nmc(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.exit(execute(args, out, System.err));
  }

  /** Runs the command line {@code args} with the given streams; returns the exit status. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    Nmc nmc = new Nmc(out, err);
    CommandLine cl = new CommandLine(nmc);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(Nmc::usageError);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(ex, nmc.debug, err));
    try {
      return cl.execute(args);
    } catch (Throwable t) { // errors (out of memory) are not passed to the handler
      return failure(t, nmc.debug || java.util.Arrays.asList(args).contains("--debug"), err);
    }
  }

  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String hint = "see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
    String message = ex.getMessage();
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> unmatched = u.getUnmatched();
      boolean topLevel = cmd.getParent() == null;
      if (topLevel && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        // picocli reports an unknown command as unmatched arguments; say what it is
        String word = unmatched.get(0);
        message = "unknown command '" + word + "'";
        List<String> commands = cmd.getSubcommands().keySet().stream().toList();
        hint = Text.nearest(word, commands).map(n -> "did you mean '" + n + "'? ").orElse("")
            + "the commands are " + String.join(", ", commands.stream().filter(n -> !n.equals("help")).toList());
      } else if (!u.getSuggestions().isEmpty()) {
        hint = "did you mean " + String.join(" or ", u.getSuggestions().stream().map(s -> "'" + s + "'").toList()) + "? " + hint;
      }
    }
    err.println(UserError.of(message, hint).render());
    err.flush();
    return USER;
  }

  /** Maps an exception to an exit status, printing what the user needs. */
  static int failure(Throwable ex, boolean debug, PrintStream err) {
    if (ex instanceof nmc.sim.TargetUnavailable tu) {
      err.println(tu.render());
      return UNAVAILABLE;
    }
    if (ex instanceof UserError ue) {
      err.println(ue.render());
      return USER;
    }
    if (ex instanceof OutOfMemoryError) {
      long max = Runtime.getRuntime().maxMemory() >> 20;
      err.println(UserError.of("the network did not fit in memory (the Java heap is " + max + " MiB)",
          "make the network or its probes smaller, or run on a machine with more memory").render());
      if (debug) ex.printStackTrace(err);
      return USER;
    }
    err.println("nmc: internal error: " + ex);
    if (debug) {
      ex.printStackTrace(err);
    } else {
      err.println("This is a bug in nmc, not in your network. Run again with --debug for the stack trace and report it.");
    }
    return INTERNAL;
  }

  @Override
  public void run() {
    // 'nmc' alone: say what there is, as a usage error so that scripts notice.
    throw new CommandLine.ParameterException(spec.commandLine(), "no command given; the commands are "
        + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
  }

  /** The version from the jar's manifest, when built as a jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Nmc.class.getPackage().getImplementationVersion();
      return new String[] {"nmc " + (v == null ? "0.1.0-SNAPSHOT" : v),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
