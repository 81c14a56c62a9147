package nmc.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.diag.UserError;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;
import org.junit.jupiter.api.Test;

/** A program the chip cannot hold is rejected with every problem listed (no stack trace for the user). */
class ProgramChecksTest {
  private static final ChipSpec CHIP = ChipSpec.load("loihi");

  private static String problems(ChipSpec chip, ChipProgram.Builder b) {
    return assertThrows(UserError.class, b::build).render();
  }

  @Test
  void synapseProblemsAreAllReportedTogether() {
    CoreProgram.Builder c = CoreProgram.builder();
    int p = c.compartmentProfile(0, 0, 1), th = c.thresholdProfile(10);
    for (int i = 0; i < 4; i++) c.compartment(0, 0, p, th);
    int f4 = c.synapseFormat(new SynapseFormat(4, SynapseFormat.Sign.MIXED, 0, 2, SynapseFormat.Compression.SPARSE));
    int dense = c.synapseFormat(new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, 0, 0, SynapseFormat.Compression.DENSE));
    int a = c.inputAxon(f4);
    c.synapse(a, 0, 8, 0); // 4-bit mixed: -8..7
    c.synapse(a, 1, 1, 4); // 2 delay bits: 0..3
    c.synapse(a, 9, 1, 0); // no compartment 9
    int d = c.inputAxon(dense);
    c.synapse(d, 0, 1, 0).synapse(d, 2, 1, 0); // dense lists are consecutive
    c.outputAxon(0, 5, 0); // core 5 has no program
    String msg = problems(CHIP, ChipProgram.builder(CHIP).core(0, c.build()));
    assertTrue(msg.contains("weight 8 outside [-8, 7]"), msg);
    assertTrue(msg.contains("delay 4 does not fit the format's 2 delay bits"), msg);
    assertTrue(msg.contains("targets compartment 9 but the core has 4"), msg);
    assertTrue(msg.contains("dense synapse list must target consecutive compartments"), msg);
    assertTrue(msg.contains("goes to core 5, which has no program"), msg);
    assertTrue(msg.contains("the mapping must respect the limits of chip 'loihi'"), msg);
  }

  /** A badly broken program: the first 50 problems, then how many more (at least: checking stops past 200). */
  @Test
  void manyProblemsAreCutShortAndCounted() {
    CoreProgram.Builder c = CoreProgram.builder();
    c.compartment(0, 0, c.compartmentProfile(0, 0, 1), c.thresholdProfile(10));
    int a = c.inputAxon(c.synapseFormat(new SynapseFormat(4, SynapseFormat.Sign.MIXED, 0, 0, SynapseFormat.Compression.SPARSE)));
    for (int s = 0; s < 300; s++) c.synapse(a, 0, 8, 0); // 4-bit mixed: -8..7
    String msg = problems(CHIP, ChipProgram.builder(CHIP).core(0, c.build()).core(1, c.build()));
    assertTrue(msg.contains("... and at least 250 more problems"), msg);
    assertTrue(msg.split("weight 8 outside", -1).length - 1 == 50, "50 shown:\n" + msg);
    assertTrue(!msg.contains("core 1:"), "checking stopped after core 0's 300 problems:\n" + msg);
  }

  @Test
  void resourceLimits() {
    CoreProgram.Builder c = CoreProgram.builder();
    int p = c.compartmentProfile(0, 0, 1), th = c.thresholdProfile(10);
    for (int i = 0; i < 1024; i++) c.compartment(0, 0, p, th);
    int f = c.synapseFormat(new SynapseFormat(8, SynapseFormat.Sign.MIXED, 0, 6, SynapseFormat.Compression.SPARSE));
    for (int a = 0; a < 1000; a++) {
      int ax = c.inputAxon(f);
      for (int s = 0; s < 64; s++) c.synapse(ax, (a + s) % 1024, 1, a == 0 && s == 0 ? 62 : 0);
    }
    String msg = problems(CHIP, ChipProgram.builder(CHIP).core(0, c.build()));
    assertTrue(msg.contains("1024 compartments with delays up to 62 need 64512 dendritic accumulator entries; the core has 8192"), msg);
    assertTrue(msg.contains("synapse memory words, the chip allows 16384 per core"), msg);
  }

  @Test
  void onSumNeedsOneExponentPerCore() {
    ChipSpec chip = TestChips.withMode(CHIP, WeightExponentMode.ON_SUM);
    CoreProgram.Builder c = CoreProgram.builder();
    c.compartment(0, 0, c.compartmentProfile(0, 0, 1), c.thresholdProfile(10));
    int a = c.inputAxon(c.synapseFormat(new SynapseFormat(8, SynapseFormat.Sign.MIXED, 0, 0, SynapseFormat.Compression.SPARSE)));
    int b = c.inputAxon(c.synapseFormat(new SynapseFormat(8, SynapseFormat.Sign.MIXED, 2, 0, SynapseFormat.Compression.SPARSE)));
    c.synapse(a, 0, 1, 0).synapse(b, 0, 1, 0);
    CoreProgram prog = c.build();
    ChipProgram.builder(CHIP).core(0, prog).build(); // per_synapse: fine
    String msg = problems(chip, ChipProgram.builder(chip).core(0, prog));
    assertTrue(msg.contains("on_sum needs one weight exponent per core, found 0 and 2"), msg);
  }

  @Test
  void coresBeyondTheBoard() {
    CoreProgram.Builder c = CoreProgram.builder();
    c.compartment(0, 0, c.compartmentProfile(0, 0, 1), c.thresholdProfile(10));
    String msg = problems(CHIP, ChipProgram.builder(CHIP).core(128, c.build()));
    assertTrue(msg.contains("uses core 128 but a 1x1 board of 'loihi' has 128 cores"), msg);
    ChipProgram.builder(CHIP).board(2, 1).core(128, c.build()).build(); // fine on two chips
  }
}
