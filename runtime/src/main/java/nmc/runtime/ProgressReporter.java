package nmc.runtime;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nmc.sim.Target;

/**
 * Shows a run's progress on stderr, and only when stderr is a terminal: logs and pipes get no bar glyphs, and
 * stdout (which may carry {@code --json}) never sees it.
 */
public final class ProgressReporter implements Target.Progress, AutoCloseable {
  private final ProgressBar bar;

  private ProgressReporter(ProgressBar bar) {
    this.bar = bar;
  }

  /** A reporter for a run of {@code steps} steps; silent when {@code quiet} or when stderr is not a terminal. */
  public static ProgressReporter create(String task, long steps, boolean quiet, PrintStream err) {
    if (quiet || err != System.err || !stderrIsTerminal() || steps <= 0) return new ProgressReporter(null);
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(steps)
        .setUnit(" steps", 1)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .clearDisplayOnFinish()
        .build();
    return new ProgressReporter(bar);
  }

  /**
   * Whether file descriptor 2 is a terminal. Java can only ask that of the console as a whole, so on Linux the
   * descriptor's link is read; elsewhere the console's answer is used.
   */
  static boolean stderrIsTerminal() {
    // the launcher filters stderr through a pipe and says whether its own stderr is a terminal
    String told = System.getProperty("nmc.stderr.tty");
    if (told != null) return Boolean.parseBoolean(told);
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (Exception e) {
      // fall through to the console's answer
    }
    var console = System.console();
    return console != null && console.isTerminal();
  }

  @Override
  public void update(long stepsDone, long stepsTotal) {
    if (bar != null) bar.stepTo(stepsDone);
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
