package nmc.dsl;

import java.nio.file.Path;
import nmc.diag.UserError;
import nmc.ir.Network;

/** The network language front end: source files in, one checked {@link Network} out. */
public final class Frontend {
  private Frontend() {}

  /** Parses, resolves imports, checks and lowers {@code file}; throws {@link UserError} with every diagnostic. */
  public static Network load(Path file) {
    throw new UnsupportedOperationException("front end not written yet");
  }

  /** As {@link #load}, for source text not in a file ({@code name} is used in diagnostics; imports resolve against the working directory). */
  public static Network parse(String name, String text) {
    throw new UnsupportedOperationException("front end not written yet");
  }
}
