package nmc.emulator;

import java.util.ArrayList;
import java.util.List;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.EnergyProfile;
import nmc.emulator.chip.OpClass;
import nmc.emulator.core.CoreCosts;
import nmc.emulator.core.LoihiCore;
import nmc.emulator.noc.MeshNoc;
import nmc.emulator.noc.NocTiming;
import nmc.emulator.noc.NocTopology;
import nmc.emulator.program.ChipProgram;
import nmc.ir.build.IntList;

/**
 * Runs a {@link ChipProgram} step by step on the chip it was built for.
 *
 * <p>One step {@code t}: (1) every core updates its compartments with the input due at {@code t} (in parallel);
 * (2) the spikes become messages, one per fan-out edge, in order of core and compartment; (3) every core performs
 * the synaptic ops of the messages it received (in parallel), writing into the accumulator slots of steps
 * {@code t + 1 + delay}, while the network model times the messages hop by hop; (4) a barrier ends the step. So a
 * spike emitted at {@code t} over delay {@code d} is integrated at {@code t + 1 + d}, and no compartment sees a
 * spike of its own step: results do not depend on the thread count. Host spikes ({@link #injectSpike}) are
 * delivered {@code hostInjectionLatencySteps} steps later than a chip spike of the same step.
 *
 * <pre>
 * ChipSpec chip = ChipSpec.load("loihi");
 * ChipProgram prog = ChipProgram.builder(chip).core(0, core0).core(1, core1).build();
 * try (ChipEmulator emu = ChipEmulator.create(prog, EmulatorOptions.defaults().withThreads(4))) {
 *   emu.run(1000);
 *   emu.spikes(); emu.v(0, 12); emu.metrics().energyJ();
 * }
 * </pre>
 */
public final class ChipEmulator implements AutoCloseable {
  private final ChipProgram program;
  private final ChipSpec chip;
  private final EnergyProfile profile;
  private final EmulatorOptions options;
  private final LoihiCore[] cores; // by global id; null when unused
  private final LoihiCore[] used;
  private final MeshNoc noc;
  private final CorePool<LoihiCore> pool;
  private final IntList[] hostQueue; // ring by step: pairs (core, axon)
  private final long barrierCycles;
  private final double barrierSeconds, staticWatts;
  private final SpikeLog spikes = new SpikeLog();
  private final RunMetrics metrics = new RunMetrics();
  private StepMetrics last;
  private long step;
  private final boolean timing;
  private int messages; // sent this step when the network is not simulated

  private ChipEmulator(ChipProgram program, EmulatorOptions options) {
    this.program = program;
    this.chip = program.chip();
    this.options = options;
    this.profile = chip.profile(options.profile());
    this.timing = options.networkTiming();
    double cycle = chip.noc().cycleSeconds();
    CoreCosts costs = CoreCosts.of(profile, cycle);
    NocTopology topo = new NocTopology(chip.mesh(), program.chipsX(), program.chipsY());
    noc = new MeshNoc(topo, NocTiming.of(profile, cycle, chip.noc().bufferDepth()));
    cores = new LoihiCore[program.coreCount()];
    List<LoihiCore> u = new ArrayList<>();
    java.util.Set<Integer> tiles = new java.util.TreeSet<>(), chips = new java.util.TreeSet<>();
    for (int id = 0; id < cores.length; id++) {
      if (program.core(id) == null) continue;
      cores[id] = new LoihiCore(chip, id, program.core(id), costs);
      u.add(cores[id]);
      tiles.add(topo.routerOf(id));
      chips.add(topo.chipOf(id));
    }
    used = u.toArray(new LoihiCore[0]);
    long compartments = 0;
    for (LoihiCore c : used) compartments += c.compartments();
    pool = new CorePool<>(java.util.Arrays.asList(used), options.threadsFor(compartments), "nmc-emulator-core");
    int latency = chip.behaviour().hostInjectionLatencySteps();
    hostQueue = new IntList[latency + 1];
    for (int i = 0; i < hostQueue.length; i++) hostQueue[i] = new IntList();
    double bs = profile.barrierSeconds(Math.max(1, tiles.size()));
    if (chips.size() > 1) bs += chip.board().interChipBarrierSeconds();
    barrierSeconds = bs;
    barrierCycles = Math.round(bs / cycle);
    staticWatts = chip.board().staticWattsPerChip() * Math.max(1, chips.size());
  }

  /** An emulator for the program, with the options' profile (a {@link nmc.diag.UserError} if the chip lacks it). */
  public static ChipEmulator create(ChipProgram program, EmulatorOptions options) {
    return new ChipEmulator(program, options);
  }

  public ChipProgram program() {
    return program;
  }

  /** The single energy profile this emulator prices with. */
  public EnergyProfile profile() {
    return profile;
  }

  /** Steps run so far; the next {@link #step()} runs this step number. */
  public long stepCount() {
    return step;
  }

  /**
   * A spike from the host on input axon {@code axon} of core {@code core}, sent during the next step {@code t}: it is
   * integrated at {@code t + 1 + hostInjectionLatencySteps + delay}.
   */
  public void injectSpike(int core, int axon) {
    if (core < 0 || core >= cores.length || cores[core] == null) throw new IllegalArgumentException("core " + core + " has no program");
    if (axon < 0 || axon >= program.core(core).inputAxons()) throw new IllegalArgumentException("core " + core + " has no input axon " + axon);
    IntList q = hostQueue[(int) ((step + hostQueue.length - 1) % hostQueue.length)];
    q.add(core);
    q.add(axon);
  }

  public void run(long steps) {
    for (long i = 0; i < steps; i++) step();
  }

  /** Runs one time step. */
  public void step() {
    final long t = step;
    parallel(core -> core.update(t, options.seed()), null);

    noc.clear();
    int nSpikes = 0;
    messages = 0;
    for (LoihiCore c : used) {
      int[] s = c.spikes();
      for (int k = 0, n = c.spikeCount(); k < n; k++) {
        int cx = s[k];
        int ready = c.spikeReadyCycle(k);
        if (options.recordSpikes()) spikes.add(t, c.id(), cx);
        for (int e = c.outStart(cx), end = c.outStart(cx + 1); e < end; e++) {
          LoihiCore dst = cores[c.outCore(e)];
          int axon = c.outAxon(e);
          dst.receive(axon);
          if (timing) {
            noc.send(c.id(), dst.id(), ready, dst.axonCost(axon));
          } else { // the input unit's work only: as if every message arrived at once
            messages++;
            noc.coreBusyUntil(dst.id(), noc.coreFinish(dst.id()) + dst.axonCost(axon));
          }
        }
      }
      nSpikes += c.spikeCount();
    }
    // Host spikes do not cross the mesh; their processing occupies the target core's input unit.
    IntList host = hostQueue[(int) (t % hostQueue.length)];
    for (int i = 0; i < host.size(); i += 2) {
      LoihiCore dst = cores[host.get(i)];
      dst.receive(host.get(i + 1));
      noc.coreBusyUntil(dst.id(), noc.coreFinish(dst.id()) + dst.axonCost(host.get(i + 1)));
    }
    int hostSpikes = host.size() / 2;
    host.clear();

    parallel(core -> core.deliver(t), timing ? noc::run : null);

    last = account(t, nSpikes, hostSpikes);
    metrics.add(last, profile.barrierEnergy(), staticWatts * last.latencySeconds());
    step++;
  }

  /**
   * Counts and prices the step. The cycle split follows the last core to finish: if its compartment update ends
   * last, the step is all neuron time; otherwise it follows the last message that core processed: neuron time until
   * that message was ready at its source; after that, the cycles the core's input unit was busy are synaptic time
   * and the rest is routing (hops, injection and contention, including back-pressure).
   */
  private StepMetrics account(long t, int nSpikes, int hostSpikes) {
    long[] counts = new long[OpClass.values().length];
    LoihiCore critical = null;
    long finish = -1;
    for (LoihiCore c : used) {
      counts[OpClass.SYNAPSE_DENSE.ordinal()] += c.synOpsDense();
      counts[OpClass.SYNAPSE_SPARSE.ordinal()] += c.synOpsSparse();
      counts[OpClass.NEURON_ACTIVE.ordinal()] += c.activeCount();
      counts[OpClass.NEURON_INACTIVE.ordinal()] += c.compartments() - c.activeCount();
      counts[OpClass.SOMA_ACCESS.ordinal()] += c.compartments();
      counts[OpClass.SPIKE_OUT.ordinal()] += c.spikeCount();
      counts[OpClass.AXON_OUT.ordinal()] += c.messagesOut();
      counts[OpClass.AXON_IN.ordinal()] += c.axonsIn();
      long f = Math.max(c.updateCycles(), noc.coreFinish(c.id()));
      if (f > finish) {
        finish = f;
        critical = c;
      }
    }
    counts[OpClass.HOP_LOCAL.ordinal()] = noc.hopsLocal();
    counts[OpClass.HOP_EW.ordinal()] = noc.hopsEastWest();
    counts[OpClass.HOP_NS.ordinal()] = noc.hopsNorthSouth();
    counts[OpClass.HOP_CHIP.ordinal()] = noc.hopsChip();
    double[] energy = new double[counts.length];
    double total = profile.price(counts, energy);
    long end = Math.max(0, finish), neuron = end, routing = 0, syn = 0;
    if (critical != null && noc.coreFinish(critical.id()) > critical.updateCycles()) {
      int m = noc.lastMessage(critical.id());
      if (m >= 0) {
        neuron = noc.messageReady(m);
        syn = Math.min(noc.coreConsumeCycles(critical.id()), end - neuron);
        routing = end - neuron - syn;
      } else { // only host spikes
        neuron = critical.updateCycles();
        syn = end - neuron;
      }
    }
    long cycles = end + barrierCycles;
    double latency = end * chip.noc().cycleSeconds() + barrierSeconds;
    long synOps = counts[OpClass.SYNAPSE_DENSE.ordinal()] + counts[OpClass.SYNAPSE_SPARSE.ordinal()];
    return new StepMetrics(t, cycles, neuron, syn, routing, barrierCycles, latency, counts, energy, total, synOps,
        nSpikes, timing ? noc.messages() : messages, hostSpikes);
  }

  /** Runs {@code task} on every used core and, if given, {@code extra}. */
  private void parallel(java.util.function.Consumer<LoihiCore> task, Runnable extra) {
    pool.forEach(task, extra);
  }

  // ---- results ----

  public SpikeLog spikes() {
    return spikes;
  }

  /** Metrics of the last step (null before the first). */
  public StepMetrics lastStep() {
    return last;
  }

  public RunMetrics metrics() {
    return metrics;
  }

  private LoihiCore core(int id) {
    if (id < 0 || id >= cores.length || cores[id] == null) throw new IllegalArgumentException("core " + id + " has no program");
    return cores[id];
  }

  /**
   * Writes u and v of a compartment (initial values, before the first step; the host can write state on the chip).
   * The values are the chip's integers: u within the state width, v within the core's vmin/vmax.
   */
  public void setState(int core, int cx, int u, int v) {
    core(core).setState(cx, u, v);
  }

  /** Synaptic current u of a compartment after the last step. */
  public int u(int core, int cx) {
    return core(core).u(cx);
  }

  /** Voltage v after the last step (0 on a spike step and while refractory, as a chip probe shows it). */
  public int v(int core, int cx) {
    return core(core).v(cx);
  }

  /** Refractory counter after the last step. */
  public int refractory(int core, int cx) {
    return core(core).refractory(cx);
  }

  public int[] uArray(int core) {
    return core(core).uArray();
  }

  public int[] vArray(int core) {
    return core(core).vArray();
  }

  public int[] refractoryArray(int core) {
    return core(core).refractoryArray();
  }

  @Override
  public void close() {
    pool.close();
  }
}
