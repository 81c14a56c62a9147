package nmc.emulator.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nmc.emulator.chip.ChipSpec;
import org.junit.jupiter.api.Test;

/**
 * Random boards, timings and traffic through {@link MeshNoc}, checked from its trace: every message is consumed
 * exactly once by its destination core, its path is dimension-ordered (all x hops, then all y hops, then the
 * destination's local port), no link carries two messages in one cycle, links take their latency, and no buffer
 * ever holds (or has promised) more entries than its depth.
 */
class NocPropertyTest {

  @Test
  void everyMessageArrivesOnceOnADimensionOrderPath() {
    qt().withFixedSeed(42L).withExamples(400).forAll(longs().all()).checkAssert(NocPropertyTest::check);
  }

  private static void check(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NocTopology topo = new NocTopology(new ChipSpec.Mesh(1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(3)), 1 + r.nextInt(2), 1 + r.nextInt(2));
    NocTiming tm = new NocTiming(1 + r.nextInt(5), 1 + r.nextInt(5), 1 + r.nextInt(3), 1 + r.nextInt(8), 1 + r.nextInt(4));
    MeshNoc noc = new MeshNoc(topo, tm);
    int cores = topo.cores();
    int hot = r.nextInt(cores); // a third of the traffic goes to one core, to make contention likely
    int count = r.nextInt(150);
    int[] src = new int[count], dst = new int[count], ready = new int[count], cost = new int[count];
    for (int i = 0; i < count; i++) {
      src[i] = r.nextInt(cores);
      dst[i] = r.nextInt(3) == 0 ? hot : r.nextInt(cores);
      ready[i] = r.nextInt(30);
      cost[i] = 1 + r.nextInt(4);
    }
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> src[a] != src[b] ? Integer.compare(src[a], src[b]) : Integer.compare(ready[a], ready[b]));

    Recorder rec = new Recorder(topo, tm);
    noc.trace(rec);
    noc.clear();
    for (int k = 0; k < 4; k++) noc.coreBusyUntil(r.nextInt(cores), r.nextInt(20));
    int[] msgOf = new int[count]; // message id -> generated index
    for (int i : order) {
      int m = noc.send(src[i], dst[i], ready[i], cost[i]);
      msgOf[m] = i;
      rec.srcSlot.put(m, topo.slotOf(src[i]));
    }
    long end = noc.run();

    assertEquals(count, rec.consumedBy.size(), "messages in = messages out");
    for (int m = 0; m < count; m++) {
      int i = msgOf[m];
      assertEquals(dst[i], rec.consumedBy.get(m), "message " + m + " reached the wrong core");
      assertEquals(1, rec.consumeCount.get(m), "message " + m + " consumed more than once");
      assertTrue(rec.injectedAt.get(m) >= ready[i], "message " + m + " left before it was ready");
      assertTrue(rec.consumedAt.get(m) + cost[i] <= end, "run() ended before the work of message " + m);
      checkPath(topo, rec.path.get(m), topo.routerOf(src[i]), topo.routerOf(dst[i]), topo.slotOf(dst[i]));
    }
    rec.checkBuffers(tm.bufferDepth());
  }

  /** Routers visited: x moves in one direction until x matches, then y moves, then ejection at the right slot. */
  private static void checkPath(NocTopology topo, List<int[]> hops, int from, int to, int slot) {
    int r = from;
    boolean yPhase = false;
    for (int k = 0; k < hops.size(); k++) {
      int[] h = hops.get(k); // {router, outPort}
      assertEquals(r, h[0], "a message continued from a router it was not in");
      int out = h[1];
      int dx = topo.x(to) - topo.x(r), dy = topo.y(to) - topo.y(r);
      if (k == hops.size() - 1) {
        assertEquals(to, r, "ejected before reaching the destination router");
        assertEquals(MeshNoc.EJECT + slot, out, "ejected to the wrong local port");
        return;
      }
      switch (out) {
        case MeshNoc.EAST -> { assertTrue(dx > 0 && !yPhase, "east hop not in x-first order"); r += 1; }
        case MeshNoc.WEST -> { assertTrue(dx < 0 && !yPhase, "west hop not in x-first order"); r -= 1; }
        case MeshNoc.NORTH -> { assertTrue(dx == 0 && dy > 0, "north hop before x was done"); yPhase = true; r += topo.routersX(); }
        case MeshNoc.SOUTH -> { assertTrue(dx == 0 && dy < 0, "south hop before x was done"); yPhase = true; r -= topo.routersX(); }
        default -> throw new AssertionError("ejected at an intermediate router");
      }
    }
    throw new AssertionError("the message never left the network");
  }

  /** Everything the trace reports, plus the per-link and per-buffer bookkeeping the checks need. */
  private static final class Recorder implements NocTrace {
    final NocTopology topo;
    final NocTiming tm;
    final Map<Integer, List<int[]>> path = new HashMap<>();
    final Map<Integer, Integer> consumedBy = new HashMap<>(), consumeCount = new HashMap<>(), srcSlot = new HashMap<>();
    final Map<Integer, Long> consumedAt = new HashMap<>(), injectedAt = new HashMap<>();
    final Set<Long> linkCycles = new HashSet<>();
    // Buffer occupancy intervals: a message holds an entry of a buffer from when it was sent toward it (or injected)
    // to the cycle it left it (the entry is free again the next cycle).
    final Map<Integer, Long> holdingSince = new HashMap<>(); // message -> cycle
    final Map<Integer, Integer> holdingBuffer = new HashMap<>(); // message -> buffer key
    final List<long[]> intervals = new ArrayList<>(); // {buffer, from, to}

    Recorder(NocTopology topo, NocTiming tm) {
      this.topo = topo;
      this.tm = tm;
    }

    @Override
    public void injected(int msg, int router, long cycle) {
      injectedAt.put(msg, cycle);
      path.put(msg, new ArrayList<>());
      hold(msg, router * 100 + 50 + srcSlot.get(msg), cycle); // the local input buffer of the source core's port
    }

    @Override
    public void departed(int msg, int router, int outPort, int toRouter, long cycle, long arrival) {
      assertTrue(linkCycles.add((cycle * 1000 + router) * 16 + outPort), "two messages on one link in one cycle");
      path.get(msg).add(new int[] {router, outPort});
      long expected;
      if (outPort >= MeshNoc.EJECT) {
        expected = tm.local();
      } else {
        boolean horizontal = outPort == MeshNoc.EAST || outPort == MeshNoc.WEST;
        boolean chip = horizontal
            ? topo.chipBoundaryX(outPort == MeshNoc.EAST ? topo.x(router) : topo.x(router) - 1)
            : topo.chipBoundaryY(outPort == MeshNoc.NORTH ? topo.y(router) : topo.y(router) - 1);
        expected = chip ? tm.chip() : horizontal ? tm.eastWest() : tm.northSouth();
      }
      assertEquals(expected, arrival - cycle, "link latency");
      release(msg, cycle);
      int buffer = outPort >= MeshNoc.EJECT ? -1 - topo.coreAt(router, outPort - MeshNoc.EJECT) : toRouter * 100 + outPort;
      hold(msg, buffer, cycle);
    }

    @Override
    public void consumed(int msg, int core, long cycle) {
      consumedBy.put(msg, core);
      consumeCount.merge(msg, 1, Integer::sum);
      consumedAt.put(msg, cycle);
      release(msg, cycle);
    }

    private void hold(int msg, int buffer, long cycle) {
      holdingSince.put(msg, cycle);
      holdingBuffer.put(msg, buffer);
    }

    private void release(int msg, long cycle) {
      intervals.add(new long[] {holdingBuffer.get(msg), holdingSince.get(msg), cycle});
    }

    void checkBuffers(int depth) {
      // Per buffer, sweep the intervals: at no cycle may more than depth messages hold an entry.
      Map<Long, List<long[]>> byBuffer = new HashMap<>();
      for (long[] iv : intervals) byBuffer.computeIfAbsent(iv[0], k -> new ArrayList<>()).add(iv);
      for (var e : byBuffer.entrySet()) {
        long key = e.getKey();
        int limit = depth;
        List<long[]> events = new ArrayList<>();
        for (long[] iv : e.getValue()) {
          events.add(new long[] {iv[1], +1});
          events.add(new long[] {iv[2] + 1, -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int level = 0;
        for (long[] ev : events) {
          level += (int) ev[1];
          assertTrue(level <= limit, "buffer " + key + " over its depth: " + level + " > " + limit);
        }
      }
    }
  }
}
