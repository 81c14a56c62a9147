package nmc.runtime;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nmc.diag.UserError;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.ir.json.IrJson;

/**
 * Loads a network from a source file ({@code .snn}, through the front end) or from IR JSON ({@code .json}, as
 * written by {@code nmc compile --emit ir} or beside every run as {@code network.ir.json}).
 */
public final class NetworkLoader {
  private NetworkLoader() {}

  public static Network load(Path file) {
    requireReadable(file);
    if (isIrJson(file)) {
      try {
        return IrJson.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (MalformedInputException e) {
        throw UserError.of(file + " is not UTF-8 text", "IR JSON files are UTF-8");
      } catch (IOException e) {
        throw UserError.of("cannot read " + file + ": " + e.getMessage(), "");
      }
    }
    return Frontend.load(file);
  }

  /** A {@link UserError} unless {@code file} is a readable regular file (with a guess when it is a typo). */
  public static void requireReadable(Path file) {
    if (!Files.exists(file)) {
      throw UserError.of("no such file: " + file, hint(file));
    }
    if (Files.isDirectory(file)) {
      throw UserError.of(file + " is a directory, not a network file", "give a .snn source file or an .ir.json file");
    }
    if (!Files.isReadable(file)) {
      throw UserError.of("cannot read " + file + " (permission denied)", "check the file's permissions");
    }
  }

  public static boolean isIrJson(Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
  }

  private static String hint(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir != null && Files.isDirectory(dir)) {
      try (var list = Files.list(dir)) {
        String name = abs.getFileName().toString();
        var near = list.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".snn") || n.endsWith(".json"))
            .filter(n -> close(n, name))
            .sorted().limit(3).toList();
        if (!near.isEmpty()) return "did you mean " + String.join(" or ", near) + "? (looked in " + dir + ")";
      } catch (IOException | java.io.UncheckedIOException ignored) {
        // no suggestion then
      }
      return "the working directory is " + Path.of("").toAbsolutePath() + "; paths are relative to it";
    }
    return "the folder " + (dir == null ? file : dir) + " does not exist either";
  }

  /** A name differing by a small edit, or by extension only. */
  private static boolean close(String a, String b) {
    String sa = stem(a), sb = stem(b);
    return sa.equals(sb) || Text.editDistance(sa, sb) <= Math.max(2, Math.min(sa.length(), sb.length()) / 4);
  }

  private static String stem(String n) {
    int dot = n.indexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
