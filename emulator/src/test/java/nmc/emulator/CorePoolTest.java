package nmc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The persistent-worker pool: every core once per phase, all work visible when forEach returns, failures rethrown. */
class CorePoolTest {
  /** A core stand-in: a plain (non-volatile) counter, so a missing happens-before edge would show. */
  static final class Cell {
    final int id;
    long value;
    Cell(int id) {
      this.id = id;
    }
  }

  @Test
  void everyPhaseRunsEachCoreOnceAndItsWritesAreVisibleAfterwards() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      List<Cell> cells = new ArrayList<>();
      for (int i = 0; i < 7; i++) cells.add(new Cell(i));
      long[] extra = new long[1];
      try (CorePool<Cell> pool = new CorePool<>(cells, threads, "test")) {
        for (int phase = 1; phase <= 20_000; phase++) {
          final long add = phase;
          pool.forEach(c -> c.value += add * (c.id + 1), phase % 2 == 0 ? () -> extra[0]++ : null);
          long expectTotal = (long) phase * (phase + 1) / 2;
          for (Cell c : cells) assertEquals(expectTotal * (c.id + 1), c.value, threads + " threads, phase " + phase + ", core " + c.id);
          assertEquals(phase / 2, extra[0], threads + " threads, phase " + phase + ": extra task");
        }
      }
    }
  }

  @Test
  void aFailureInAnyThreadIsRethrownAndThePoolStaysUsable() {
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < 4; i++) cells.add(new Cell(i));
    try (CorePool<Cell> pool = new CorePool<>(cells, 4, "test")) {
      for (int bad = 0; bad < 4; bad++) {
        final int b = bad;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forEach(c -> {
          if (c.id == b) throw new IllegalStateException("core " + b);
        }, null));
        assertEquals("core " + b, e.getMessage());
      }
      pool.forEach(c -> c.value++, null);
      for (Cell c : cells) assertEquals(1, c.value);
    }
  }

  @Test
  void smallProgramsRunOnFewerThreads() {
    EmulatorOptions o = EmulatorOptions.defaults().withThreads(4);
    assertEquals(1, o.threadsFor(4_000), "CUBA-sized: one thread");
    assertEquals(2, o.threadsFor(2L * EmulatorOptions.COMPARTMENTS_PER_THREAD), "two threads' worth");
    assertEquals(4, o.threadsFor(100_000), "never more than asked");
    assertEquals(4, o.withCompartmentsPerThread(1).threadsFor(7), "1 per thread: as asked");
  }
}
