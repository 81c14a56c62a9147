package nmc.map;

import java.util.List;

/**
 * A network mapped onto a board of chips, as plain integers a target turns into its chip program: per used core the
 * compartments with their quantised parameters, the input axons with their synapse lists, and the fan-out edges
 * (routing table: compartment -> destination core and axon); the host's routes for spike sources; and everything the
 * reports and the read-back of results need (which core and slot holds each neuron, scales, errors, placement).
 *
 * <p>Global neuron ids number all populations in network order (spike sources included); {@code popOffset[p]} is the
 * first id of population p. Core ids in {@link CoreMap#physical()}, {@link CoreMap#outCore()} and
 * {@link #hostCore()} are physical (board) core ids. Traffic is listed as (source core, destination core, fan-out
 * edges) between logical cores: the messages one spike of every neuron would send.
 */
public record ChipMapping(
    ChipLimits limits,
    List<String> populations,
    int[] popOffset,
    boolean[] popSource,
    List<CoreMap> cores,
    int[] coreOf,
    int[] slotOf,
    int[] hostStart,
    int[] hostCore,
    int[] hostAxon,
    List<WeightFormat> formats,
    LifExtraction.Result forms,
    Quantiser.Result quantisation,
    Partitioner.Result partition,
    Placer.Result placement,
    double messagesPerSpike,
    double hopsPerSpike,
    int[] trafficSrc,
    int[] trafficDst,
    long[] trafficEdges) {

  /**
   * One used core. Compartment k is global neuron {@code members[k]}. Synapses are listed in the order the chip
   * stores them per axon: {@code synAxon[s]} names the input axon, {@code synCx[s]} the compartment.
   *
   * @param axonSource global id of the neuron (or source) whose spikes an input axon carries
   * @param usage what the core uses of each per-core budget
   */
  public record CoreMap(int physical, int[] members, int[] du, int[] dv, int[] refractDelay, int[] thresholdMantissa,
      int[] biasMantissa, int[] biasExponent, int[] v0, int[] u0, int[] axonFormat, int[] axonSource, int[] synAxon,
      int[] synCx, int[] synWeight, int[] synDelay, int[] outCx, int[] outCore, int[] outAxon, Partitioner.Usage usage) {
    public int compartments() {
      return members.length;
    }
  }

  public int populationIndex(String name) {
    int p = populations.indexOf(name);
    if (p < 0) throw new IllegalArgumentException("no population " + name);
    return p;
  }

  /** Logical core (index into {@link #cores()}) of neuron i of population p; -1 for spike sources. */
  public int coreOf(int p, int i) {
    return coreOf[popOffset[p] + i];
  }

  /** Compartment index on its core of neuron i of population p. */
  public int slotOf(int p, int i) {
    return slotOf[popOffset[p] + i];
  }

  public int coresUsed() {
    return cores.size();
  }

  /** Chips the used cores lie on. */
  public int chipsUsed() {
    return (int) cores.stream().mapToInt(c -> c.physical() / limits.mesh().coresPerChip()).distinct().count();
  }
}
