package nmc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The launcher filters the JVM's stderr through a pipe, so the CLI cannot see that stderr is a terminal: the
 * launcher says so with {@code -Dnmc.stderr.tty=true}, and that answer wins over the file descriptor's.
 */
class ProgressReporterTest {
  @Test
  void theLaunchersAnswerWins() {
    String before = System.getProperty("nmc.stderr.tty");
    try {
      System.setProperty("nmc.stderr.tty", "true");
      assertEquals(true, ProgressReporter.stderrIsTerminal());
      System.setProperty("nmc.stderr.tty", "false");
      assertEquals(false, ProgressReporter.stderrIsTerminal());
    } finally {
      if (before == null) System.clearProperty("nmc.stderr.tty");
      else System.setProperty("nmc.stderr.tty", before);
    }
  }
}
