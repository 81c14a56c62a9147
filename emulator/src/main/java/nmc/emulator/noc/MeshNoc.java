package nmc.emulator.noc;

import java.util.Arrays;
import nmc.ir.build.IntList;

/**
 * A cycle-level model of the mesh for one time step: spike messages go hop by hop with dimension-order routing
 * (x first, then y), every link carries at most one message per cycle and delivers it after its latency, every
 * router input port and every core input queue has a finite buffer, and a sender needs a free entry downstream
 * (counting messages still on the link) before it sends, so a full buffer stalls the traffic behind it. Nothing is
 * dropped or duplicated. Arbitration is round robin per output port, so runs are deterministic.
 *
 * <p>Each core's input unit (axon in plus synaptic ops) works through its queue one message at a time; it runs
 * beside the core's compartment update (the core is a pipeline), so only its own backlog delays it.
 *
 * <p>Per cycle, in this order: link arrivals enter their buffers; each idle input unit takes the head of its queue
 * and is busy for that message's cost; each router forwards at most one message per output port (and at most one
 * per input port: only buffer heads move); each core injects at most one ready message into its router; buffer
 * entries freed in the cycle become usable in the next one.
 *
 * <p>Use: {@link #clear}, {@link #coreBusyUntil} for input units with work not sent over the mesh, {@link #send} for every
 * message (per source core in order of ready cycle), {@link #run}, then read the counters.
 */
public final class MeshNoc {
  /** Output ports; {@code EJECT + slot} delivers to the core at that local port. */
  public static final int EAST = 0, WEST = 1, NORTH = 2, SOUTH = 3, EJECT = 4;
  // Input ports are named by where the message came from: 0 from the west (it travels east), 1 from the east,
  // 2 from the south, 3 from the north, 4 + slot from a local core.
  private static final int FROM_WEST = 0, FROM_EAST = 1, FROM_SOUTH = 2, FROM_NORTH = 3, LOCAL = 4;

  private final NocTopology topo;
  private final NocTiming tm;
  private final int routers, ports, cores, depth, routerBuffers;
  private final int[] routerOfCore, slotOfCore;

  private final int[] store; // ring storage, depth entries per buffer (router inputs, then core queues)
  private final int[] head, size, reserved;
  private final int[] occupancy; // messages stored per router
  private int stored, queued;
  private final int[] roundRobin;
  private final int[] want;

  private final long[] busy, consumeCycles;
  private final int[] lastMsg;
  private final IntList activeRouters = new IntList(), activeQueues = new IntList();
  private final boolean[] routerListed, queueListed;
  private final int[] outHead, outTail;
  private final IntList senders = new IntList();

  private int[] msgDst = new int[64], msgCost = new int[64], msgReady = new int[64], msgNext = new int[64], flightBuf = new int[64];
  private long[] msgArrival = new long[64];
  private int msgCount;
  private long[] heap = new long[64];
  private int heapSize;
  private final IntList frees = new IntList();

  private long hopsEastWest, hopsNorthSouth, hopsChip, hopsLocal;
  private boolean progress;
  private final int[] wantedOutputs;
  private NocTrace trace;
  // Per router and output port: the buffer it feeds, the link latency and the kind of hop (tables built once).
  private final int[] downBuf, linkLatency;
  private final byte[] hopKind;
  private static final byte HOP_EW = 0, HOP_NS = 1, HOP_CHIP = 2, HOP_LOCAL = 3;
  private final int[] upstream; // per buffer: the router that sends into it (-1 for a core's injection port)
  private final int[] routerX, routerY;
  private final boolean[] dirty; // a router needs arbitration only after its inputs or downstream credits changed
  private int[] msgOut = new int[64], msgDstRouter = new int[64];

  public MeshNoc(NocTopology topo, NocTiming timing) {
    this.topo = topo;
    this.tm = timing;
    routers = topo.routers();
    ports = 4 + topo.coresPerRouter();
    cores = topo.cores();
    depth = timing.bufferDepth();
    routerBuffers = routers * ports;
    int buffers = routerBuffers + cores;
    store = new int[buffers * depth];
    head = new int[buffers];
    size = new int[buffers];
    reserved = new int[buffers];
    occupancy = new int[routers];
    roundRobin = new int[routerBuffers];
    want = new int[ports];
    wantedOutputs = new int[ports];
    busy = new long[cores];
    consumeCycles = new long[cores];
    lastMsg = new int[cores];
    routerListed = new boolean[routers];
    queueListed = new boolean[cores];
    outHead = new int[cores];
    outTail = new int[cores];
    routerOfCore = new int[cores];
    slotOfCore = new int[cores];
    for (int c = 0; c < cores; c++) {
      routerOfCore[c] = topo.routerOf(c);
      slotOfCore[c] = topo.slotOf(c);
    }
    routerX = new int[routers];
    routerY = new int[routers];
    for (int r = 0; r < routers; r++) {
      routerX[r] = topo.x(r);
      routerY[r] = topo.y(r);
    }
    downBuf = new int[routerBuffers];
    linkLatency = new int[routerBuffers];
    hopKind = new byte[routerBuffers];
    upstream = new int[routerBuffers + cores];
    java.util.Arrays.fill(upstream, -1);
    dirty = new boolean[routers];
    int rx = topo.routersX(), ry = topo.routersY();
    for (int r = 0; r < routers; r++) {
      int x = routerX[r], y = routerY[r];
      for (int o = 0; o < ports; o++) {
        int k = r * ports + o;
        switch (o) {
          case EAST, WEST -> {
            boolean valid = o == EAST ? x + 1 < rx : x > 0;
            boolean chip = o == EAST ? topo.chipBoundaryX(x) : x > 0 && topo.chipBoundaryX(x - 1);
            downBuf[k] = !valid ? -1 : o == EAST ? (r + 1) * ports + FROM_WEST : (r - 1) * ports + FROM_EAST;
            linkLatency[k] = chip ? tm.chip() : tm.eastWest();
            hopKind[k] = chip ? HOP_CHIP : HOP_EW;
          }
          case NORTH, SOUTH -> {
            boolean valid = o == NORTH ? y + 1 < ry : y > 0;
            boolean chip = o == NORTH ? topo.chipBoundaryY(y) : y > 0 && topo.chipBoundaryY(y - 1);
            downBuf[k] = !valid ? -1 : o == NORTH ? (r + rx) * ports + FROM_SOUTH : (r - rx) * ports + FROM_NORTH;
            linkLatency[k] = chip ? tm.chip() : tm.northSouth();
            hopKind[k] = chip ? HOP_CHIP : HOP_NS;
          }
          default -> {
            downBuf[k] = routerBuffers + topo.coreAt(r, o - EJECT);
            linkLatency[k] = tm.local();
            hopKind[k] = HOP_LOCAL;
          }
        }
        if (downBuf[k] >= 0) upstream[downBuf[k]] = r;
      }
    }
    clear();
  }

  public NocTopology topology() {
    return topo;
  }

  public NocTiming timing() {
    return tm;
  }

  /** Observe every move (null: none). */
  public void trace(NocTrace t) {
    trace = t;
  }

  /** Forgets the messages and counters of the last step. */
  public void clear() {
    msgCount = 0;
    Arrays.fill(busy, 0);
    Arrays.fill(consumeCycles, 0);
    Arrays.fill(lastMsg, -1);
    Arrays.fill(outHead, -1);
    Arrays.fill(outTail, -1);
    Arrays.fill(roundRobin, ports - 1);
    senders.clear();
    hopsEastWest = hopsNorthSouth = hopsChip = hopsLocal = 0;
  }

  /** The core's input unit cannot take messages before this cycle (work that did not come over the mesh). */
  public void coreBusyUntil(int core, long cycle) {
    busy[core] = cycle;
  }

  /**
   * Queues a message from {@code src} to {@code dst}, ready to leave at {@code readyCycle}; {@code dst} is busy
   * {@code cost} cycles (at least 1) processing it. A core's messages leave in the order they are sent, so their
   * ready cycles must not decrease. Returns the message id (for traces).
   */
  public int send(int src, int dst, int readyCycle, int cost) {
    if (cost < 1) throw new IllegalArgumentException("message cost must be at least one cycle");
    if (outTail[src] >= 0 && msgReady[outTail[src]] > readyCycle) {
      throw new IllegalArgumentException("messages of core " + src + " must be sent in order of ready cycle");
    }
    if (msgCount == msgDst.length) grow();
    int m = msgCount++;
    msgDst[m] = dst;
    msgDstRouter[m] = routerOfCore[dst];
    msgCost[m] = cost;
    msgReady[m] = readyCycle;
    msgNext[m] = -1;
    if (outTail[src] < 0) {
      outHead[src] = m;
      senders.add(src);
    } else {
      msgNext[outTail[src]] = m;
    }
    outTail[src] = m;
    return m;
  }

  private void grow() {
    int n = msgDst.length * 2;
    msgDst = Arrays.copyOf(msgDst, n);
    msgCost = Arrays.copyOf(msgCost, n);
    msgReady = Arrays.copyOf(msgReady, n);
    msgNext = Arrays.copyOf(msgNext, n);
    flightBuf = Arrays.copyOf(flightBuf, n);
    msgArrival = Arrays.copyOf(msgArrival, n);
    msgOut = Arrays.copyOf(msgOut, n);
    msgDstRouter = Arrays.copyOf(msgDstRouter, n);
  }

  /** Moves every message to its core; returns the cycle at which the last core is idle. */
  public long run() {
    int remaining = msgCount;
    long cycle = 0;
    while (remaining > 0) {
      progress = false;
      while (heapSize > 0 && (heap[0] >>> 32) == cycle) {
        int m = (int) heapPop();
        int b = flightBuf[m];
        push(b, m);
        progress = true;
        if (b >= routerBuffers) {
          queued++;
          msgArrival[m] = cycle;
          listQueue(b - routerBuffers);
        } else {
          enterRouter(b, m);
        }
      }
      if (queued > 0) remaining -= consume(cycle);
      if (stored > 0) switchRouters(cycle);
      inject(cycle);
      for (int i = 0, n = frees.size(); i < n; i++) {
        int b = frees.get(i);
        reserved[b]--;
        if (upstream[b] >= 0) dirty[upstream[b]] = true; // a credit came back
      }
      frees.clear();
      // A cycle in which nothing moved leaves every buffer and credit as it was, so nothing can move before the
      // next arrival, input unit becoming free or message becoming ready: jump there.
      if (remaining > 0) cycle = progress && stored > 0 ? cycle + 1 : nextEvent(cycle);
    }
    long end = 0;
    for (long b : busy) end = Math.max(end, b);
    return end;
  }

  private void listQueue(int c) {
    if (!queueListed[c]) {
      queueListed[c] = true;
      activeQueues.add(c);
    }
  }

  /** Message m entered router buffer b (already pushed): decide its output now, once. */
  private void enterRouter(int b, int m) {
    int r = b / ports;
    msgOut[m] = route(r, m);
    dirty[r] = true;
    addToRouter(r);
  }

  private void addToRouter(int r) {
    occupancy[r]++;
    stored++;
    if (!routerListed[r]) {
      routerListed[r] = true;
      activeRouters.add(r);
    }
  }

  private int consume(long cycle) {
    int done = 0, kept = 0;
    int[] list = activeQueues.raw();
    for (int i = 0, n = activeQueues.size(); i < n; i++) {
      int c = list[i];
      int b = routerBuffers + c;
      if (busy[c] <= cycle) {
        int m = pop(b);
        queued--;
        frees.add(b);
        busy[c] = cycle + msgCost[m];
        consumeCycles[c] += msgCost[m];
        lastMsg[c] = m;
        done++;
        progress = true;
        if (trace != null) trace.consumed(m, c, cycle);
      }
      if (size[b] > 0) list[kept++] = c;
      else queueListed[c] = false;
    }
    activeQueues.truncate(kept);
    return done;
  }

  /** Routers in the order they became active (the order does not matter: each buffer has one upstream link). */
  private void switchRouters(long cycle) {
    int[] list = activeRouters.raw();
    int n = activeRouters.size();
    for (int i = 0; i < n; i++) switchRouter(list[i], cycle);
    int kept = 0;
    for (int i = 0; i < activeRouters.size(); i++) {
      int r = list[i];
      if (occupancy[r] > 0) list[kept++] = r;
      else routerListed[r] = false;
    }
    activeRouters.truncate(kept);
  }

  private void switchRouter(int r, long cycle) {
    if (!dirty[r]) return; // nothing changed since it last found every output blocked
    dirty[r] = false;
    int base = r * ports;
    int nWanted = 0;
    for (int i = 0; i < ports; i++) {
      if (size[base + i] == 0) {
        want[i] = -1;
        continue;
      }
      int o = msgOut[store[(base + i) * depth + head[base + i]]];
      want[i] = o;
      boolean seen = false;
      for (int k = 0; k < nWanted; k++) seen |= wantedOutputs[k] == o;
      if (!seen) wantedOutputs[nWanted++] = o;
    }
    for (int w = 0; w < nWanted; w++) {
      int o = wantedOutputs[w];
      int k = base + o;
      int dst = downBuf[k];
      if (reserved[dst] >= depth) continue; // back-pressure: the output waits, and so do the inputs behind it
      int i = roundRobin[k];
      do {
        i = i + 1 == ports ? 0 : i + 1;
      } while (want[i] != o);
      int m = pop(base + i);
      occupancy[r]--;
      stored--;
      frees.add(base + i);
      reserved[dst]++;
      int lat = linkLatency[k];
      switch (hopKind[k]) {
        case HOP_EW -> hopsEastWest++;
        case HOP_NS -> hopsNorthSouth++;
        case HOP_CHIP -> hopsChip++;
        default -> hopsLocal++;
      }
      flightBuf[m] = dst;
      heapPush(((cycle + lat) << 32) | m);
      roundRobin[k] = i;
      progress = true;
      dirty[r] = true; // new heads next cycle
      if (trace != null) trace.departed(m, r, o, o >= EJECT ? -1 : (dst / ports), cycle, cycle + lat);
    }
  }

  /** Dimension order: x first, then y, then the destination core's local port. */
  private int route(int r, int m) {
    int dr = msgDstRouter[m];
    int dx = routerX[dr] - routerX[r];
    if (dx > 0) return EAST;
    if (dx < 0) return WEST;
    int dy = routerY[dr] - routerY[r];
    if (dy > 0) return NORTH;
    if (dy < 0) return SOUTH;
    return EJECT + slotOfCore[msgDst[m]];
  }

  private void inject(long cycle) {
    int kept = 0;
    int[] s = senders.raw();
    for (int i = 0, n = senders.size(); i < n; i++) {
      int c = s[i];
      int m = outHead[c];
      if (msgReady[m] <= cycle) {
        int r = routerOfCore[c];
        int b = r * ports + LOCAL + slotOfCore[c];
        if (reserved[b] < depth) {
          reserved[b]++;
          push(b, m);
          enterRouter(b, m);
          progress = true;
          if (trace != null) trace.injected(m, r, cycle);
          outHead[c] = msgNext[m];
          if (outHead[c] < 0) {
            outTail[c] = -1;
            continue; // no more messages from c: drop it from the senders
          }
        }
      }
      s[kept++] = c;
    }
    senders.truncate(kept);
  }

  /** The next cycle at which anything can happen when no router holds a message. */
  private long nextEvent(long cycle) {
    long next = Long.MAX_VALUE;
    if (heapSize > 0) next = heap[0] >>> 32;
    int[] s = senders.raw();
    for (int i = 0, n = senders.size(); i < n; i++) {
      int c = s[i];
      if (reserved[routerOfCore[c] * ports + LOCAL + slotOfCore[c]] >= depth) continue; // waits for a free entry
      next = Math.min(next, Math.max(cycle + 1, msgReady[outHead[c]]));
    }
    int[] q = activeQueues.raw();
    for (int i = 0, n = activeQueues.size(); i < n; i++) next = Math.min(next, Math.max(cycle + 1, busy[q[i]]));
    if (next == Long.MAX_VALUE) throw new IllegalStateException("network stalled with messages outstanding");
    return next;
  }

  private void push(int b, int m) {
    store[b * depth + (head[b] + size[b]) % depth] = m;
    size[b]++;
  }

  private int pop(int b) {
    int m = store[b * depth + head[b]];
    head[b] = (head[b] + 1) % depth;
    size[b]--;
    return m;
  }

  private void heapPush(long key) {
    if (heapSize == heap.length) heap = Arrays.copyOf(heap, heapSize * 2);
    int i = heapSize++;
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (heap[p] <= key) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = key;
  }

  private long heapPop() {
    long top = heap[0];
    long last = heap[--heapSize];
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= heapSize) break;
      int c = l + 1 < heapSize && heap[l + 1] < heap[l] ? l + 1 : l;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    if (heapSize > 0) heap[i] = last;
    return top & 0xFFFFFFFFL;
  }

  /** Messages queued by {@link #send} since {@link #clear}. */
  public int messages() {
    return msgCount;
  }

  /** The cycle at which core c's input unit finished its last message (or its {@link #coreBusyUntil}). */
  public long coreFinish(int c) {
    return busy[c];
  }

  /** The last message core c processed (-1: none). */
  public int lastMessage(int c) {
    return lastMsg[c];
  }

  /** When message m was ready to leave its source core. */
  public int messageReady(int m) {
    return msgReady[m];
  }

  /** When message m entered its destination core's queue. */
  public long messageArrival(int m) {
    return msgArrival[m];
  }

  /** Cycles core c spent processing received messages. */
  public long coreConsumeCycles(int c) {
    return consumeCycles[c];
  }

  public long hopsEastWest() {
    return hopsEastWest;
  }

  public long hopsNorthSouth() {
    return hopsNorthSouth;
  }

  public long hopsChip() {
    return hopsChip;
  }

  /** Deliveries from a router to a core (one per message). */
  public long hopsLocal() {
    return hopsLocal;
  }
}
