package nmc.targets.loihi;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import nmc.map.ChipLimits;
import nmc.map.ChipMapping;
import nmc.map.Placer;

/**
 * A PNG of the placement: the board's tiles (one square each, its cores in a 2x2 grid), used cores shaded by the
 * share of their compartments in use and labelled with their logical number, and the traffic between cores as
 * lines whose width grows with the fan-out edges between them. Drawn without a display (headless AWT).
 */
final class PlacementPicture {
  private PlacementPicture() {}

  static final int TILE = 56, MARGIN = 30;

  static byte[] png(ChipMapping m, String network) {
    System.setProperty("java.awt.headless", "true");
    ChipLimits.Mesh mesh = m.limits().mesh();
    int w = mesh.tilesX() * mesh.chipsX(), h = mesh.tilesY() * mesh.chipsY();
    int width = 2 * MARGIN + w * TILE, height = 2 * MARGIN + h * TILE + 24;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.DARK_GRAY);
    g.drawString(network + " on " + m.coresUsed() + " of " + mesh.cores() + " cores of '" + m.limits().name() + "'; "
        + String.format(java.util.Locale.ROOT, "%.2f hops per spike", m.hopsPerSpike()), MARGIN, 18);
    int per = (int) Math.ceil(Math.sqrt(mesh.coresPerTile())), cell = (TILE - 8) / per;
    // tiles
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        g.setColor(new Color(235, 235, 235));
        g.fillRect(MARGIN + x * TILE + 2, MARGIN + 24 + y * TILE + 2, TILE - 4, TILE - 4);
      }
    }
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(2));
    for (int c = 1; c < mesh.chipsX(); c++) g.drawLine(MARGIN + c * mesh.tilesX() * TILE, MARGIN + 24, MARGIN + c * mesh.tilesX() * TILE, MARGIN + 24 + h * TILE);
    for (int c = 1; c < mesh.chipsY(); c++) g.drawLine(MARGIN, MARGIN + 24 + c * mesh.tilesY() * TILE, MARGIN + w * TILE, MARGIN + 24 + c * mesh.tilesY() * TILE);
    int n = m.cores().size();
    int[][] centre = new int[n][];
    for (int k = 0; k < n; k++) {
      int phys = m.cores().get(k).physical();
      int[] xy = Placer.coords(mesh, phys);
      int slot = phys % mesh.coresPerTile();
      int cx = MARGIN + xy[0] * TILE + 4 + (slot % per) * cell, cy = MARGIN + 24 + xy[1] * TILE + 4 + (slot / per) * cell;
      centre[k] = new int[] {cx + cell / 2, cy + cell / 2, cx, cy};
    }
    // traffic
    long max = 1;
    for (long e : m.trafficEdges()) max = Math.max(max, e);
    for (int t = 0; t < m.trafficSrc().length; t++) {
      int a = m.trafficSrc()[t], b = m.trafficDst()[t];
      if (a == b) continue;
      float stroke = (float) (0.5 + 4.0 * m.trafficEdges()[t] / max);
      g.setStroke(new BasicStroke(stroke));
      g.setColor(new Color(200, 60, 40, 90));
      g.drawLine(centre[a][0], centre[a][1], centre[b][0], centre[b][1]);
    }
    // cores
    g.setStroke(new BasicStroke(1));
    for (int k = 0; k < n; k++) {
      double fill = m.cores().get(k).compartments() / (double) m.limits().core().compartments();
      int shade = (int) (220 - 160 * Math.min(1, fill));
      g.setColor(new Color(shade, shade, 255));
      g.fillRect(centre[k][2], centre[k][3], cell - 2, cell - 2);
      g.setColor(Color.BLACK);
      g.drawRect(centre[k][2], centre[k][3], cell - 2, cell - 2);
      g.drawString(Integer.toString(k), centre[k][2] + 3, centre[k][3] + 13);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
