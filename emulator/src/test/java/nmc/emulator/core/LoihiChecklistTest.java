package nmc.emulator.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.emulator.ChipEmulator;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.TestChips;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CompartmentProfile;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.NoiseConfig;
import nmc.emulator.program.SynapseFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One example test per item of the bit-exactness checklist (hardware reference section 5, Loihi 1). */
class LoihiChecklistTest {
  private static final ChipSpec CHIP = TestChips.loihi();
  private static final SynapseFormat EXC8 = new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, 0, 0, SynapseFormat.Compression.SPARSE);
  private static final SynapseFormat MIX8 = new SynapseFormat(8, SynapseFormat.Sign.MIXED, 0, 0, SynapseFormat.Compression.SPARSE);
  private static final int BIG_BIAS_MANT = 4095, BIG_BIAS_EXP = 7; // 524,160
  private static final int NEVER = 131071; // largest threshold mantissa

  /** A core of one compartment fed by axon 0 with one synapse of weight w (format f). */
  private static CoreProgram.Builder single(int du, int dv, int refr, int biasMant, int biasExp, int vthMant, SynapseFormat f, int w) {
    CoreProgram.Builder b = CoreProgram.builder();
    b.compartment(biasMant, biasExp, b.compartmentProfile(du, dv, refr), b.thresholdProfile(vthMant));
    int ax = b.inputAxon(b.synapseFormat(f));
    b.synapse(ax, 0, w, 0);
    return b;
  }

  private static LoihiCore core(ChipSpec chip, CoreProgram p) {
    return new LoihiCore(chip, 0, p, CoreCosts.of(chip.defaultEnergyProfile(), chip.noc().cycleSeconds()));
  }

  private static ChipEmulator emulator(CoreProgram p) {
    return ChipEmulator.create(ChipProgram.builder(CHIP).core(0, p).build(), EmulatorOptions.defaults());
  }

  @Test
  void workedVectorOfTheReference() {
    // du=410, dv=205, one spike per step with W = 100 * 2^6, bias 3 * 2^2, threshold mantissa 400.
    LoihiCore c = core(CHIP, single(410, 205, 1, 3, 2, 400, EXC8, 100).build());
    int[][] expect = {{6400, 6412}, {12157, 18260}, {17337, 0}};
    for (int t = 0; t < 3; t++) {
      c.receive(0);
      c.deliver(t - 1); // a spike sent at t-1 is integrated at t
      c.update(t, 0L);
      assertEquals(expect[t][0], c.u(0), "u at step " + t);
      assertEquals(expect[t][1], c.v(0), "v at step " + t);
      assertEquals(t == 2 ? 1 : 0, c.spikeCount(), "spikes at step " + t + " (34695 > 25600 only at the third)");
    }
  }

  @Test
  void decayRoundsTowardZero() {
    int bits = CHIP.formats().decayBits();
    assertEquals(-899, LoihiMath.decay(-1000, 4096 - 411, bits));
    assertEquals(899, LoihiMath.decay(1000, 4096 - 411, bits));
    // Through the core: u = -6400 then one decay with du = 410 (du + 1 = 411): -5757, where a floor gives -5758.
    LoihiCore c = core(CHIP, single(410, 0, 1, 0, 0, NEVER, MIX8, -50).build()); // -50 << 1 << 6 = -6400
    c.receive(0);
    c.deliver(-1);
    c.update(0, 0L);
    assertEquals(-6400, c.u(0));
    c.update(1, 0L);
    assertEquals(-5757, c.u(0));
  }

  @Test
  void decayOffsets() {
    // du = 0 still leaks (du + 1 = 1): 6400 -> 6400 * 4095 / 4096 = 6398; dv = 0 integrates perfectly.
    LoihiCore c = core(CHIP, single(0, 0, 1, 0, 0, NEVER, EXC8, 100).build());
    c.receive(0);
    c.deliver(-1);
    c.update(0, 0L);
    assertEquals(6400, c.u(0));
    assertEquals(6400, c.v(0));
    c.update(1, 0L);
    assertEquals(6398, c.u(0));
    assertEquals(6400 + 6398, c.v(0));
    // du = 4095: u keeps only this step's input.
    LoihiCore d = core(CHIP, single(4095, 0, 1, 0, 0, NEVER, EXC8, 100).build());
    d.receive(0);
    d.deliver(-1);
    d.update(0, 0L);
    d.update(1, 0L);
    assertEquals(0, d.u(0));
  }

  @Test
  void uWrapsAt24Bits() {
    // W = 127 << 1 << 7 << 6 = 2,080,768 each step, du = 0: u grows past 2^23 - 1 and wraps (nengo-loihi).
    LoihiCore c = core(CHIP, single(0, 0, 1, 0, 0, NEVER, new SynapseFormat(8, SynapseFormat.Sign.MIXED, 7, 0, SynapseFormat.Compression.SPARSE), 127).build());
    long w = 127L << 14;
    long u = 0;
    boolean wrapped = false;
    for (int t = 0; t < 12; t++) {
      c.receive(0);
      c.deliver(t - 1);
      c.update(t, 0L);
      long next = u * 4095 / 4096 + w; // u >= 0 here until it wraps; after that u < 0
      if (u < 0) next = -((-u) * 4095 / 4096) + w;
      if (next > (1L << 23) - 1) {
        next -= 1L << 24;
        wrapped = true;
      }
      u = next;
      assertEquals(u, c.u(0), "u at step " + t);
    }
    assertTrue(wrapped, "the drive must push u past 2^23 - 1");
    assertEquals(-(1 << 23), LoihiMath.wrap(1 << 23, 23), "+2^23 wraps to -2^23 (nengo-loihi, not Lava)");
    assertEquals(-(1 << 23), LoihiMath.wrap(-(1 << 23), 23));
    assertEquals((1 << 23) - 1, LoihiMath.wrap((1 << 23) - 1, 23));
  }

  @Test
  void accumulatorWrapsAt22Bits() {
    SynapseFormat f = new SynapseFormat(8, SynapseFormat.Sign.MIXED, 7, 0, SynapseFormat.Compression.SPARSE);
    CoreProgram.Builder b = single(4095, 0, 1, 0, 0, NEVER, f, 127);
    b.synapse(0, 0, 127, 0); // a second synapse on the same compartment: 2 * 2,080,768 > 2^21 - 1
    LoihiCore c = core(CHIP, b.build());
    c.receive(0);
    c.deliver(-1);
    c.update(0, 0L);
    assertEquals(2 * 2_080_768 - (1 << 22), c.u(0));
    assertEquals(-32768, c.u(0));
  }

  @Test
  void vIsClampedToThePerCoreLimits() {
    CoreProgram.Builder hi = single(4095, 4095, 1, BIG_BIAS_MANT, BIG_BIAS_EXP, NEVER, EXC8, 0).voltageLimits(23, 0);
    try (ChipEmulator emu = emulator(hi.build())) {
      for (int t = 0; t < 5; t++) {
        emu.step();
        assertEquals(511, emu.v(0, 0), "vmax = 2^(9 + 2*0) - 1");
      }
    }
    CoreProgram.Builder lo = single(4095, 0, 1, -BIG_BIAS_MANT, BIG_BIAS_EXP, NEVER, EXC8, 0).voltageLimits(3, 7);
    try (ChipEmulator emu = emulator(lo.build())) {
      for (int t = 0; t < 5; t++) {
        emu.step();
        assertEquals(-7, emu.v(0, 0), "vmin = -2^3 + 1");
      }
    }
  }

  @Test
  void refractoryCounting() {
    // refractDelay 3: a spike at t, v forced to 0 at t+1 and t+2, the next spike at t+3. u keeps integrating.
    CoreProgram.Builder b = single(4095, 0, 3, BIG_BIAS_MANT, BIG_BIAS_EXP, 1, EXC8, 100);
    try (ChipEmulator emu = emulator(b.build())) {
      int[] counter = new int[12];
      for (int t = 0; t < 12; t++) {
        emu.injectSpike(0, 0); // arrives at t + 2 (host latency 1)
        emu.step();
        assertEquals(0, emu.v(0, 0), "v reads 0 on spike steps and while refractory (step " + t + ")");
        counter[t] = emu.refractory(0, 0);
        if (t >= 2) assertEquals(6400, emu.u(0, 0), "u integrates while refractory (step " + t + ")");
      }
      assertArrayEquals(new int[] {0, 3, 6, 9}, emu.spikes().stepsOf(0, 0));
      assertArrayEquals(new int[] {2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0}, counter);
    }
    // refractDelay 1: no dead time, a spike every step.
    try (ChipEmulator emu = emulator(single(4095, 0, 1, BIG_BIAS_MANT, BIG_BIAS_EXP, 1, EXC8, 0).build())) {
      emu.run(5);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4}, emu.spikes().stepsOf(0, 0));
    }
  }

  @Test
  void thresholdIsStrict() {
    // dv = 4095 keeps v = bias each step (D(64, 4095) = 0); threshold 1 << 6 = 64.
    try (ChipEmulator emu = emulator(single(4095, 4095, 1, 64, 0, 1, EXC8, 0).build())) {
      emu.run(20);
      assertEquals(64, emu.v(0, 0));
      assertEquals(0, emu.spikes().count(), "v == threshold must not spike");
    }
    try (ChipEmulator emu = emulator(single(4095, 4095, 1, 65, 0, 1, EXC8, 0).build())) {
      emu.step();
      assertArrayEquals(new int[] {0}, emu.spikes().stepsOf(0, 0), "v = threshold + 1 spikes");
    }
  }

  @Test
  void biasIsNotScaledNorFilteredByTheCurrentDecay() {
    // u stays 0 with bias alone; v = bias exactly (no 2^6).
    try (ChipEmulator emu = emulator(single(0, 4095, 1, 5, 3, NEVER, EXC8, 0).build())) {
      emu.step();
      assertEquals(0, emu.u(0, 0));
      assertEquals(40, emu.v(0, 0));
    }
  }

  /** Core 0 compartment 0 spikes once at step 0; it reaches compartment 0 of {@code dstCore} over delay d. */
  @ParameterizedTest(name = "delay {0} to core {1}")
  @CsvSource({"0,0", "1,0", "3,1", "7,1", "0,4", "5,4", "2,127"})
  void aSpikeSentAtTWithDelayDIsIntegratedAtTPlus1PlusD(int delay, int dstCore) {
    SynapseFormat f = new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, 0, 3, SynapseFormat.Compression.SPARSE);
    CoreProgram.Builder src = CoreProgram.builder();
    src.compartment(BIG_BIAS_MANT, BIG_BIAS_EXP, src.compartmentProfile(4095, 4095, 63), src.thresholdProfile(1));
    CoreProgram.Builder dst = dstCore == 0 ? src : CoreProgram.builder();
    int target = dst.compartment(0, 0, dst.compartmentProfile(4095, 0, 1), dst.thresholdProfile(NEVER));
    int ax = dst.inputAxon(dst.synapseFormat(f));
    dst.synapse(ax, target, 100, delay);
    src.outputAxon(0, dstCore, ax);
    ChipProgram.Builder pb = ChipProgram.builder(CHIP).core(0, src.build());
    if (dstCore != 0) pb.core(dstCore, dst.build());
    try (ChipEmulator emu = ChipEmulator.create(pb.build(), EmulatorOptions.defaults())) {
      for (int t = 0; t < 12; t++) {
        emu.step();
        assertEquals(t == 1 + delay ? 6400 : 0, emu.u(dstCore, target), "u at step " + t);
      }
      assertArrayEquals(new int[] {0}, emu.spikes().stepsOf(0, 0));
    }
  }

  @Test
  void hostSpikesArriveOneStepLater() {
    try (ChipEmulator emu = emulator(single(4095, 0, 1, 0, 0, NEVER, EXC8, 100).build())) {
      emu.injectSpike(0, 0); // sent during step 0
      for (int t = 0; t < 5; t++) {
        emu.step();
        assertEquals(t == 2 ? 6400 : 0, emu.u(0, 0), "u at step " + t);
      }
    }
  }

  @Test
  void weightExponentPerSynapseOrOnTheSum() {
    // Two synapses of stored weight 1 (8 bits, s = 0) with exponent -1 on one compartment.
    SynapseFormat neg = new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, -1, 0, SynapseFormat.Compression.SPARSE);
    SynapseFormat pos = new SynapseFormat(8, SynapseFormat.Sign.EXCITATORY, 1, 0, SynapseFormat.Compression.SPARSE);
    assertEquals(0, twoSynapses(WeightExponentMode.PER_SYNAPSE, neg), "per synapse: (1 >> 1) << 6 twice = 0");
    assertEquals(64, twoSynapses(WeightExponentMode.ON_SUM, neg), "on the sum: (2 >> 1) << 6 = 64");
    assertEquals(256, twoSynapses(WeightExponentMode.PER_SYNAPSE, pos));
    assertEquals(256, twoSynapses(WeightExponentMode.ON_SUM, pos), "no bits lost: the modes agree");
    // Reduced precision: 4 bits mixed drop s = 5 low bits; stored -3 is mantissa -96.
    SynapseFormat m4 = new SynapseFormat(4, SynapseFormat.Sign.MIXED, -7, 0, SynapseFormat.Compression.SPARSE);
    LoihiCore c = core(CHIP, single(4095, 0, 1, 0, 0, NEVER, m4, -3).build());
    c.receive(0);
    c.deliver(-1);
    c.update(0, 0L);
    assertEquals(((-3 << 5) >> 7) << 6, c.u(0)); // floor(-96 / 128) = -1, times 64
    assertEquals(-64, c.u(0));
  }

  private static int twoSynapses(WeightExponentMode mode, SynapseFormat f) {
    ChipSpec chip = TestChips.withMode(CHIP, mode);
    CoreProgram.Builder b = single(4095, 0, 1, 0, 0, NEVER, f, 1);
    b.synapse(0, 0, 1, 0);
    LoihiCore c = core(chip, b.build());
    c.receive(0);
    c.deliver(-1);
    c.update(0, 0L);
    return c.u(0);
  }

  @Test
  void noiseIsStatisticalOnly() {
    // NOT a bit-exactness test: the chip's generator is not public (checklist 15). With du = dv = 4095, no bias and
    // membrane noise of exponent 7, v equals the drawn r, which must look uniform on [-127, 127].
    CoreProgram.Builder b = CoreProgram.builder().noise(new NoiseConfig(7, 0, NoiseConfig.Target.MEMBRANE));
    b.compartment(0, 0, b.compartmentProfile(new CompartmentProfile(4095, 4095, 1, true)), b.thresholdProfile(NEVER));
    int steps = 4000;
    long sum = 0;
    int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
    try (ChipEmulator emu = ChipEmulator.create(ChipProgram.builder(CHIP).core(0, b.build()).build(), EmulatorOptions.defaults().withSeed(5))) {
      for (int t = 0; t < steps; t++) {
        emu.step();
        int v = emu.v(0, 0);
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double mean = (double) sum / steps; // r has standard deviation 73.6, so the mean's is 1.2
    assertTrue(Math.abs(mean) < 6, "mean " + mean);
    assertTrue(min >= -127 && min < -120, "min " + min);
    assertTrue(max <= 127 && max > 120, "max " + max);
  }
}
