package nmc.ann.train;

import nmc.ann.Shape;

/** Flatten (the CHW layout is already flat), and dropout outside training. */
final class IdentityOp extends Op {
  IdentityOp(Shape in, Shape out) {
    super(in, out);
  }

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    System.arraycopy(x, 0, y, 0, n * in.size());
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    if (dx != null) System.arraycopy(dy, 0, dx, 0, n * in.size());
  }
}
