package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.chip.OpClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue acceptance: the M14 power benchmark rebuilt as a chip program ({@link BenchmarkNetwork}: a whole chip,
 * 20 Hz, 128 synapses per neuron, random long-range connections) gives 26 pJ per synaptic event with the
 * all-inclusive profile, and a chip power inside the published 65-72 mW. The measurement window follows a warm-up.
 *
 * <p>Recorded (seed 2014, 100 ticks after 30): see docs/chips.md, "TrueNorth benchmark".
 */
class BenchmarkEnergyTest {
  private static final int WARMUP = 30, TICKS = 100;
  private static TrueNorthSpec chip;
  private static TnChipProgram program;

  @BeforeAll
  static void build() {
    chip = TnTestChips.truenorth();
    program = BenchmarkNetwork.build(chip, 2014);
  }

  /** Figures over the window: the difference of the summaries after and before it. */
  private static Map<String, Double> window(String profile, int ticks) {
    try (TrueNorthEmulator e = TrueNorthEmulator.create(program,
        EmulatorOptions.defaults().withThreads(2).withSeed(2014).withProfile(profile).withRecordSpikes(false).withNetworkTiming(false))) {
      e.run(WARMUP);
      Map<String, Double> before = e.summary();
      e.run(ticks);
      Map<String, Double> after = e.summary(), d = new java.util.LinkedHashMap<>();
      for (var kv : after.entrySet()) d.put(kv.getKey(), kv.getValue() - before.get(kv.getKey()));
      double energy = d.get("energy_j") + d.get("static_energy_j"); // the ratios again, over the window only
      d.put("power_w", energy / d.get("latency_s"));
      d.put("energy_per_synaptic_event_j", energy / d.get("synaptic_ops"));
      return d;
    }
  }

  @Test
  void allInclusiveProfileGives26PicojoulesPerEventAndTheTypicalPower() {
    Map<String, Double> m = window("m14", TICKS);
    double seconds = m.get("latency_s"), ops = m.get("synaptic_ops"), spikes = m.get("spikes");
    double neurons = chip.coresPerChip() * (double) chip.core().neurons();
    assertEquals(TICKS * chip.tickSeconds(), seconds, 1e-12, "real time: one tick per millisecond");
    assertEquals(0, m.get("tick_overruns"));

    // The benchmark's conditions came out as intended.
    double rateHz = spikes / neurons / seconds;
    double synapsesPerSpike = ops / m.get("messages");
    assertTrue(rateHz > 18.5 && rateHz < 21.5, "mean rate " + rateHz + " Hz");
    assertTrue(synapsesPerSpike > 126 && synapsesPerSpike < 130, "active synapses per neuron " + synapsesPerSpike);
    double packets = m.get("messages");
    double hopsPerPacket = (m.get("ops.hop_ew") + m.get("ops.hop_ns")) / packets;
    assertTrue(Math.abs(hopsPerPacket - 2 * 21.33) < 0.5, "mean distance, x plus y: " + hopsPerPacket);

    // Acceptance: 26 pJ per synaptic event, all-inclusive, nothing priced on top.
    assertEquals(26e-12, m.get("energy_per_synaptic_event_j"), 26e-12 * 1e-9);
    assertEquals(0, m.get("energy_j.hop_ew") + m.get("energy_j.hop_ns") + m.get("energy_j.hop_local") + m.get("static_energy_j"));
    assertTrue(m.get("ops.hop_ew") > 0, "hops are counted even though the profile does not price them");
    double power = m.get("power_w");
    assertTrue(power >= chip.typicalWatts()[0] && power <= chip.typicalWatts()[1],
        "power " + power * 1e3 + " mW, published " + chip.typicalWatts()[0] * 1e3 + "-" + chip.typicalWatts()[1] * 1e3 + " mW");
    System.out.printf("truenorth benchmark (m14): %.2f Hz, %.1f synapses/spike, %.2f hops/packet, %.3e J/event, %.2f mW%n",
        rateHz, synapsesPerSpike, hopsPerPacket, m.get("energy_per_synaptic_event_j"), power * 1e3);
  }

  @Test
  void fittedStaticPlusDynamicProfileLandsInTheSameRange() {
    Map<String, Double> m = window("a15-fit", TICKS / 2);
    double power = m.get("power_w");
    double staticPower = m.get("static_energy_j") / m.get("latency_s");
    assertEquals(0.0646, staticPower, 1e-12, "one chip's static power from the fit");
    assertTrue(power >= chip.typicalWatts()[0] && power <= chip.typicalWatts()[1], "power " + power * 1e3 + " mW");
    assertEquals(m.get("synaptic_ops") * 2.28e-12, m.get("energy_j.synapse_dense"), 1e-15);
    System.out.printf("truenorth benchmark (a15-fit): %.2f mW (%.2f static), %.3e J/event%n", power * 1e3, staticPower * 1e3,
        m.get("energy_per_synaptic_event_j"));
  }

  @Test
  void partsProfileIsALowerBound() {
    Map<String, Double> m = window("m14-parts", TICKS / 2);
    assertEquals(m.get("ops.hop_ew") * 2.3e-12, m.get("energy_j.hop_ew"), 1e-15);
    assertEquals(m.get("ops." + OpClass.NEURON_INACTIVE.key()) * 19.27e-12, m.get("energy_j.neuron_inactive"), 1e-15);
    assertTrue(m.get("power_w") < chip.typicalWatts()[0], "published parts alone stay below the measured total: " + m.get("power_w"));
    assertTrue(m.get("power_w") > 0.020, "every neuron's row is read every tick: about 20 mW (M14 S5): " + m.get("power_w"));
    System.out.printf("truenorth benchmark (m14-parts): %.2f mW, of which hops %.2f mW, row reads %.2f mW%n", m.get("power_w") * 1e3,
        (m.get("energy_j.hop_ew") + m.get("energy_j.hop_ns")) / m.get("latency_s") * 1e3,
        (m.get("energy_j.neuron_active") + m.get("energy_j.neuron_inactive")) / m.get("latency_s") * 1e3);
  }
}
