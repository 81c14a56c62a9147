package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.diag.UserError;
import nmc.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;

/** Axonal delays: a spike made in tick t is integrated in tick t + d for d = 1..15; anything else is refused. */
class DelayTest {
  private static final TrueNorthSpec CHIP = TnTestChips.truenorth();
  private static final int FAR = 4095; // the opposite corner of the 64 x 64 mesh: 126 hops

  /** Core 0 neuron 0 spikes at tick 0 only and sends to axon 9 of core FAR with delay d; neuron 3 there relays it. */
  private static TnChipProgram program(int d) {
    TnCoreProgram.Builder src = TnCoreProgram.builder(CHIP);
    src.neuron(0, NeuronParams.integrator(1, 0, 0, 0, 0).withInitialPotential(1)); // V0 = α: spikes at tick 0, resets to 0
    src.destination(0, FAR, 9, d);
    TnCoreProgram.Builder dst = TnCoreProgram.builder(CHIP);
    dst.axonType(9, 2);
    dst.connect(9, 3);
    dst.neuron(3, NeuronParams.integrator(1, 0, 0, 1, 0));
    return TnChipProgram.builder(CHIP).core(0, src.build()).core(FAR, dst.build()).build();
  }

  @Test
  void everyDelayFromOneToFifteenArrivesExactlyThen() {
    for (int d = 1; d <= 15; d++) {
      for (boolean timing : new boolean[] {true, false}) {
        try (TrueNorthEmulator e = TrueNorthEmulator.create(program(d), EmulatorOptions.defaults().withNetworkTiming(timing))) {
          e.step(); // tick 0: the source spikes
          assertTrue(e.scheduled(FAR, 9, d), "the spike waits in the scheduler slot of tick " + d);
          for (int t = 1; t < d; t++) {
            assertFalse(e.scheduled(FAR, 9, t), "nothing for tick " + t);
            e.step();
          }
          assertEquals(0, e.potential(FAR, 3));
          e.run(20);
          assertEquals(List.of(0), List.of(java.util.Arrays.stream(e.spikes().stepsOf(0, 0)).boxed().toArray()));
          assertEquals(List.of(d), List.of(java.util.Arrays.stream(e.spikes().stepsOf(FAR, 3)).boxed().toArray()), "delay " + d);
          assertEquals(126, e.metrics().count(nmc.emulator.chip.OpClass.HOP_EW) + e.metrics().count(nmc.emulator.chip.OpClass.HOP_NS));
        }
      }
    }
  }

  @Test
  void theProgramRefusesDelaysOutsideOneToFifteen() {
    for (int d : new int[] {0, 16, -1, 100}) {
      UserError e = assertThrows(UserError.class, () -> program(d));
      String msg = e.render();
      assertTrue(msg.contains("core 0 neuron 0: delay " + d + " is outside 1..15 ticks"), msg);
      assertTrue(msg.contains("scheduler holds 16 future ticks"), msg);
    }
  }

  @Test
  void everyProblemOfAProgramIsReportedTogether() {
    TnCoreProgram.Builder b = TnCoreProgram.builder(CHIP);
    b.axonType(3, 4);
    b.neuron(1, NeuronParams.integrator(1, 256, 0, 0, 0));
    b.neuron(2, NeuronParams.integrator(1 << 18, 0, 0, 0, 0));
    b.destination(5, 7, 300, 3);
    UserError e = assertThrows(UserError.class, () -> TnChipProgram.builder(CHIP).core(0, b.build()).build());
    String msg = e.render();
    assertTrue(msg.contains("core 0 axon 3: type 4 is outside 0..3"), msg);
    assertTrue(msg.contains("core 0 neuron 1: weight of axon type 0 is 256, outside -256..255"), msg);
    assertTrue(msg.contains("core 0 neuron 2: threshold α is 262144, outside 0..262143"), msg);
    assertTrue(msg.contains("core 0 neuron 5: sends to core 7, which has no program"), msg);
    assertTrue(msg.contains("core 0 neuron 5: sends to axon 300, outside 0..255"), msg);
    assertEquals(5, e.diagnostics().size(), msg);
  }

  @Test
  void packetsReachAtMost255CoresInXAndY() {
    TnChipProgram.Builder prog = TnChipProgram.builder(CHIP).board(5, 1); // 320 cores wide
    int near = 3 * 4096 + 63, far = 4 * 4096; // x = 255 and x = 256 on row 0
    TnCoreProgram.Builder src = TnCoreProgram.builder(CHIP);
    src.destination(0, near, 0, 1);
    src.destination(1, far, 0, 1);
    prog.core(0, src.build()).core(near, TnCoreProgram.builder(CHIP).build()).core(far, TnCoreProgram.builder(CHIP).build());
    UserError e = assertThrows(UserError.class, prog::build);
    assertEquals(1, e.diagnostics().size(), e.render());
    assertTrue(e.render().contains("core 0 neuron 1: sends to core 16384, 256 cores away in x and 0 in y: a packet reaches at most 255"), e.render());
  }

  @Test
  void hostSpikesMustFallInTheSchedulerWindow() {
    try (TrueNorthEmulator e = TrueNorthEmulator.create(program(3), EmulatorOptions.defaults())) {
      e.injectSpike(FAR, 9, 15); // the last tick the 16-tick scheduler can hold
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.injectSpike(FAR, 9, 16));
      assertTrue(x.getMessage().contains("outside the scheduler's window 0..15"), x.getMessage());
      e.run(16);
      assertEquals(List.of(3, 15), List.of(java.util.Arrays.stream(e.spikes().stepsOf(FAR, 3)).boxed().toArray()));
    }
  }
}
