package nmc.emulator.noc;

import nmc.emulator.chip.ChipSpec;

/**
 * Where cores and routers sit on a board of chips. Routers form one 2-D mesh over the whole board
 * ({@code tilesX * chipsX} by {@code tilesY * chipsY}); a link between two routers of different chips is a
 * chip-to-chip link. Core ids follow {@link nmc.emulator.program.ChipProgram}.
 */
public final class NocTopology {
  private final int tilesX, tilesY, coresPerTile, chipsX, chipsY;
  private final int routersX, routersY;

  public NocTopology(ChipSpec.Mesh mesh, int chipsX, int chipsY) {
    this.tilesX = mesh.tilesX();
    this.tilesY = mesh.tilesY();
    this.coresPerTile = mesh.coresPerTile();
    this.chipsX = chipsX;
    this.chipsY = chipsY;
    routersX = tilesX * chipsX;
    routersY = tilesY * chipsY;
  }

  public int routersX() {
    return routersX;
  }

  public int routersY() {
    return routersY;
  }

  public int routers() {
    return routersX * routersY;
  }

  public int coresPerRouter() {
    return coresPerTile;
  }

  public int cores() {
    return routers() * coresPerTile;
  }

  public int chips() {
    return chipsX * chipsY;
  }

  /** The chip of a core. */
  public int chipOf(int core) {
    return core / (tilesX * tilesY * coresPerTile);
  }

  /** The router (tile) of a core, as a board-wide index {@code y * routersX + x}. */
  public int routerOf(int core) {
    int perChip = tilesX * tilesY * coresPerTile;
    int chip = core / perChip, local = core % perChip;
    int tile = local / coresPerTile;
    int x = (chip % chipsX) * tilesX + tile % tilesX;
    int y = (chip / chipsX) * tilesY + tile / tilesX;
    return y * routersX + x;
  }

  /** Which of its router's local ports a core uses. */
  public int slotOf(int core) {
    return core % coresPerTile;
  }

  /** The core at local port {@code slot} of router {@code r}. */
  public int coreAt(int r, int slot) {
    int x = x(r), y = y(r);
    int chip = (y / tilesY) * chipsX + x / tilesX;
    int tile = (y % tilesY) * tilesX + x % tilesX;
    return chip * tilesX * tilesY * coresPerTile + tile * coresPerTile + slot;
  }

  public int x(int router) {
    return router % routersX;
  }

  public int y(int router) {
    return router / routersX;
  }

  /** Whether the link between column x and x + 1 joins two chips. */
  public boolean chipBoundaryX(int x) {
    return (x + 1) % tilesX == 0;
  }

  /** Whether the link between row y and y + 1 joins two chips. */
  public boolean chipBoundaryY(int y) {
    return (y + 1) % tilesY == 0;
  }
}
