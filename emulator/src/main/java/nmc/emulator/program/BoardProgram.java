package nmc.emulator.program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What every chip program shares: the chip description {@code S}, the board of {@code chipsX x chipsY} chips and one
 * core program {@code C} per used core, indexed by global core id (null when unused). The chip-specific subclasses
 * add their checks in their builders.
 */
public abstract class BoardProgram<S, C> {
  private final S chip;
  private final int chipsX, chipsY;
  private final C[] cores;

  protected BoardProgram(S chip, int chipsX, int chipsY, C[] cores) {
    this.chip = chip;
    this.chipsX = chipsX;
    this.chipsY = chipsY;
    this.cores = cores;
  }

  public S chip() {
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
  public C core(int id) {
    return cores[id];
  }

  /** Collects the cores of a board; {@code B} is the concrete builder, so calls chain. */
  public abstract static class Builder<S, C, B extends Builder<S, C, B>> {
    protected final S chip;
    protected int chipsX, chipsY;
    private final List<C> cores = new ArrayList<>();

    protected Builder(S chip, int chipsX, int chipsY) {
      this.chip = chip;
      this.chipsX = chipsX;
      this.chipsY = chipsY;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** A board of {@code x} by {@code y} chips (default: the chip description's board). */
    public B board(int x, int y) {
      if (x < 1 || y < 1) throw new IllegalArgumentException("board must be at least 1x1");
      chipsX = x;
      chipsY = y;
      return self();
    }

    public B core(int id, C program) {
      if (id < 0) throw new IllegalArgumentException("negative core id " + id);
      while (cores.size() <= id) cores.add(null);
      cores.set(id, program);
      return self();
    }

    /**
     * Every core slot of the board ({@code coresPerChip} per chip), with the programs given; a program beyond the
     * board is reported in {@code problems} (and kept, so its own checks still run).
     */
    protected C[] collect(int coresPerChip, String chipName, IntFunction<C[]> newArray, List<String> problems) {
      int total = coresPerChip * chipsX * chipsY;
      if (cores.size() > total) {
        problems.add("the program uses core " + (cores.size() - 1) + " but a " + chipsX + "x" + chipsY + " board of '"
            + chipName + "' has " + total + " cores");
      }
      return Arrays.copyOf(cores.toArray(newArray.apply(0)), Math.max(total, cores.size()));
    }

    /** Checks stop collecting past this many problems (a badly broken program would build millions of messages). */
    protected static final int PROBLEMS_MAX = 200;

    /** Shown of the problems collected; the rest are counted. */
    private static final int PROBLEMS_SHOWN = 50;

    /** Nothing when {@code problems} is empty; else one {@link nmc.diag.UserError} that lists them against the chip. */
    protected static void failIfAny(List<String> problems, String chipName, Object origin) {
      if (problems.isEmpty()) return;
      String hint = "the mapping must respect the limits of chip '" + chipName + "' (" + origin + ")";
      List<nmc.diag.Diagnostic> d = new ArrayList<>();
      for (String m : problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()))) d.add(nmc.diag.Diagnostic.error(nmc.ir.Span.NONE, m, hint, ""));
      int more = problems.size() - PROBLEMS_SHOWN;
      if (more > 0) d.add(nmc.diag.Diagnostic.error(nmc.ir.Span.NONE, "... and " + (problems.size() >= PROBLEMS_MAX ? "at least " : "") + more
          + " more problems", "", ""));
      throw new nmc.diag.UserError(d);
    }
  }
}
