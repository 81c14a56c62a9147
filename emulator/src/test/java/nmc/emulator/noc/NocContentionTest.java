package nmc.emulator.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import nmc.emulator.chip.ChipSpec;
import org.junit.jupiter.api.Test;

/** Link-level timing: exact cycle counts the link model predicts, contention, back-pressure, hop costs. */
class NocContentionTest {
  private static final int EW = 14, NS = 22, LOCAL = 7, CHIP = 50;

  /** A row of three routers with one core each: cores 0, 1, 2 left to right. */
  private static MeshNoc row(int depth) {
    return new MeshNoc(new NocTopology(new ChipSpec.Mesh(3, 1, 1), 1, 1), new NocTiming(EW, NS, LOCAL, CHIP, depth));
  }

  private static long flood(MeshNoc noc, int n, int... sources) {
    noc.clear();
    for (int src : sources) for (int i = 0; i < n; i++) noc.send(src, 2, 0, 1);
    return noc.run();
  }

  @Test
  void oneCoreAloneIsLimitedByItsInjectionRate() {
    int n = 40;
    // Message j enters router 1 at cycle j, leaves it at j + 1, reaches router 2 at j + 1 + EW, the core's queue
    // LOCAL cycles later, and keeps the core busy 1 cycle: the last one (j = n - 1) is done at n + EW + LOCAL + 1.
    assertEquals(n + EW + LOCAL + 1, flood(row(16), n, 1));
  }

  @Test
  void twoCoresFloodingOneRouterShareItsLink() {
    int n = 40;
    MeshNoc noc = row(16);
    Set<Long> linkUse = new HashSet<>();
    long[] firstLast = {Long.MAX_VALUE, 0};
    noc.trace(new NocTrace() {
      @Override
      public void departed(int msg, int router, int outPort, int toRouter, long cycle, long arrival) {
        assertTrue(linkUse.add(cycle * 64 + router * 8 + outPort), "two messages on one link in one cycle");
        if (router == 1 && outPort == MeshNoc.EAST) {
          firstLast[0] = Math.min(firstLast[0], cycle);
          firstLast[1] = Math.max(firstLast[1], cycle);
        }
      }
    });
    long both = flood(noc, n, 0, 1);
    // The 2n messages share the link from router 1 to router 2, one per cycle, and it never idles: it carries core 1's
    // messages from cycle 1 and core 0's (which arrive from cycle 1 + EW) in between. So the last leaves at 2n.
    assertEquals(1, firstLast[0]);
    assertEquals(2L * n, firstLast[1]);
    assertEquals(2L * n + EW + LOCAL + 1, both);
    assertEquals(n, both - flood(row(16), n, 1), "contention costs exactly the other core's n link slots");
  }

  @Test
  void shallowBuffersThrottleTheFarFlow() {
    int n = 40;
    long deep = flood(row(16), n, 0, 1);
    MeshNoc shallow = row(2);
    long slow = flood(shallow, n, 0, 1);
    // With 2 entries per buffer, core 0's flow gets 2 credits per round trip of EW + 1 cycles, so the shared link
    // idles. Nothing is lost: all 2n messages still arrive (run() only returns when every message was consumed).
    assertTrue(slow > deep, slow + " vs " + deep);
    assertEquals(2 * n, shallow.messages());
    assertEquals(2L * n, shallow.hopsLocal());
  }

  @Test
  void northSouthHopsCostMoreThanEastWestAndChipLinksTheirOwn() {
    MeshNoc grid = new MeshNoc(new NocTopology(new ChipSpec.Mesh(3, 3, 1), 1, 1), new NocTiming(EW, NS, LOCAL, CHIP, 16));
    grid.clear();
    grid.send(0, 2, 0, 1); // two hops east
    long east = grid.run();
    assertEquals(2, grid.hopsEastWest());
    grid.clear();
    grid.send(0, 6, 0, 1); // two hops north (router 6 = (0, 2))
    long north = grid.run();
    assertEquals(2, grid.hopsNorthSouth());
    assertEquals(2 * (NS - EW), north - east);
    assertEquals(1 + 2 * EW + LOCAL + 1, east);

    // Two chips of one tile side by side: the hop between them is a chip-to-chip link.
    MeshNoc board = new MeshNoc(new NocTopology(new ChipSpec.Mesh(1, 1, 1), 2, 1), new NocTiming(EW, NS, LOCAL, CHIP, 16));
    board.clear();
    board.send(0, 1, 0, 1);
    assertEquals(1 + CHIP + LOCAL + 1, board.run());
    assertEquals(1, board.hopsChip());
    assertEquals(0, board.hopsEastWest());
  }

  @Test
  void aBusyCoreBacksUpTheNetwork() {
    // Core 2 needs 10 cycles per message: 20 messages take at least 200 cycles once they start arriving.
    MeshNoc noc = row(4);
    noc.clear();
    for (int i = 0; i < 20; i++) noc.send(1, 2, 0, 10);
    long end = noc.run();
    assertEquals(1 + EW + LOCAL + 20 * 10, end);
  }
}
