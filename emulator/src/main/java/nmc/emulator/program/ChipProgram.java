package nmc.emulator.program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nmc.diag.UserError;
import nmc.emulator.chip.ChipSpec;

/**
 * A whole program for a board of chips: one {@link CoreProgram} per used core, indexed by global core id.
 *
 * <p>Global core ids: chip {@code k = id / coresPerChip} sits at ({@code k % chipsX}, {@code k / chipsX}) on the
 * board; on its chip, core {@code l = id % coresPerChip} is slot {@code l % coresPerTile} of tile
 * {@code l / coresPerTile}, and tile {@code t} sits at ({@code t % tilesX}, {@code t / tilesX}) in the chip's mesh.
 * Fan-out edges name global core ids.
 */
public final class ChipProgram {
  private final ChipSpec chip;
  private final int chipsX, chipsY;
  private final CoreProgram[] cores;

  private ChipProgram(ChipSpec chip, int chipsX, int chipsY, CoreProgram[] cores) {
    this.chip = chip;
    this.chipsX = chipsX;
    this.chipsY = chipsY;
    this.cores = cores;
  }

  public static Builder builder(ChipSpec chip) {
    return new Builder(chip);
  }

  public ChipSpec chip() {
    return chip;
  }

  public int chipsX() {
    return chipsX;
  }

  public int chipsY() {
    return chipsY;
  }

  /** Cores on the board (used or not). */
  public int coreCount() {
    return cores.length;
  }

  /** The program of core {@code id}, or null when the core is unused. */
  public CoreProgram core(int id) {
    return cores[id];
  }

  /** Collects the cores, then checks the whole program against the chip. */
  public static final class Builder {
    private final ChipSpec chip;
    private int chipsX, chipsY;
    private final List<CoreProgram> cores = new ArrayList<>();

    private Builder(ChipSpec chip) {
      this.chip = chip;
      chipsX = chip.board().chipsX();
      chipsY = chip.board().chipsY();
    }

    /** A board of {@code x} by {@code y} chips (default: the chip description's board). */
    public Builder board(int x, int y) {
      if (x < 1 || y < 1) throw new IllegalArgumentException("board must be at least 1x1");
      chipsX = x;
      chipsY = y;
      return this;
    }

    public Builder core(int id, CoreProgram program) {
      if (id < 0) throw new IllegalArgumentException("negative core id " + id);
      while (cores.size() <= id) cores.add(null);
      cores.set(id, program);
      return this;
    }

    /** Checks every limit of the chip; all problems are reported together in one {@link UserError}. */
    public ChipProgram build() {
      int total = chip.coresPerChip() * chipsX * chipsY;
      List<String> problems = new ArrayList<>();
      if (cores.size() > total) {
        problems.add("the program uses core " + (cores.size() - 1) + " but a " + chipsX + "x" + chipsY + " board of '"
            + chip.name() + "' has " + total + " cores");
      }
      CoreProgram[] arr = Arrays.copyOf(cores.toArray(new CoreProgram[0]), Math.max(total, cores.size()));
      for (int id = 0; id < arr.length; id++) {
        if (arr[id] != null) ProgramChecks.check(chip, id, arr[id], arr, problems);
      }
      if (!problems.isEmpty()) {
        throw new UserError(problems.stream()
            .limit(50)
            .map(m -> nmc.diag.Diagnostic.error(nmc.ir.Span.NONE, m,
                "the mapping must respect the limits of chip '" + chip.name() + "' (" + chip.origin() + ")", ""))
            .toList());
      }
      return new ChipProgram(chip, chipsX, chipsY, arr);
    }
  }
}
