package nmc.ann;

import nmc.ir.Span;

/**
 * One layer of an ANN as written in the language. Weight layouts (also in the model file): dense {@code [in][out]}
 * (row-major, so the forward pass is X·W), convolution {@code [outChannel][inChannel][kernelRow][kernelCol]}
 * (the layout of {@code Connectivity.Conv2d}).
 */
public sealed interface Layer {
  /** Where it is written (diagnostics); {@link Span#NONE} when read from a model file. */
  Span span();

  /** The layer's word in the language. */
  String word();

  record Dense(int in, int out, Span span) implements Layer {
    public String word() {
      return "dense";
    }
  }

  record Conv2d(int inChannels, int outChannels, int kernelHeight, int kernelWidth, int stride, int padding, Span span)
      implements Layer {
    public String word() {
      return "conv2d";
    }

    public int outHeight(int inHeight) {
      return (inHeight + 2 * padding - kernelHeight) / stride + 1;
    }

    public int outWidth(int inWidth) {
      return (inWidth + 2 * padding - kernelWidth) / stride + 1;
    }
  }

  enum PoolKind {
    MAX("max_pool"), AVG("avg_pool");
    public final String word;

    PoolKind(String word) {
      this.word = word;
    }
  }

  /** Per-channel pooling over {@code size x size} windows, no padding. */
  record Pool(PoolKind kind, int kernelHeight, int kernelWidth, int stride, Span span) implements Layer {
    public String word() {
      return kind.word;
    }
  }

  record Flatten(Span span) implements Layer {
    public String word() {
      return "flatten";
    }
  }

  /** Drops each value with probability {@code p} while training (inverted scaling); the identity otherwise. */
  record Dropout(double p, Span span) implements Layer {
    public String word() {
      return "dropout";
    }
  }

  /**
   * Normalises each channel (each feature of a flat input) with the batch's statistics while training and the
   * running ones otherwise; learns a scale (gamma) and a shift (beta).
   */
  record BatchNorm(double eps, double momentum, Span span) implements Layer {
    public String word() {
      return "batch_norm";
    }
  }

  record Act(Activation kind, double alpha, Span span) implements Layer {
    public String word() {
      return kind.word;
    }
  }
}
