package nmc.ann.convert;

import java.util.List;
import nmc.ann.Shape;
import nmc.ir.Connectivity;

/**
 * A converted network before it is written as IR: spiking layers in order, each with its scaled biases and the
 * links that feed it. Source {@link #INPUT} is the example itself. The last layer is the output.
 *
 * @param inputScale what the input was divided by (the largest input value seen; 1 for images in [0, 1])
 */
public record Plan(String name, Shape input, List<SpikingLayer> layers, ConvertOptions options, double inputScale) {
  public static final int INPUT = -1;

  /** One population per example: {@code bias} per neuron (already divided by the layer's scale). */
  public record SpikingLayer(String name, Shape shape, double[] bias, List<Link> links, double scale, String what) {
    public int size() {
      return shape.size();
    }
  }

  /** Connections from layer {@code source} (or {@link #INPUT}); weights per connection in the IR's order. */
  public record Link(int source, Connectivity connectivity, double[] weights) {}

  /** The same layers with other options (timesteps, reset, readout: what does not change weights or scales). */
  public Plan withOptions(ConvertOptions o) {
    return new Plan(name, input, layers, o, inputScale);
  }

  public SpikingLayer output() {
    return layers.getLast();
  }

  public int sourceSize(int source) {
    return source == INPUT ? input.size() : layers.get(source).size();
  }
}
