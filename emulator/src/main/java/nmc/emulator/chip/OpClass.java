package nmc.emulator.chip;

/**
 * The operation classes the emulator counts and an {@link EnergyProfile} prices. Every profile gives an energy and
 * a time for every class (zero where its source folds the cost into another class), so two profiles never need
 * each other's figures.
 */
public enum OpClass {
  /** One synapse of a dense-format list processed (a synaptic op). */
  SYNAPSE_DENSE("synapse_dense"),
  /** One synapse of a sparse-format list processed (a synaptic op). */
  SYNAPSE_SPARSE("synapse_sparse"),
  /** A compartment update in a step where it received synaptic input (accumulator non-zero). */
  NEURON_ACTIVE("neuron_active"),
  /** A compartment update without synaptic input. */
  NEURON_INACTIVE("neuron_inactive"),
  /** Reading a compartment's state; charged for every compartment every step. */
  SOMA_ACCESS("soma_access"),
  /** A compartment spike. */
  SPIKE_OUT("spike_out"),
  /** One message sent through an output axon. */
  AXON_OUT("axon_out"),
  /** One message received on an input axon. */
  AXON_IN("axon_in"),
  /** Delivery from a router to one of its cores (every message pays it once). */
  HOP_LOCAL("hop_local"),
  /** A router-to-router hop east or west on one chip. */
  HOP_EW("hop_ew"),
  /** A router-to-router hop north or south on one chip. */
  HOP_NS("hop_ns"),
  /** A hop over a chip-to-chip link. */
  HOP_CHIP("hop_chip");

  private final String key;

  OpClass(String key) {
    this.key = key;
  }

  /** The name used in chip description files and metric names. */
  public String key() {
    return key;
  }

  public static OpClass byKey(String key) {
    for (OpClass c : values()) if (c.key.equals(key)) return c;
    return null;
  }
}
