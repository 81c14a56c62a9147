package nmc.emulator;

import nmc.emulator.chip.OpClass;

/**
 * What one time step cost. The cycle split follows the core that finished last: {@code neuronCycles} is its
 * compartment update, {@code synapseCycles} its processing of received messages, {@code routingCycles} the rest of
 * its wait for messages (network latency and contention), and {@code barrierCycles} the barrier that ends the step.
 *
 * @param counts operations per {@link OpClass} (index = ordinal)
 * @param energy joules per {@link OpClass}
 * @param energyJ total dynamic energy of the step, barrier included
 */
public record StepMetrics(long step, long cycles, long neuronCycles, long synapseCycles, long routingCycles,
    long barrierCycles, double latencySeconds, long[] counts, double[] energy, double energyJ, long synapticOps,
    int spikes, int messages, int hostSpikes) {

  public long count(OpClass op) {
    return counts[op.ordinal()];
  }

  public double energy(OpClass op) {
    return energy[op.ordinal()];
  }
}
