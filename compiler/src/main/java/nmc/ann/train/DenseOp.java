package nmc.ann.train;

import java.util.List;
import nmc.ann.Shape;

/** y = x W + b with W stored [in][out]. */
final class DenseOp extends Op {
  private final int nIn, nOut;
  /** W transposed ([out][in]), refreshed by {@link #prepare} for the input gradient. */
  private final float[] wt;

  DenseOp(Shape in, int out) {
    super(in, Shape.flat(out));
    nIn = in.size();
    nOut = out;
    wt = new float[nIn * nOut];
  }

  @Override
  List<Tensor> tensors() {
    return List.of(new Tensor("weight", new int[] {nIn, nOut}, true), new Tensor("bias", new int[] {nOut}, false));
  }

  @Override
  Object newState(int maxN) {
    return new float[maxN * nIn]; // x transposed
  }

  @Override
  void prepare(float[] params) {
    Gemm.transpose(params, offset, nIn, nOut, nOut, wt, 0);
  }

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    int b = offset + nIn * nOut;
    for (int i = 0; i < n; i++) System.arraycopy(params, b, y, i * nOut, nOut);
    Gemm.mul(n, nOut, nIn, x, 0, nIn, params, offset, nOut, y, 0, nOut, true);
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    float[] xt = (float[]) state;
    Gemm.transpose(x, 0, n, nIn, nIn, xt, 0);
    Gemm.mul(nIn, nOut, n, xt, 0, n, dy, 0, nOut, grad, offset, nOut, true);
    int b = offset + nIn * nOut;
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < nOut; o++) grad[b + o] += dy[i * nOut + o];
    }
    if (dx != null) Gemm.mul(n, nIn, nOut, dy, 0, nOut, wt, 0, nIn, dx, 0, nIn, false);
  }
}
