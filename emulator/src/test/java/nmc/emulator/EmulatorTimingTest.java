package nmc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.OpClass;
import nmc.emulator.noc.NocTiming;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;
import org.junit.jupiter.api.Test;

/** Cycle and energy accounting of whole steps. */
class EmulatorTimingTest {
  private static final ChipSpec CHIP = ChipSpec.load("loihi");
  private static final int SOURCES = 16, FANOUT = 40;

  /**
   * Cores 0 (tile x=0) and 4 (tile x=1) each have 16 compartments that spike every step; each spike goes to 40 axons
   * of core 8 (x=2), each with one synapse, or none (then a message costs the sink a single cycle, so the link and
   * not the sink's synaptic work limits the flow).
   */
  private static ChipProgram flood(boolean bothSend, boolean synapses) {
    CoreProgram.Builder sink = CoreProgram.builder();
    sink.compartment(0, 0, sink.compartmentProfile(0, 0, 1), sink.thresholdProfile(131071));
    int f = sink.synapseFormat(new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, 0, 0, SynapseFormat.Compression.SPARSE));
    for (int a = 0; a < FANOUT; a++) {
      int ax = sink.inputAxon(f);
      if (synapses) sink.synapse(ax, 0, 1, 0);
    }
    ChipProgram.Builder pb = ChipProgram.builder(CHIP).core(8, sink.build());
    for (int core : new int[] {0, 4}) {
      CoreProgram.Builder src = CoreProgram.builder();
      int p = src.compartmentProfile(4095, 4095, 1), th = src.thresholdProfile(1);
      for (int i = 0; i < SOURCES; i++) {
        src.compartment(4095, 7, p, th);
        if (core == 4 || bothSend) for (int a = 0; a < FANOUT; a++) src.outputAxon(i, 8, a);
      }
      pb.core(core, src.build());
    }
    return pb.build();
  }

  @Test
  void twoCoresFloodingOneCoreContendForTheLink() {
    NocTiming tm = NocTiming.of(CHIP.defaultEnergyProfile(), CHIP.noc().cycleSeconds(), CHIP.noc().bufferDepth());
    StepMetrics alone, both;
    try (ChipEmulator emu = ChipEmulator.create(flood(false, false), EmulatorOptions.defaults())) {
      emu.step();
      alone = emu.lastStep();
    }
    try (ChipEmulator emu = ChipEmulator.create(flood(true, false), EmulatorOptions.defaults())) {
      emu.step();
      both = emu.lastStep();
    }
    assertEquals(SOURCES * FANOUT, alone.messages());
    assertEquals(2 * SOURCES * FANOUT, both.messages());
    // All 1280 messages cross the link from x=1 to x=2, one per cycle; the last one then needs its hop, the local
    // delivery and at least one cycle of synaptic work.
    long linkBound = 2L * SOURCES * FANOUT + tm.eastWest() + tm.local() + 1;
    assertTrue(both.cycles() - both.barrierCycles() >= linkBound, both + " vs bound " + linkBound);
    assertTrue(alone.cycles() - alone.barrierCycles() < linkBound, "one core alone is not link-bound: " + alone);

    // With synaptic work (12 cycles per message at 3.5 ns) the sink's input unit is the bottleneck instead, and the
    // split says so: the critical path ends in synaptic time.
    try (ChipEmulator emu = ChipEmulator.create(flood(true, true), EmulatorOptions.defaults())) {
      emu.step();
      StepMetrics syn = emu.lastStep();
      assertTrue(syn.synapseCycles() > syn.routingCycles(), syn.toString());
      assertTrue(syn.cycles() - syn.barrierCycles() >= 2L * SOURCES * FANOUT * 12, syn.toString());
    }
  }

  @Test
  void stepMetricsAddUp() {
    try (ChipEmulator emu = ChipEmulator.create(flood(true, true), EmulatorOptions.defaults())) {
      double cycle = CHIP.noc().cycleSeconds();
      double barrier = CHIP.defaultEnergyProfile().barrierSeconds(3); // three tiles in use
      for (int t = 0; t < 5; t++) {
        emu.step();
        StepMetrics m = emu.lastStep();
        assertEquals(m.cycles(), m.neuronCycles() + m.routingCycles() + m.synapseCycles() + m.barrierCycles());
        assertEquals(Math.round(barrier / cycle), m.barrierCycles());
        assertEquals((m.cycles() - m.barrierCycles()) * cycle + barrier, m.latencySeconds(), 1e-15);
        // 640 messages from x=0 make 2 east hops, 640 from x=1 make 1; each is delivered once.
        assertEquals(3L * SOURCES * FANOUT, m.count(OpClass.HOP_EW));
        assertEquals(0, m.count(OpClass.HOP_NS));
        assertEquals(2L * SOURCES * FANOUT, m.count(OpClass.HOP_LOCAL));
        assertEquals(2L * SOURCES * FANOUT, m.count(OpClass.AXON_IN));
        assertEquals(2L * SOURCES * FANOUT, m.synapticOps());
        assertEquals(2 * SOURCES, m.count(OpClass.SPIKE_OUT));
        assertEquals(2 * SOURCES + 1, m.count(OpClass.SOMA_ACCESS));
        double sum = 0;
        for (OpClass op : OpClass.values()) sum += m.energy(op);
        assertEquals(sum, m.energyJ(), 1e-20);
      }
      var total = emu.metrics();
      assertEquals(5, total.steps());
      assertEquals(total.cycles(), java.util.Arrays.stream(total.cyclesPerStep()).sum());
      assertEquals(total.energyJ(), total.asMap().get("energy_j"));
      assertEquals(total.synapticOps(), total.asMap().get("synaptic_ops").longValue());
      assertTrue(total.staticEnergyJ() > 0 && total.latencySeconds() > 0);
    }
  }
}
