package nmc.emulator.core;

import nmc.emulator.chip.EnergyProfile;
import nmc.emulator.chip.OpClass;

/**
 * The profile's operation times in fixed-point NoC cycles ({@link #ONE} = one cycle), so that a core's timeline is
 * summed exactly in integers, the same in any thread.
 */
public record CoreCosts(long neuronActive, long neuronInactive, long somaAccess, long spikeOut, long axonOut,
    long axonIn, long synapseDense, long synapseSparse) {
  public static final int FRACTION_BITS = 16;
  public static final long ONE = 1L << FRACTION_BITS;

  public static CoreCosts of(EnergyProfile p, double cycleSeconds) {
    return new CoreCosts(fx(p, OpClass.NEURON_ACTIVE, cycleSeconds), fx(p, OpClass.NEURON_INACTIVE, cycleSeconds),
        fx(p, OpClass.SOMA_ACCESS, cycleSeconds), fx(p, OpClass.SPIKE_OUT, cycleSeconds),
        fx(p, OpClass.AXON_OUT, cycleSeconds), fx(p, OpClass.AXON_IN, cycleSeconds),
        fx(p, OpClass.SYNAPSE_DENSE, cycleSeconds), fx(p, OpClass.SYNAPSE_SPARSE, cycleSeconds));
  }

  private static long fx(EnergyProfile p, OpClass op, double cycleSeconds) {
    return Math.round(p.time(op) / cycleSeconds * ONE);
  }

  /** Whole cycles, rounded up. */
  public static long cycles(long fx) {
    return (fx + ONE - 1) >> FRACTION_BITS;
  }
}
