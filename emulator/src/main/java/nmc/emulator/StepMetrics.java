package nmc.emulator;

import nmc.emulator.chip.OpClass;

/**
 * What one time step cost. {@code cycles = neuronCycles + routingCycles + synapseCycles + barrierCycles}, split along
 * the critical path: the last core to finish and, if it finished with a message, that message: compartment updates
 * until the message was ready at its source; after that the cycles that core's input unit was busy (synaptic ops)
 * and the rest (injection, hops, contention, back-pressure) as routing; the barrier ends the step.
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
