package nmc.dsl;

import java.nio.file.Path;

/**
 * The text of one source file. {@code displayName} is what diagnostics print; {@code dir} is where its imports
 * are looked up (null for the standard library, whose files import nothing).
 */
public record SourceFile(String displayName, Path dir, String text, String[] lines) {
  public static SourceFile of(String displayName, Path dir, String text) {
    return new SourceFile(displayName, dir, text, text.split("\r\n|\r|\n", -1));
  }

  /** Line {@code n} (1-based), or "" past the end. */
  public String line(int n) {
    return n >= 1 && n <= lines.length ? lines[n - 1] : "";
  }
}
