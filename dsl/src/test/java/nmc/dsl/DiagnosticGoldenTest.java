package nmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nmc.diag.UserError;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for every error message a user reads: each {@code errors/NAME.snn} must fail with exactly the text
 * in {@code errors/NAME.expected} (file names shown without their folder). Run with
 * {@code -Dnmc.golden.update=true} to write missing expected files, then review them like code.
 */
class DiagnosticGoldenTest {
  static final Path DIR = Path.of("src/test/resources/errors");

  @TestFactory
  Stream<DynamicTest> everyErrorFileFailsWithItsExpectedText() throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(DIR)) {
      inputs = s.filter(p -> p.toString().endsWith(".snn")).sorted().toList();
    }
    assertTrue(inputs.size() >= 14, "the golden inputs are missing");
    return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> check(in)));
  }

  private static void check(Path in) throws IOException {
    UserError e = assertThrows(UserError.class, () -> Frontend.load(in));
    String actual = e.render().replace(DIR + "/", "") + "\n";
    Path expectedFile = Path.of(in.toString().replace(".snn", ".expected"));
    if (!Files.exists(expectedFile) && Boolean.getBoolean("nmc.golden.update")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(expectedFile), "no expected file for " + in);
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, "diagnostics of " + in.getFileName());
  }
}
