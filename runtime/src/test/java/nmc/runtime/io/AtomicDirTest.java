package nmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nmc.diag.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirTest {
  @TempDir
  Path tmp;

  private List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void commitReplacesFilesAndCleansUp() throws IOException {
    Path dir = tmp.resolve("out/run");
    try (AtomicDir d = AtomicDir.begin(dir)) {
      d.write("a.csv", "old a\n");
      d.write("summary.json", "{\"n\": 1}\n");
      d.commit();
    }
    try (AtomicDir d = AtomicDir.begin(dir)) {
      d.write("a.csv", "new a\n");
      d.writeBytes("b.bin", os -> os.write(new byte[] {1, 2, 3}));
      List<Path> moved = d.commit();
      Path abs = dir.toAbsolutePath().normalize();
      assertEquals(List.of(abs.resolve("a.csv"), abs.resolve("b.bin")), moved);
    }
    assertEquals("new a\n", Files.readString(dir.resolve("a.csv")));
    assertEquals("{\"n\": 1}\n", Files.readString(dir.resolve("summary.json")), "files not rewritten stay");
    assertEquals(List.of("run"), names(tmp.resolve("out")), "no staging folder left behind");
  }

  @Test
  void aFailureHalfWayLeavesTheOldFilesIntact() throws IOException {
    Path dir = tmp.resolve("run");
    try (AtomicDir d = AtomicDir.begin(dir)) {
      d.write("spikes.csv", "neuron,t_ms\n0,1\n");
      d.write("summary.json", "{\"spikes\": 1}\n");
      d.commit();
    }
    IOException boom = assertThrows(IOException.class, () -> {
      try (AtomicDir d = AtomicDir.begin(dir)) {
        d.write("spikes.csv", "neuron,t_ms\n0,1\n0,2\n");
        d.write("summary.json", w -> {
          w.write("{\"spikes\": ");
          throw new IOException("disk full");
        });
        d.commit();
      }
    });
    assertEquals("disk full", boom.getMessage());
    assertEquals("neuron,t_ms\n0,1\n", Files.readString(dir.resolve("spikes.csv")));
    assertEquals("{\"spikes\": 1}\n", Files.readString(dir.resolve("summary.json")));
    assertEquals(List.of("run"), names(tmp), "the staging folder is removed");
  }

  @Test
  void closingWithoutCommitWritesNothing() throws IOException {
    Path dir = tmp.resolve("fresh");
    try (AtomicDir d = AtomicDir.begin(dir)) {
      d.write("a.csv", "x");
    }
    assertTrue(Files.isDirectory(dir));
    assertEquals(List.of(), names(dir));
    assertEquals(List.of("fresh"), names(tmp));
  }

  @Test
  void aFileWhereTheFolderShouldBeIsAUserError() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    UserError e = assertThrows(UserError.class, () -> AtomicDir.begin(file));
    assertTrue(e.render().contains("it is a file, not a folder"), e.render());
  }

  @Test
  void namesMustBePlain() throws IOException {
    try (AtomicDir d = AtomicDir.begin(tmp.resolve("r"))) {
      assertThrows(IllegalArgumentException.class, () -> d.write("../x", "x"));
      assertThrows(IllegalArgumentException.class, () -> d.write(".hidden", "x"));
      d.write("a", "1");
      assertThrows(IllegalArgumentException.class, () -> d.write("a", "2"));
    }
    assertFalse(Files.exists(tmp.resolve("x")));
  }
}
