package nmc.ir;

import java.util.List;
import java.util.Optional;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.Port;
import nmc.ir.Decls.StateVar;

/**
 * A neuron model defined by equations. Per step a back end: sums inputs into ports; integrates the ODEs with
 * {@code method} (variables with {@code unlessRefractory} are held while the neuron is refractory); tests
 * {@code spike} (if present, and the neuron is not refractory; with {@code rising}, only when it was false at
 * the previous step); on a spike applies {@code reset} and starts the refractory period
 * ({@code refractory} seconds, an expression of parameters).
 */
public record NeuronModel(
    String name,
    List<Param> parameters,
    List<StateVar> state,
    List<Port> ports,
    List<Ode> odes,
    Expr spike,
    boolean rising,
    List<Assign> reset,
    Expr refractory,
    IntegrationMethod method,
    Span span) {

  public NeuronModel {
    parameters = List.copyOf(parameters);
    state = List.copyOf(state);
    ports = List.copyOf(ports);
    odes = List.copyOf(odes);
    reset = List.copyOf(reset);
  }

  public Optional<Param> parameter(String n) {
    return parameters.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  public Optional<StateVar> stateVar(String n) {
    return state.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  public Optional<Port> port(String n) {
    return ports.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  public boolean spikes() {
    return spike != null;
  }
}
