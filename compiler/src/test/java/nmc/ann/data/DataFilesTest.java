package nmc.ann.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import nmc.ann.DatasetSpec;
import nmc.ann.Shape;
import nmc.diag.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX (plain and gzipped) and CSV files, and their errors. */
class DataFilesTest {
  @TempDir
  Path tmp;

  static byte[] idx(int type, int[] dims, byte[] data) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bo);
    d.writeInt((type << 8) | dims.length);
    for (int x : dims) d.writeInt(x);
    d.write(data);
    return bo.toByteArray();
  }

  static void write(Path p, byte[] b, boolean gzip) throws Exception {
    try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      o.write(b);
    }
  }

  @Test
  void readsImagesAsChannelMajorFloatsWithLabels() throws Exception {
    // two 2x3 images with 2 channels, stored HWC as IDX does
    byte[] px = new byte[2 * 2 * 3 * 2];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 10);
    Path im = tmp.resolve("im.gz"), lb = tmp.resolve("lb");
    write(im, idx(8, new int[] {2, 2, 3, 2}, px), true);
    write(lb, idx(8, new int[] {2}, new byte[] {7, (byte) 200}), false);
    Dataset d = Datasets.idx("t", im, lb);
    assertEquals(Shape.hwc(2, 3, 2), d.shape());
    assertEquals(2, d.size());
    assertArrayEquals(new int[] {7, 200}, d.labels());
    assertEquals(201, d.classes());
    // image 0, channel 1, row 1, column 2 is HWC byte (1*3+2)*2+1 = 11 -> 110
    assertEquals(110 / 255f, d.x()[(1 * 2 + 1) * 3 + 2]);
    // image 1 starts at 12 features; its channel 0, row 0, column 0 is byte 12 -> 120
    assertEquals(120 / 255f, d.x()[12]);
  }

  @Test
  void refusesBrokenIdxFiles() throws Exception {
    Path bad = tmp.resolve("bad");
    write(bad, idx(0x0d, new int[] {1}, new byte[4]), false);
    UserError e = assertThrows(UserError.class, () -> Idx.read(bad));
    assertTrue(e.render().contains("only unsigned bytes (0x08)"), e.render());
    write(bad, idx(8, new int[] {10}, new byte[3]), false);
    e = assertThrows(UserError.class, () -> Idx.read(bad));
    assertTrue(e.render().contains("ends before the data its header announces"), e.render());
    Files.writeString(bad, "hello, world");
    e = assertThrows(UserError.class, () -> Idx.read(bad));
    assertTrue(e.render().contains("IDX magic number"), e.render());
    Path im = tmp.resolve("im"), lb = tmp.resolve("lb");
    write(im, idx(8, new int[] {3, 1, 1}, new byte[3]), false);
    write(lb, idx(8, new int[] {2}, new byte[2]), false);
    e = assertThrows(UserError.class, () -> Datasets.idx("t", im, lb));
    assertTrue(e.render().contains("holds 3 images but") && e.render().contains("holds 2 labels"), e.render());
  }

  @Test
  void missingFashionMnistSaysHowToGetIt() {
    UserError e = assertThrows(UserError.class, () -> Datasets.load(new DatasetSpec.FashionMnist(tmp.resolve("nowhere"))));
    assertTrue(e.render().contains("apt-get install dataset-fashion-mnist") && e.render().contains("scripts/ensure-datasets"), e.render());
  }

  @Test
  void csvClassesAndRegression() throws Exception {
    Path f = tmp.resolve("a.csv");
    Files.writeString(f, "x,label,y\n1.5,2,3\n\n-1,0,4e1\n");
    Dataset c = Csv.read(f, 1, 0);
    assertEquals(2, c.size());
    assertArrayEquals(new float[] {1.5f, 3, -1, 40}, c.x());
    assertArrayEquals(new int[] {2, 0}, c.labels());
    assertEquals(3, c.classes());
    Dataset r = Csv.read(f, -1, 2);
    assertTrue(r.regression());
    assertArrayEquals(new float[] {1.5f, -1}, r.x());
    assertArrayEquals(new float[] {2, 3, 0, 40}, r.targets());
    Files.writeString(f, "1,2\n3,oops\n");
    UserError e = assertThrows(UserError.class, () -> Csv.read(f, 0, 0));
    assertTrue(e.render().contains("a.csv:2: column 2 is not a number: 'oops'"), e.render());
    Files.writeString(f, "1,2\n3\n");
    e = assertThrows(UserError.class, () -> Csv.read(f, 0, 0));
    assertTrue(e.render().contains("1 columns, but the first line of data has 2"), e.render());
    Files.writeString(f, "1.5,2\n");
    e = assertThrows(UserError.class, () -> Csv.read(f, 0, 0));
    assertTrue(e.render().contains("has the label 1.5"), e.render());
  }
}
