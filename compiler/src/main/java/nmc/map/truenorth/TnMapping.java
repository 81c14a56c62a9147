package nmc.map.truenorth;

import java.util.List;
import java.util.Map;
import nmc.map.LifForm;

/**
 * A network mapped onto TrueNorth-like cores, as plain integers the {@code truenorth} target turns into a chip
 * program. Global neuron ids number all populations in network order (spike sources included); splitter neurons
 * have no global id (-1). Core ids are physical (board) ids.
 *
 * @param cores every used core: neuron cores first, then splitter cores
 * @param coreOf physical core of each global neuron (-1 for spike sources); {@code slotOf} its neuron index there
 * @param hostStart CSR over global ids of spike sources: host routes {@code hostCore/hostAxon/hostDelay} (ticks
 *     after the source's step at which the spike is integrated)
 * @param populations per neuron population: scale and integers (for reports and reading back v)
 * @param projections per projection: weight errors after clustering and quantisation
 * @param splitterCores cores that only hold splitter neurons; {@code splitterNeurons} their neurons in all
 * @param addedLatencyMax the largest extra delay (ticks) fan-out trees added beyond the IR's; {@code routesLate}
 *     how many (source, destination axon) routes got any
 */
public record TnMapping(
    TnLimits limits,
    List<String> names,
    int[] popOffset,
    boolean[] popSource,
    List<Core> cores,
    int[] coreOf,
    int[] slotOf,
    int[] hostStart,
    int[] hostCore,
    int[] hostAxon,
    int[] hostDelay,
    Map<String, PopulationQ> populations,
    List<ProjectionQ> projections,
    Map<String, LifForm> forms,
    int splitterCores,
    int splitterNeurons,
    int splitterDepthMax,
    int addedLatencyMax,
    long routesLate,
    long routes,
    List<String> notes) {

  /**
   * One core. Neuron k (k < neurons) is global neuron {@code members[k]} or a splitter (-1). {@code weights[k]} has
   * one signed weight per axon type. Crossbar bits are listed as pairs ({@code synAxon[s]}, {@code synNeuron[s]}).
   * {@code destCore[k] == -1}: no destination.
   */
  public record Core(int physical, boolean splitter, int[] members, int[][] weights, int[] leak, boolean[] leakReversal,
      int[] threshold, int[] negativeThreshold, int[] v0, int[] destCore, int[] destAxon, int[] destDelay, int[] axonType,
      int[] axonSource, int[] synAxon, int[] synNeuron) {
    public int neurons() {
      return members.length;
    }

    public int axons() {
      return axonType.length;
    }
  }

  /** Integers of one population: v = V / scale + vReset. */
  public record PopulationQ(String name, double scale, int[] threshold, int[] leak, boolean leakReversal, double leakAskedPerTick) {}

  /** Weights of one projection: relative errors of the chip's weight against the ideal one, and zeroed weights. */
  public record ProjectionQ(String name, long count, double worst, double mean, long zeroed, int maxDelayTicks) {}

  public int coresUsed() {
    return cores.size();
  }

  public int chipsUsed() {
    return (int) cores.stream().mapToInt(c -> c.physical() / limits.coresPerChip()).distinct().count();
  }
}
