package nmc.ann.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import nmc.diag.UserError;

/**
 * IDX files (the MNIST format): magic {@code 0x00 0x00 type ndim}, ndim big-endian 32-bit sizes, then the data.
 * Only unsigned bytes (type 0x08) are read, as MNIST and Fashion-MNIST use. A file starting with the gzip magic is
 * decompressed on the fly, whatever its name.
 */
public final class Idx {
  private Idx() {}

  /** The dimensions and the raw bytes. */
  public record Array(int[] dims, byte[] data) {}

  public static Array read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read(), b1 = raw.read();
      raw.reset();
      InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
      DataInputStream d = new DataInputStream(in);
      int magic = d.readInt();
      if ((magic >>> 16) != 0) throw bad(file, "it does not start with an IDX magic number (two zero bytes)");
      int type = (magic >>> 8) & 0xff, ndim = magic & 0xff;
      if (type != 0x08) throw bad(file, "its values are of type 0x" + Integer.toHexString(type) + "; only unsigned bytes (0x08) are read");
      if (ndim < 1 || ndim > 4) throw bad(file, "it has " + ndim + " dimensions");
      int[] dims = new int[ndim];
      long total = 1;
      for (int i = 0; i < ndim; i++) {
        dims[i] = d.readInt();
        if (dims[i] < 0) throw bad(file, "dimension " + i + " is negative");
        total *= dims[i];
      }
      if (total > Integer.MAX_VALUE - 16) throw bad(file, "it holds more than 2^31 values");
      byte[] data = new byte[(int) total];
      d.readFully(data);
      return new Array(dims, data);
    } catch (EOFException e) {
      throw bad(file, "it ends before the data its header announces");
    } catch (java.util.zip.ZipException e) {
      throw bad(file, "it is not a valid gzip file: " + e.getMessage());
    } catch (java.nio.file.NoSuchFileException e) {
      throw UserError.of("dataset file " + file + " not found", "check the path in the train block's dataset");
    } catch (IOException e) {
      throw UserError.of("cannot read " + file + ": " + e.getMessage(), "");
    }
  }

  private static UserError bad(Path file, String why) {
    return UserError.of(file + " is not a readable IDX file: " + why, "IDX files are the MNIST format (gzipped or not)");
  }
}
