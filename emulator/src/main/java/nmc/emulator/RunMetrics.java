package nmc.emulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import nmc.emulator.chip.OpClass;
import nmc.sim.EnergySource;

/** Totals over all steps run so far, plus the cycles of every step. */
public final class RunMetrics {
  private long steps, cycles, neuronCycles, synapseCycles, routingCycles, barrierCycles, synapticOps, spikes, messages;
  private double latencySeconds, energyJ, barrierEnergyJ, staticEnergyJ;
  private final long[] counts = new long[OpClass.values().length];
  private final double[] energy = new double[OpClass.values().length];
  private long[] cyclesPerStep = new long[64];

  /** Adds one step (emulators call this once per step; static energy is kept apart from {@link #energyJ()}). */
  public void add(StepMetrics m, double barrierEnergy, double staticEnergy) {
    if (steps == cyclesPerStep.length) cyclesPerStep = Arrays.copyOf(cyclesPerStep, cyclesPerStep.length * 2);
    cyclesPerStep[(int) steps++] = m.cycles();
    cycles += m.cycles();
    neuronCycles += m.neuronCycles();
    synapseCycles += m.synapseCycles();
    routingCycles += m.routingCycles();
    barrierCycles += m.barrierCycles();
    synapticOps += m.synapticOps();
    spikes += m.spikes();
    messages += m.messages();
    latencySeconds += m.latencySeconds();
    energyJ += m.energyJ();
    barrierEnergyJ += barrierEnergy;
    staticEnergyJ += staticEnergy;
    for (int i = 0; i < counts.length; i++) {
      counts[i] += m.counts()[i];
      energy[i] += m.energy()[i];
    }
  }

  public long steps() { return steps; }
  public long cycles() { return cycles; }
  public long neuronCycles() { return neuronCycles; }
  public long synapseCycles() { return synapseCycles; }
  public long routingCycles() { return routingCycles; }
  public long barrierCycles() { return barrierCycles; }
  public long synapticOps() { return synapticOps; }
  public long spikes() { return spikes; }
  public long messages() { return messages; }
  /** Emulated chip time, seconds. */
  public double latencySeconds() { return latencySeconds; }
  /** Dynamic energy, joules (operations and barriers; static energy is separate). */
  public double energyJ() { return energyJ; }
  /** Static power of the chips used times the emulated time (reported apart; never in {@link #energyJ()}). */
  public double staticEnergyJ() { return staticEnergyJ; }
  public long count(OpClass op) { return counts[op.ordinal()]; }
  public double energy(OpClass op) { return energy[op.ordinal()]; }

  /** Cycles of each step, in order. */
  public long[] cyclesPerStep() {
    return Arrays.copyOf(cyclesPerStep, (int) steps);
  }

  /** Named figures in SI units, the form {@code nmc.sim.SimResult.metrics} takes. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("energy_j", energyJ);
    m.put(EnergySource.MODEL.key(), 1.0); // counted operations x the chip description's figures (docs/cli.md)
    m.put("static_energy_j", staticEnergyJ);
    m.put("latency_s", latencySeconds);
    m.put("latency_s_per_step", steps == 0 ? 0 : latencySeconds / steps);
    m.put("synaptic_ops", (double) synapticOps);
    m.put("cycles", (double) cycles);
    m.put("cycles_per_step", steps == 0 ? 0 : (double) cycles / steps);
    m.put("cycles_neuron", (double) neuronCycles);
    m.put("cycles_synapse", (double) synapseCycles);
    m.put("cycles_routing", (double) routingCycles);
    m.put("cycles_barrier", (double) barrierCycles);
    m.put("spikes", (double) spikes);
    m.put("messages", (double) messages);
    m.put("energy_j.barrier", barrierEnergyJ);
    for (OpClass op : OpClass.values()) {
      m.put("ops." + op.key(), (double) counts[op.ordinal()]);
      m.put("energy_j." + op.key(), energy[op.ordinal()]);
    }
    return m;
  }
}
