package nmc.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help, exit codes, and errors without stack traces. */
class CliTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"check", "run", "compile", "plot", "bench", "targets"})
  void everyCommandHasHelpWithAnExample(String command) {
    Cli c = Cli.run(command, "--help");
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().contains("Usage: nmc " + command), c.toString());
    assertTrue(c.out().contains("Examples:"), c.toString());
    assertTrue(c.out().contains("  nmc " + command), "an example of the command itself:\n" + c);
    assertEquals("", c.err());
  }

  @Test
  void helpCommandAndTopLevelHelp() {
    Cli c = Cli.run("--help");
    assertEquals(0, c.exit());
    for (String cmd : List.of("check", "run", "compile", "plot", "bench", "targets")) assertTrue(c.out().contains(cmd), cmd);
    assertTrue(c.out().contains("Exit status"), c.out());
    Cli h = Cli.run("help", "run");
    assertEquals(0, h.exit());
    assertTrue(h.out().contains("--duration"), h.out());
  }

  @Test
  void versionPrints() {
    Cli c = Cli.run("--version");
    assertEquals(0, c.exit());
    assertTrue(c.out().startsWith("nmc "), c.out());
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    Cli c = Cli.run("rnu", "x.snn");
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().startsWith("error: unknown command 'rnu'"), c.err());
    assertTrue(c.err().contains("did you mean 'run'"), c.err());
    assertTrue(c.noStackTrace(), c.toString());
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli c = Cli.run("run", "x.snn", "--duraton", "5ms");
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().contains("Unknown option"), c.err());
    assertTrue(c.err().contains("'--duraton'"), c.err());
    assertTrue(c.err().contains("--duration"), "suggests the real option: " + c.err());
    assertTrue(c.noStackTrace(), c.toString());
  }

  @Test
  void missingArgumentAndNoCommand() {
    Cli c = Cli.run("run");
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("Missing required parameter: 'FILE'"), c.err());
    Cli none = Cli.run();
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("no command given"), none.err());
    assertTrue(none.noStackTrace());
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "run", "compile", "bench"})
  void missingFileIsAClearUserError(String command) {
    Path missing = tmp.resolve("nowhere.snn");
    Cli c = Cli.run(command, missing.toString());
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().startsWith("error: no such file: " + missing), c.err());
    assertTrue(c.err().contains("hint: "), c.err());
    assertTrue(c.noStackTrace(), c.toString());
    assertEquals("", c.out());
  }

  @Test
  void aNearbyFileNameIsSuggested() throws Exception {
    Files.writeString(tmp.resolve("cuba.snn"), "");
    Cli c = Cli.run("check", tmp.resolve("cbua.snn").toString());
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("did you mean cuba.snn?"), c.err());
  }

  @Test
  void aFolderIsNotANetwork() {
    Cli c = Cli.run("check", tmp.toString());
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("is a directory"), c.err());
  }

  @Test
  void unknownEmitKindListsTheValidOnes() {
    Cli c = Cli.run("compile", "x.snn", "--emit", "verilog");
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().contains("unknown --emit kind 'verilog' for target reference") && c.err().contains("valid kinds: ir"), c.err());
    assertTrue(c.noStackTrace());
  }

  @Test
  void unknownPlotFormatListsTheValidOnes() {
    Cli c = Cli.run("plot", tmp.toString(), "--format", "jpeg");
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().contains("valid formats: png, svg, both"), c.err());
  }

  @Test
  void nonNumericSeedIsAUsageError() {
    Cli c = Cli.run("run", "x.snn", "--seed", "abc");
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("--seed"), c.err());
    assertTrue(c.noStackTrace());
  }
}
