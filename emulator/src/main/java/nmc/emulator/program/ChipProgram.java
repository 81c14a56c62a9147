package nmc.emulator.program;

import java.util.ArrayList;
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
public final class ChipProgram extends BoardProgram<ChipSpec, CoreProgram> {
  private ChipProgram(ChipSpec chip, int chipsX, int chipsY, CoreProgram[] cores) {
    super(chip, chipsX, chipsY, cores);
  }

  public static Builder builder(ChipSpec chip) {
    return new Builder(chip);
  }

  /** Collects the cores, then checks the whole program against the chip. */
  public static final class Builder extends BoardProgram.Builder<ChipSpec, CoreProgram, Builder> {
    private Builder(ChipSpec chip) {
      super(chip, chip.board().chipsX(), chip.board().chipsY());
    }

    /** Checks every limit of the chip; all problems are reported together in one {@link UserError}. */
    public ChipProgram build() {
      List<String> problems = new ArrayList<>();
      CoreProgram[] arr = collect(chip.coresPerChip(), chip.name(), CoreProgram[]::new, problems);
      for (int id = 0; id < arr.length && problems.size() < PROBLEMS_MAX; id++) {
        if (arr[id] != null) ProgramChecks.check(chip, id, arr[id], arr, problems);
      }
      failIfAny(problems, chip.name(), chip.origin());
      return new ChipProgram(chip, chipsX, chipsY, arr);
    }
  }
}
