package nmc.ann.train;

import java.util.List;
import nmc.ann.Layer;
import nmc.ann.Shape;

/**
 * 2-D convolution by im2col: per example, the input patches become a (C·KH·KW) x (OH·OW) matrix and the output
 * is the kernel matrix (OC x C·KH·KW) times it. Kernel layout [oc][c][ky][kx], then one bias per output channel.
 */
final class ConvOp extends Op {
  private final Layer.Conv2d l;
  private final int c, h, w, oc, oh, ow, kk, pix;
  private final float[] wT; // kernel transposed: [C·KH·KW][OC]

  ConvOp(Shape in, Layer.Conv2d l) {
    super(in, new Shape(l.outChannels(), l.outHeight(in.height()), l.outWidth(in.width())));
    this.l = l;
    c = in.channels();
    h = in.height();
    w = in.width();
    oc = l.outChannels();
    oh = out.height();
    ow = out.width();
    kk = c * l.kernelHeight() * l.kernelWidth();
    pix = oh * ow;
    wT = new float[kk * oc];
  }

  @Override
  List<Tensor> tensors() {
    return List.of(new Tensor("weight", new int[] {oc, c, l.kernelHeight(), l.kernelWidth()}, true),
        new Tensor("bias", new int[] {oc}, false));
  }

  private static final class State {
    final float[] cols, dyT, dwT, dcols;

    State(int kk, int pix, int oc) {
      cols = new float[kk * pix];
      dyT = new float[pix * oc];
      dwT = new float[kk * oc];
      dcols = new float[kk * pix];
    }
  }

  @Override
  Object newState(int maxN) {
    return new State(kk, pix, oc);
  }

  @Override
  void prepare(float[] params) {
    Gemm.transpose(params, offset, oc, kk, kk, wT, 0);
  }

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    State s = (State) state;
    int bias = offset + oc * kk, isz = in.size(), osz = out.size();
    for (int e = 0; e < n; e++) {
      im2col(x, e * isz, s.cols);
      for (int o = 0; o < oc; o++) java.util.Arrays.fill(y, e * osz + o * pix, e * osz + (o + 1) * pix, params[bias + o]);
      Gemm.mul(oc, pix, kk, params, offset, kk, s.cols, 0, pix, y, e * osz, pix, true);
    }
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    State s = (State) state;
    int bias = offset + oc * kk, isz = in.size(), osz = out.size();
    for (int e = 0; e < n; e++) {
      int yo = e * osz;
      for (int o = 0; o < oc; o++) {
        float sum = 0;
        for (int q = 0; q < pix; q++) sum += dy[yo + o * pix + q];
        grad[bias + o] += sum;
      }
      im2col(x, e * isz, s.cols);
      // dW^T [kk][oc] = cols [kk][pix] · dy^T [pix][oc]
      Gemm.transpose(dy, yo, oc, pix, pix, s.dyT, 0);
      Gemm.mul(kk, oc, pix, s.cols, 0, pix, s.dyT, 0, oc, s.dwT, 0, oc, false);
      for (int o = 0; o < oc; o++) {
        for (int k = 0; k < kk; k++) grad[offset + o * kk + k] += s.dwT[k * oc + o];
      }
      if (dx != null) {
        Gemm.mul(kk, pix, oc, wT, 0, oc, dy, yo, pix, s.dcols, 0, pix, false);
        col2im(s.dcols, dx, e * isz);
      }
    }
  }

  private void im2col(float[] x, int xo, float[] cols) {
    int kh = l.kernelHeight(), kw = l.kernelWidth(), st = l.stride(), pad = l.padding();
    for (int ch = 0; ch < c; ch++) {
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
          int row = ((ch * kh + ky) * kw + kx) * pix;
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * st - pad + ky;
            int r = row + oy * ow;
            if (iy < 0 || iy >= h) {
              java.util.Arrays.fill(cols, r, r + ow, 0f);
              continue;
            }
            int xr = xo + (ch * h + iy) * w;
            for (int ox = 0; ox < ow; ox++) {
              int ix = ox * st - pad + kx;
              cols[r + ox] = ix >= 0 && ix < w ? x[xr + ix] : 0f;
            }
          }
        }
      }
    }
  }

  private void col2im(float[] cols, float[] dx, int xo) {
    int kh = l.kernelHeight(), kw = l.kernelWidth(), st = l.stride(), pad = l.padding();
    java.util.Arrays.fill(dx, xo, xo + in.size(), 0f);
    for (int ch = 0; ch < c; ch++) {
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
          int row = ((ch * kh + ky) * kw + kx) * pix;
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * st - pad + ky;
            if (iy < 0 || iy >= h) continue;
            int xr = xo + (ch * h + iy) * w, r = row + oy * ow;
            for (int ox = 0; ox < ow; ox++) {
              int ix = ox * st - pad + kx;
              if (ix >= 0 && ix < w) dx[xr + ix] += cols[r + ox];
            }
          }
        }
      }
    }
  }
}
