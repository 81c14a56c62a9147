package nmc.ir;

import java.util.List;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.StateVar;

/**
 * A synapse model. {@code postState} variables live once per target neuron and projection (they sum linearly,
 * like Brian2's {@code ge}); {@code preState} once per source neuron. {@code onPre} runs when a spike arrives
 * over a connection (after its delay) for assignments to post state or {@code post.x}, each of which is
 * {@code +=}/{@code -=} of an expression proportional to {@code w}; assignments to pre state run when the source
 * neuron spikes. {@code current}, when present, is added every step to the projection's target port: it is
 * evaluated per target neuron when it uses only post state, parameters and {@code post.x}, and summed over
 * incoming connections when it uses {@code w}, pre state or {@code pre.x} (gap junctions, kinetic synapses).
 */
public record SynapseModel(
    String name,
    List<Param> parameters,
    Dimension weightDim,
    String weightUnit,
    List<StateVar> postState,
    List<StateVar> preState,
    List<Ode> odes,
    List<Assign> onPre,
    Expr current,
    Dimension currentDim,
    IntegrationMethod method,
    Span span) {

  public SynapseModel {
    parameters = List.copyOf(parameters);
    postState = List.copyOf(postState);
    preState = List.copyOf(preState);
    odes = List.copyOf(odes);
    onPre = List.copyOf(onPre);
  }
}
