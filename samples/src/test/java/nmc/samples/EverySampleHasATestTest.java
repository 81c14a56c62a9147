package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each sample network is run by a test class named after it (hh_step.snn -> HhStepTest). */
class EverySampleHasATestTest {
  @Test
  void eachSampleFileHasItsTestClass() throws IOException {
    Path dir = Samples.path("hh_step.snn").toAbsolutePath().getParent();
    List<String> missing;
    try (Stream<Path> files = Files.list(dir)) {
      missing = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".snn"))
          .map(EverySampleHasATestTest::testClassName)
          .filter(c -> {
            try {
              Class.forName("nmc.samples." + c);
              return false;
            } catch (ClassNotFoundException e) {
              return true;
            }
          }).toList();
    }
    assertTrue(missing.isEmpty(), "samples without a test: " + missing);
  }

  static String testClassName(String file) {
    StringBuilder sb = new StringBuilder();
    for (String part : file.substring(0, file.length() - 4).split("_")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.append("Test").toString();
  }
}
