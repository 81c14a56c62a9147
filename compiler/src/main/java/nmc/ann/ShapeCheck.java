package nmc.ann;

/** What a layer makes of its input shape, or why it cannot take it (a message that names both shapes). */
public final class ShapeCheck {
  private ShapeCheck() {}

  /** The output shape, or an error message and a hint. */
  public record Result(Shape shape, String error, String hint) {
    static Result ok(Shape s) {
      return new Result(s, null, null);
    }

    static Result fail(String error, String hint) {
      return new Result(null, error, hint);
    }
  }

  public static Result apply(Layer layer, Shape in) {
    return switch (layer) {
      case Layer.Dense d -> d.in() == in.size() ? Result.ok(Shape.flat(d.out()))
          : Result.fail("dense(" + d.in() + " -> " + d.out() + ") expects " + d.in() + " inputs, but the layer before gives "
              + describe(in), "write dense(" + in.size() + " -> " + d.out() + ")");
      case Layer.Conv2d c -> {
        if (in.isFlat() && in.channels() != c.inChannels()) {
          yield Result.fail("conv2d needs an image (height x width x channels), but the layer before gives " + in.size()
              + " flat values", "declare the input as an image, e.g. input 28 x 28 x 1");
        }
        if (in.channels() != c.inChannels()) {
          yield Result.fail("conv2d(" + c.inChannels() + " -> " + c.outChannels() + ") expects " + c.inChannels()
              + " input channels, but the layer before gives " + describe(in), "write conv2d(" + in.channels() + " -> " + c.outChannels() + ", ...)");
        }
        int oh = c.outHeight(in.height()), ow = c.outWidth(in.width());
        if (c.kernelHeight() > in.height() + 2 * c.padding() || c.kernelWidth() > in.width() + 2 * c.padding() || oh < 1 || ow < 1) {
          yield Result.fail("the kernel " + c.kernelHeight() + " x " + c.kernelWidth() + " is larger than the padded input "
              + (in.height() + 2 * c.padding()) + " x " + (in.width() + 2 * c.padding()) + " (input " + in + ")", "use a smaller kernel or more padding");
        }
        yield Result.ok(new Shape(c.outChannels(), oh, ow));
      }
      case Layer.Pool p -> {
        if (in.isFlat()) yield Result.fail(p.word() + " needs an image, but the layer before gives " + in.size() + " flat values",
            "pool before flattening");
        if (p.kernelHeight() > in.height() || p.kernelWidth() > in.width()) {
          yield Result.fail(p.word() + " window " + p.kernelHeight() + " x " + p.kernelWidth() + " is larger than its input "
              + describe(in), "use a smaller window");
        }
        int oh = (in.height() - p.kernelHeight()) / p.stride() + 1, ow = (in.width() - p.kernelWidth()) / p.stride() + 1;
        yield Result.ok(new Shape(in.channels(), oh, ow));
      }
      case Layer.Flatten f -> Result.ok(Shape.flat(in.size()));
      case Layer.Dropout d -> Result.ok(in);
      case Layer.BatchNorm b -> Result.ok(in);
      case Layer.Act a -> Result.ok(in);
    };
  }

  /** {@code 26 x 26 x 8 = 5408 values} or {@code 784 values}. */
  public static String describe(Shape s) {
    return s.isFlat() ? s.size() + " values" : s + " = " + s.size() + " values";
  }
}
