package nmc.ir;

/** Which pairs (pre, post) a projection connects. {@code nmc.ir.build.Wiring} turns a rule into lists. */
public sealed interface Connectivity {
  record AllToAll(boolean autapses) implements Connectivity {}

  record OneToOne() implements Connectivity {}

  /** Each pair independently with probability {@code p}. */
  record FixedProbability(double p, boolean autapses) implements Connectivity {}

  /** Each target gets exactly {@code k} distinct sources, drawn at random. */
  record FixedFanIn(int k, boolean autapses) implements Connectivity {}

  /** Explicit pairs; weights and delays given as arrays are in the same order. */
  record Explicit(Ints pre, Ints post) implements Connectivity {
    public Explicit {
      if (pre.size() != post.size()) throw new IllegalArgumentException("pre and post lists differ in length");
    }
  }

  /**
   * A 2-D convolution, channel-major as in PyTorch: source neuron {@code (c*inHeight + y)*inWidth + x} is pixel
   * (y, x) of input channel c; target neuron {@code (oc*outHeight + oy)*outWidth + ox}; the projection's weights
   * are the kernel laid out as [outChannel][inChannel][kernelRow][kernelCol]. {@code nmc.ir.build.Wiring} holds
   * these index functions in one place.
   */
  record Conv2d(int inHeight, int inWidth, int inChannels, int outChannels, int kernelHeight, int kernelWidth,
      int stride, int padding) implements Connectivity {
    public int outHeight() {
      return (inHeight + 2 * padding - kernelHeight) / stride + 1;
    }

    public int outWidth() {
      return (inWidth + 2 * padding - kernelWidth) / stride + 1;
    }

    public int kernelSize() {
      return outChannels * kernelHeight * kernelWidth * inChannels;
    }
  }
}
