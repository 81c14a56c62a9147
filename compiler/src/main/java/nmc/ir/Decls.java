package nmc.ir;

/** Small declarations shared by neuron and synapse models. */
public final class Decls {
  private Decls() {}

  /** A parameter: its default value (an expression of earlier parameters, in SI) and its display unit. */
  public record Param(String name, Dimension dim, String unit, Expr value) {}

  /** A state variable with its initial value (an expression of the model's parameters, in SI). */
  public record StateVar(String name, Dimension dim, String unit, Expr initial) {}

  /** An input port: the sum of all synaptic currents and injected inputs aimed at it, held over a step. */
  public record Port(String name, Dimension dim, String unit) {}

  /** {@code d variable/dt = rhs}; when {@code unlessRefractory}, the variable is held while refractory. */
  public record Ode(String variable, Expr rhs, boolean unlessRefractory) {}

  /** {@code target op value}, as in reset and on-spike blocks. */
  public record Assign(String target, AssignOp op, Expr value) {}

  public enum AssignOp {
    SET("="), ADD("+="), SUB("-="), MUL("*=");
    public final String text;

    AssignOp(String text) {
      this.text = text;
    }
  }

  /** A name bound to a per-neuron value. */
  public record Binding(String name, ValueSpec value) {}
}
