package nmc.emulator.truenorth;

import java.util.Arrays;

/**
 * What one TrueNorth core holds, as plain integers: the binary crossbar (one row of neuron bits per input axon), the
 * type of every axon, every neuron's {@link NeuronParams}, and every neuron's single destination (core, axon, delay)
 * or none. Sized from the chip ({@code axons} × {@code neurons}); unconfigured neurons are
 * {@link NeuronParams#quiet quiet} and have no destination. Built by {@link Builder}; values are checked against
 * the chip by {@link TnChipProgram.Builder#build()}. Public accessors return copies.
 *
 * <pre>
 * TnCoreProgram.Builder b = TnCoreProgram.builder(chip);
 * b.axonType(0, 1);                        // axon 0 has type G = 1
 * b.connect(0, 5);                         // crossbar bit: axon 0 reaches neuron 5
 * b.neuron(5, NeuronParams.integrator(3, 1, -1, 0, 0));
 * b.destination(5, 17, 200, 1);            // neuron 5 sends to axon 200 of core 17, delay 1 tick
 * TnCoreProgram core = b.build();
 * </pre>
 */
public final class TnCoreProgram {
  /** No destination: the neuron's spikes are recorded but go nowhere (an output neuron). */
  public static final int NO_DESTINATION = -1;

  final int axons, neurons, types, words;
  final long[] crossbar; // axon a, word k: crossbar[a * words + k], bit j%64 of word j/64 is neuron j
  final int[] axonType;
  final NeuronParams[] params;
  final int[] destCore, destAxon, destDelay;

  private TnCoreProgram(Builder b) {
    axons = b.axons;
    neurons = b.neurons;
    types = b.types;
    words = b.words;
    crossbar = b.crossbar.clone();
    axonType = b.axonType.clone();
    params = b.params.clone();
    destCore = b.destCore.clone();
    destAxon = b.destAxon.clone();
    destDelay = b.destDelay.clone();
  }

  /** An empty core for this chip: no crossbar bits, axon types 0, quiet neurons without destinations. */
  public static Builder builder(TrueNorthSpec chip) {
    return new Builder(chip.core().axons(), chip.core().neurons(), chip.core().axonTypes());
  }

  public int axons() {
    return axons;
  }

  public int neurons() {
    return neurons;
  }

  public boolean connected(int axon, int neuron) {
    return (crossbar[axon * words + (neuron >>> 6)] >>> (neuron & 63) & 1L) != 0;
  }

  public int axonType(int axon) {
    return axonType[axon];
  }

  public NeuronParams neuron(int j) {
    return params[j];
  }

  /** Destination core of neuron j, or {@link #NO_DESTINATION}. */
  public int destinationCore(int j) {
    return destCore[j];
  }

  public int destinationAxon(int j) {
    return destAxon[j];
  }

  public int destinationDelay(int j) {
    return destDelay[j];
  }

  /** Crossbar bits that are set (the synapses). */
  public long synapses() {
    long n = 0;
    for (long w : crossbar) n += Long.bitCount(w);
    return n;
  }

  /** Fills one core; indices out of the core's size are programming errors ({@link IllegalArgumentException}). */
  public static final class Builder {
    private final int axons, neurons, types, words;
    private final long[] crossbar;
    private final int[] axonType;
    private final NeuronParams[] params;
    private final int[] destCore, destAxon, destDelay;

    private Builder(int axons, int neurons, int types) {
      this.axons = axons;
      this.neurons = neurons;
      this.types = types;
      words = (neurons + 63) >>> 6;
      crossbar = new long[axons * words];
      axonType = new int[axons];
      params = new NeuronParams[neurons];
      Arrays.fill(params, NeuronParams.quiet(types));
      destCore = new int[neurons];
      Arrays.fill(destCore, NO_DESTINATION);
      destAxon = new int[neurons];
      destDelay = new int[neurons];
    }

    private void checkAxon(int a) {
      if (a < 0 || a >= axons) throw new IllegalArgumentException("no axon " + a + " (a core has " + axons + ")");
    }

    private void checkNeuron(int j) {
      if (j < 0 || j >= neurons) throw new IllegalArgumentException("no neuron " + j + " (a core has " + neurons + ")");
    }

    /** The type G of an axon (checked against the chip's number of types when the chip program is built). */
    public Builder axonType(int axon, int type) {
      checkAxon(axon);
      axonType[axon] = type;
      return this;
    }

    /** Sets the crossbar bit: spikes on {@code axon} reach {@code neuron}. */
    public Builder connect(int axon, int neuron) {
      checkAxon(axon);
      checkNeuron(neuron);
      crossbar[axon * words + (neuron >>> 6)] |= 1L << (neuron & 63);
      return this;
    }

    public Builder disconnect(int axon, int neuron) {
      checkAxon(axon);
      checkNeuron(neuron);
      crossbar[axon * words + (neuron >>> 6)] &= ~(1L << (neuron & 63));
      return this;
    }

    /** A whole crossbar row at once: bit {@code j % 64} of {@code bits[j / 64]} is neuron j (bits past the last neuron must be 0). */
    public Builder crossbarRow(int axon, long[] bits) {
      checkAxon(axon);
      if (bits.length != words) throw new IllegalArgumentException("a crossbar row has " + words + " words, got " + bits.length);
      int spare = words * 64 - neurons;
      if (spare > 0 && (bits[words - 1] >>> (64 - spare)) != 0) throw new IllegalArgumentException("bits past neuron " + (neurons - 1));
      System.arraycopy(bits, 0, crossbar, axon * words, words);
      return this;
    }

    public Builder neuron(int j, NeuronParams p) {
      checkNeuron(j);
      params[j] = java.util.Objects.requireNonNull(p);
      return this;
    }

    /**
     * Neuron j's single target: input axon {@code axon} of core {@code core} (a global id, see {@link TnChipProgram}),
     * {@code delay} ticks later (1 to 15 on TrueNorth; checked with the chip program). Larger fan-out needs splitter
     * neurons.
     */
    public Builder destination(int j, int core, int axon, int delay) {
      checkNeuron(j);
      destCore[j] = core;
      destAxon[j] = axon;
      destDelay[j] = delay;
      return this;
    }

    /** Removes neuron j's destination (its spikes are only recorded). */
    public Builder noDestination(int j) {
      checkNeuron(j);
      destCore[j] = NO_DESTINATION;
      destAxon[j] = 0;
      destDelay[j] = 0;
      return this;
    }

    public TnCoreProgram build() {
      return new TnCoreProgram(this);
    }
  }
}
