package nmc.ann;

/**
 * The shape of one example's activations: {@code channels x height x width}, stored channel-major (CHW, as
 * {@code Connectivity.Conv2d} and PyTorch lay them out). A flat vector of n values is {@code n x 1 x 1}.
 */
public record Shape(int channels, int height, int width) {
  public Shape {
    if (channels < 1 || height < 1 || width < 1) throw new IllegalArgumentException("empty shape " + channels + "x" + height + "x" + width);
  }

  public static Shape flat(int n) {
    return new Shape(n, 1, 1);
  }

  /** From the language's order, height x width x channels. */
  public static Shape hwc(int h, int w, int c) {
    return new Shape(c, h, w);
  }

  public int size() {
    return channels * height * width;
  }

  public boolean isFlat() {
    return height == 1 && width == 1;
  }

  /** As the language writes it: {@code 26 x 26 x 8} (height x width x channels), or {@code 784}. */
  @Override
  public String toString() {
    return isFlat() ? Integer.toString(channels) : height + " x " + width + " x " + channels;
  }
}
