package nmc.runtime.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import nmc.diag.UserError;

/**
 * Writes a set of files into a folder so that a reader never sees a half-written file and a failure leaves what
 * was there before: every file is first written into a fresh hidden sibling folder ({@code .NAME.tmp-*}), and
 * only {@link #commit()} moves each into place with an atomic rename that replaces the old file. Closing without
 * committing (an exception, Ctrl-C) deletes the staging folder and touches nothing in the target folder.
 * Files move in the order they were written, so a marker written last (the run's {@code summary.json}) appears last.
 */
public final class AtomicDir implements AutoCloseable {
  /** Writes one file's content as text. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer w) throws IOException;
  }

  /** Writes one file's content as bytes. */
  @FunctionalInterface
  public interface Bytes {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  private final Path dir;
  private final Path staging;
  private final List<String> names = new ArrayList<>();
  private volatile boolean done;
  /** Removes the staging folder when the JVM is stopped (Ctrl-C) before commit or close. */
  private final Thread cleanup;

  private AtomicDir(Path dir, Path staging) {
    this.dir = dir;
    this.staging = staging;
    this.cleanup = new Thread(this::deleteStaging, "nmc-output-cleanup");
    try {
      Runtime.getRuntime().addShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; nothing to register
    }
  }

  /** Starts writing into {@code dir} (created with its parents if missing). */
  public static AtomicDir begin(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw UserError.of("cannot write results to " + dir + ": it is a file, not a folder", "choose another --out folder");
    } catch (IOException e) {
      throw UserError.of("cannot create the folder " + dir + ": " + describe(e), "choose another --out folder");
    }
    Path parent = abs.getParent() == null ? abs : abs.getParent();
    try {
      Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
      return new AtomicDir(abs, staging);
    } catch (IOException e) {
      throw UserError.of("cannot write into " + parent + ": " + describe(e), "choose another --out folder");
    }
  }

  public Path dir() {
    return dir;
  }

  /** Writes the text file {@code name} (a plain name, no folders) into the staging folder. */
  public void write(String name, Content content) throws IOException {
    check(name);
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(staging.resolve(name), StandardCharsets.UTF_8), 1 << 16)) {
      content.writeTo(w);
    }
    names.add(name);
  }

  /** Writes the binary file {@code name} into the staging folder. */
  public void writeBytes(String name, Bytes content) throws IOException {
    check(name);
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(staging.resolve(name)), 1 << 16)) {
      content.writeTo(out);
    }
    names.add(name);
  }

  private void check(String name) {
    if (done) throw new IllegalStateException("already committed or aborted");
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) throw new IllegalArgumentException("bad file name " + name);
    if (names.contains(name)) throw new IllegalArgumentException("file written twice: " + name);
  }

  public void write(String name, String text) throws IOException {
    write(name, w -> w.write(text));
  }

  /** Moves every written file into the folder (each move atomic, replacing an older file) and returns their paths. */
  public List<Path> commit() throws IOException {
    if (done) throw new IllegalStateException("already committed or aborted");
    List<Path> out = new ArrayList<>();
    for (String n : names) {
      Path target = dir.resolve(n);
      Files.move(staging.resolve(n), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      out.add(target);
    }
    done = true;
    deleteStaging();
    unregister();
    return out;
  }

  /** Discards everything written (nothing in the folder changes). Safe to call more than once. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      deleteStaging();
    }
    unregister();
  }

  private void unregister() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs anyway and finds nothing to delete
    }
  }

  private void deleteStaging() {
    try (Stream<Path> s = Files.walk(staging)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException | UncheckedIOException e) {
      System.err.println("nmc: warning: could not remove the temporary folder " + staging + ": " + e.getMessage());
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " (" + m + ")");
  }
}
