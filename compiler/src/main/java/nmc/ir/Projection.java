package nmc.ir;

import java.util.List;
import nmc.ir.Decls.Binding;

/**
 * Connections from population {@code pre} to the input {@code port} of population {@code post} through synapse
 * model {@code synapse}. Weights (in the synapse's weight unit, sign included) and delays (seconds) are drawn
 * per connection; for {@link Connectivity.Conv2d} the weights are the kernel.
 */
public record Projection(
    String name,
    String pre,
    String post,
    String port,
    String synapse,
    List<Binding> synapseParameters,
    Connectivity connectivity,
    ValueSpec weight,
    ValueSpec delay,
    Sign sign,
    Span span) {

  public Projection {
    synapseParameters = List.copyOf(synapseParameters);
  }

  /** The sign a user declared; the front end checks weights agree with it. */
  public enum Sign {
    EXCITATORY, INHIBITORY, MIXED
  }
}
