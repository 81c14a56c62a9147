package nmc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void editDistance() {
    assertEquals(0, Text.editDistance("reference", "reference"));
    assertEquals(1, Text.editDistance("refrence", "reference"));
    assertEquals(3, Text.editDistance("kitten", "sitting"));
    assertEquals(4, Text.editDistance("", "abcd"));
    assertEquals(1, Text.editDistance("rnu", "run"), "a swap is one edit");
  }

  @Test
  void nearestOnlySuggestsLikelyTypos() {
    assertEquals(Optional.of("reference"), Text.nearest("refernce", List.of("reference", "loihi")));
    assertEquals(Optional.empty(), Text.nearest("gpu", List.of("reference", "loihi")));
  }

  @Test
  void safeFileNames() {
    assertEquals("exc_v", Text.safeFileName("exc.v".replace('.', '_')));
    assertEquals("a_b_c", Text.safeFileName("a/b c"));
    assertEquals("_..", Text.safeFileName(".."));
    assertEquals("_", Text.safeFileName(""));
    assertEquals("exc.v", Text.safeFileName("exc.v"));
  }
}
