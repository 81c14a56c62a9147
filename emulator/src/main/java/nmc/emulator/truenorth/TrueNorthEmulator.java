package nmc.emulator.truenorth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.emulator.CorePool;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.RunMetrics;
import nmc.emulator.SpikeLog;
import nmc.emulator.StepMetrics;
import nmc.emulator.chip.EnergyProfile;
import nmc.emulator.chip.OpClass;
import nmc.emulator.core.CoreCosts;
import nmc.emulator.noc.MeshNoc;
import nmc.emulator.noc.NocTiming;
import nmc.emulator.noc.NocTopology;

/**
 * Runs a {@link TnChipProgram} tick by tick.
 *
 * <p>One tick {@code t}: (1) every core integrates the axons its scheduler holds for {@code t}, leaks, thresholds
 * and resets (cores in parallel); (2) every spike becomes one packet to its neuron's single destination and sets
 * that axon's bit in the destination core's scheduler for tick {@code t + delay} (delay 1..15), in order of core and
 * neuron; two spikes for the same axon and tick merge into one event, as in the chip's one-bit scheduler (counted as
 * {@code scheduler_collisions}); (3) the mesh model times the packets hop by hop with dimension-order routing
 * ({@link MeshNoc}); (4) the global tick ends the step. So a spike made in tick {@code t} is integrated in tick
 * {@code t + d}, and results are identical for any thread count.
 *
 * <pre>
 * TrueNorthSpec chip = TrueNorthSpec.load("truenorth");
 * TnChipProgram prog = TnChipProgram.builder(chip).core(0, core0).build();
 * try (TrueNorthEmulator emu = TrueNorthEmulator.create(prog, EmulatorOptions.defaults().withSeed(7).withThreads(4))) {
 *   emu.injectSpike(0, 12);   // host input for the next tick
 *   emu.run(1000);
 *   emu.spikes(); emu.potential(0, 5); emu.summary();
 * }
 * </pre>
 *
 * <p>Options ({@link EmulatorOptions}): {@code seed} drives the stochastic modes ({@link TnRandom}); {@code profile}
 * names one of the chip's energy profiles; {@code networkTiming} off skips the cycle-level mesh (spikes, state and
 * all operation counts, hops included, are unchanged: with dimension-order routing the hops follow from source and
 * destination; only the cycles inside a tick are not simulated).
 */
public final class TrueNorthEmulator implements AutoCloseable {
  private final TnChipProgram program;
  private final TrueNorthSpec chip;
  private final TrueNorthSpec.Pricing pricing;
  private final EnergyProfile profile;
  private final EmulatorOptions options;
  private final TnCore[] cores;
  private final TnCore[] used;
  private final NocTopology topo;
  private final MeshNoc noc;
  private final CorePool<TnCore> pool;
  private final boolean timing;
  private final double staticWatts, cycleSeconds;
  private final SpikeLog spikes = new SpikeLog();
  private final RunMetrics metrics = new RunMetrics();
  private StepMetrics last;
  private long tick, collisions, overruns, hostSpikes;
  private long hopsEw, hopsNs, hopsChip, hopsLocal; // this tick, when the mesh is not simulated

  private TrueNorthEmulator(TnChipProgram program, EmulatorOptions options) {
    this.program = program;
    this.chip = program.chip();
    this.options = options;
    this.pricing = chip.profile(options.profile());
    this.profile = pricing.ops();
    this.timing = options.networkTiming();
    cycleSeconds = chip.noc().cycleSeconds();
    CoreCosts costs = CoreCosts.of(profile, cycleSeconds);
    topo = new NocTopology(chip.mesh(), program.chipsX(), program.chipsY());
    noc = timing ? new MeshNoc(topo, NocTiming.of(profile, cycleSeconds, chip.noc().bufferDepth())) : null;
    cores = new TnCore[program.coreCount()];
    List<TnCore> u = new ArrayList<>();
    java.util.Set<Integer> chips = new java.util.TreeSet<>();
    for (int id = 0; id < cores.length; id++) {
      if (program.core(id) == null) continue;
      cores[id] = new TnCore(chip, id, program.core(id), costs);
      u.add(cores[id]);
      chips.add(topo.chipOf(id));
    }
    used = u.toArray(new TnCore[0]);
    long neurons = 0;
    for (TnCore c : used) neurons += c.neurons();
    // as the Loihi emulator: a small program's step is too short to share out (threads wait more than they work)
    pool = new CorePool<>(java.util.Arrays.asList(used), options.threadsFor(neurons), "nmc-truenorth-core");
    staticWatts = pricing.staticWattsPerChip() * Math.max(1, chips.size());
  }

  /** An emulator for the program with the options' profile (a {@link nmc.diag.UserError} if the chip lacks it). */
  public static TrueNorthEmulator create(TnChipProgram program, EmulatorOptions options) {
    return new TrueNorthEmulator(program, options);
  }

  public TnChipProgram program() {
    return program;
  }

  /** The single profile this emulator prices with, with its accounting. */
  public TrueNorthSpec.Pricing pricing() {
    return pricing;
  }

  /** Ticks run so far; the next {@link #step()} runs this tick. */
  public long tickCount() {
    return tick;
  }

  /** A host spike on axon {@code axon} of core {@code core}, integrated in the next tick run. */
  public void injectSpike(int core, int axon) {
    injectSpike(core, axon, tick);
  }

  /**
   * A host spike integrated in tick {@code atTick}, which must lie in the scheduler's window: the next tick to run up
   * to {@code maxDelay} ticks after it. Host spikes do not cross the mesh (the chip periphery is not modelled).
   */
  public void injectSpike(int core, int axon, long atTick) {
    if (core < 0 || core >= cores.length || cores[core] == null) throw new IllegalArgumentException("core " + core + " has no program");
    if (axon < 0 || axon >= cores[core].axons()) throw new IllegalArgumentException("core " + core + " has no axon " + axon);
    int window = chip.core().maxDelay();
    if (atTick < tick || atTick > tick + window) {
      throw new IllegalArgumentException("tick " + atTick + " is outside the scheduler's window " + tick + ".." + (tick + window)
          + " (it holds " + chip.core().schedulerTicks() + " ticks); inject later");
    }
    if (!cores[core].schedule(atTick, axon)) collisions++;
    hostSpikes++;
  }

  public void run(long ticks) {
    for (long i = 0; i < ticks; i++) step();
  }

  /** Runs one tick. */
  public void step() {
    final long t = tick;
    final long seed = options.seed();
    parallel(c -> c.update(t, seed));

    if (timing) noc.clear();
    hopsEw = hopsNs = hopsChip = hopsLocal = 0;
    int nSpikes = 0, nPackets = 0;
    for (TnCore c : used) {
      int[] s = c.spikes();
      for (int k = 0, n = c.spikeCount(); k < n; k++) {
        int j = s[k];
        if (options.recordSpikes()) spikes.add(t, c.id(), j);
        int dc = c.destCore[j];
        if (dc == TnCoreProgram.NO_DESTINATION) continue;
        nPackets++;
        if (!cores[dc].schedule(t + c.destDelay[j], c.destAxon[j])) collisions++;
        if (timing) noc.send(c.id(), dc, c.spikeReadyCycle(k), 1); // the destination writes one scheduler bit
        else countHops(c.id(), dc);
      }
      nSpikes += c.spikeCount();
    }
    if (timing) noc.run();
    last = account(t, nSpikes, nPackets);
    metrics.add(last, profile.barrierEnergy(), staticWatts * last.latencySeconds());
    tick++;
  }

  /** Dimension-order routing: |dx| hops in x then |dy| in y; links that join two chips are chip hops; one local delivery. */
  private void countHops(int src, int dst) {
    int rs = topo.routerOf(src), rd = topo.routerOf(dst);
    int x0 = topo.x(rs), x1 = topo.x(rd), y0 = topo.y(rs), y1 = topo.y(rd);
    int tx = chip.mesh().tilesX(), ty = chip.mesh().tilesY();
    int cx = Math.abs(Math.floorDiv(Math.max(x0, x1), tx) - Math.floorDiv(Math.min(x0, x1), tx));
    int cy = Math.abs(Math.floorDiv(Math.max(y0, y1), ty) - Math.floorDiv(Math.min(y0, y1), ty));
    hopsEw += Math.abs(x1 - x0) - cx;
    hopsNs += Math.abs(y1 - y0) - cy;
    hopsChip += cx + cy;
    hopsLocal++;
  }

  /**
   * Counts and prices the tick. Cycles follow the last core to finish: its own update (split into synaptic
   * integration and neuron updates) or, if a packet reached it later, that packet: the source core's time until the
   * packet was ready (split the same way), then routing. The tick lasts {@code tickSeconds} unless that work takes
   * longer (then it is an overrun: the real chip would miss the tick).
   */
  private StepMetrics account(long t, int nSpikes, int nPackets) {
    long[] counts = new long[OpClass.values().length];
    TnCore critical = null;
    long finish = -1;
    for (TnCore c : used) {
      counts[OpClass.SYNAPSE_DENSE.ordinal()] += c.synEvents();
      counts[OpClass.NEURON_ACTIVE.ordinal()] += c.activeNeurons();
      counts[OpClass.NEURON_INACTIVE.ordinal()] += c.neurons() - c.activeNeurons();
      counts[OpClass.SOMA_ACCESS.ordinal()] += c.neurons();
      counts[OpClass.SPIKE_OUT.ordinal()] += c.spikeCount();
      counts[OpClass.AXON_OUT.ordinal()] += c.packets();
      counts[OpClass.AXON_IN.ordinal()] += c.activeAxons();
      long f = timing ? Math.max(c.updateCycles(), noc.coreFinish(c.id())) : c.updateCycles();
      if (f > finish) {
        finish = f;
        critical = c;
      }
    }
    counts[OpClass.HOP_LOCAL.ordinal()] = timing ? noc.hopsLocal() : hopsLocal;
    counts[OpClass.HOP_EW.ordinal()] = timing ? noc.hopsEastWest() : hopsEw;
    counts[OpClass.HOP_NS.ordinal()] = timing ? noc.hopsNorthSouth() : hopsNs;
    counts[OpClass.HOP_CHIP.ordinal()] = timing ? noc.hopsChip() : hopsChip;
    double[] energy = new double[counts.length];
    double total = profile.price(counts, energy);
    long end = Math.max(0, finish), syn = 0, neuron = 0, routing = 0;
    if (critical != null) {
      TnCore src = critical;
      long ready = end;
      if (timing && noc.coreFinish(critical.id()) > critical.updateCycles() && noc.lastMessage(critical.id()) >= 0) {
        int m = noc.lastMessage(critical.id());
        ready = noc.messageReady(m);
        routing = end - ready;
        src = sourceOf(m, critical);
      }
      syn = Math.min(src.integrationCycles(), ready);
      neuron = ready - syn;
    }
    double work = end * cycleSeconds;
    double tickSeconds = chip.tickSeconds();
    if (work > tickSeconds) overruns++;
    double latency = Math.max(tickSeconds, work);
    return new StepMetrics(t, end, neuron, syn, routing, 0, latency, counts, energy, total,
        counts[OpClass.SYNAPSE_DENSE.ordinal()], nSpikes, nPackets, 0);
  }

  /** The core whose spike became message m: the latest-ready sender is enough for the split, so search the senders. */
  private TnCore sourceOf(int m, TnCore fallback) {
    // MeshNoc does not keep the source; the message ids were issued in order of core and spike in step().
    int id = 0;
    for (TnCore c : used) {
      int[] s = c.spikes();
      for (int k = 0, n = c.spikeCount(); k < n; k++) {
        if (c.destCore[s[k]] == TnCoreProgram.NO_DESTINATION) continue;
        if (id++ == m) return c;
      }
    }
    return fallback;
  }

  private void parallel(java.util.function.Consumer<TnCore> task) {
    pool.forEach(task, null);
  }

  // ---- results ----

  /** Every spike: (tick, core, neuron), in order of tick, core, neuron. */
  public SpikeLog spikes() {
    return spikes;
  }

  /** Metrics of the last tick (null before the first). */
  public StepMetrics lastStep() {
    return last;
  }

  /** Totals (the shared {@link RunMetrics}: energy per class, cycles, synaptic ops, ...). */
  public RunMetrics metrics() {
    return metrics;
  }

  /** Spikes that merged with another spike for the same axon and tick (the scheduler holds one bit). */
  public long schedulerCollisions() {
    return collisions;
  }

  /** Ticks whose work took longer than {@code tickSeconds}. */
  public long tickOverruns() {
    return overruns;
  }

  /**
   * {@link RunMetrics#asMap()} plus: {@code ticks}, {@code power_w} (dynamic plus static energy over emulated time),
   * {@code energy_per_synaptic_event_j} (the same energy over synaptic events), {@code scheduler_collisions},
   * {@code tick_overruns}, {@code host_spikes}.
   */
  public Map<String, Double> summary() {
    Map<String, Double> m = new LinkedHashMap<>(metrics.asMap());
    double e = metrics.energyJ() + metrics.staticEnergyJ();
    m.put("ticks", (double) metrics.steps());
    m.put("power_w", metrics.latencySeconds() == 0 ? 0 : e / metrics.latencySeconds());
    m.put("energy_per_synaptic_event_j", metrics.synapticOps() == 0 ? 0 : e / metrics.synapticOps());
    m.put("scheduler_collisions", (double) collisions);
    m.put("tick_overruns", (double) overruns);
    m.put("host_spikes", (double) hostSpikes);
    return m;
  }

  private TnCore core(int id) {
    if (id < 0 || id >= cores.length || cores[id] == null) throw new IllegalArgumentException("core " + id + " has no program");
    return cores[id];
  }

  /** Membrane potential V of a neuron after the last tick. */
  public int potential(int core, int neuron) {
    return core(core).v(neuron);
  }

  public int[] potentials(int core) {
    return core(core).vArray();
  }

  /** Whether axon {@code axon} of {@code core} holds a spike for tick {@code atTick} (within the scheduler window). */
  public boolean scheduled(int core, int axon, long atTick) {
    if (atTick < tick || atTick > tick + chip.core().maxDelay()) return false;
    return core(core).scheduled(atTick, axon);
  }

  @Override
  public void close() {
    pool.close();
  }
}
