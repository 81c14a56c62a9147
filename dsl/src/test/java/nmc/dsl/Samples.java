package nmc.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The five sample programs of the repository, which the front end must accept exactly as written. */
final class Samples {
  private Samples() {}

  static final Path DIR = Path.of("../samples");
  static final List<String> NAMES = List.of("cuba", "fitzhugh_nagumo", "gap_junction_pair", "hh_step", "izhikevich_patterns");

  static Path path(String name) {
    return DIR.resolve(name + ".snn");
  }

  static String text(String name) {
    try {
      return Files.readString(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
