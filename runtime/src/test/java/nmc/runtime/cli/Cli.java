package nmc.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it prints. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Nmc.execute(args, o, e);
    }
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** No Java stack trace anywhere in the output. */
  boolean noStackTrace() {
    return !(out + err).contains("\tat ");
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
