package nmc.ann;

import java.util.List;
import nmc.ann.train.Trainer;

/**
 * A model with its trained values: the parameters and batch-norm buffers in the layout of
 * {@link nmc.ann.train.Net#tensors()}, the per-epoch history, and the test figures measured after training.
 * {@code fingerprint} identifies the architecture and training settings the weights came from.
 */
public record TrainedModel(AnnModel model, float[] params, float[] buffers, List<Trainer.Epoch> history,
    double testAccuracy, double testMae, String fingerprint) {
  public TrainedModel {
    history = List.copyOf(history);
  }
}
