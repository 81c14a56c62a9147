package nmc.map;

import java.util.List;
import java.util.Map;

/**
 * A neuron population in the chip's current-based LIF form, per neuron and in SI units, before quantisation:
 *
 * <pre>
 * dU/dt = leakU * U                 (U = sum_i c_i x_i: the synaptic drive of v, in V/s)
 * dv/dt = leakV * (v - vReset) + U + drive0      unless refractory
 * spike when v - vReset > threshold;  reset v = vReset;  refractory refractorySteps steps
 * </pre>
 *
 * Exponential Euler integrates this exactly for inputs held over a step; the chip's order (u first, then v with
 * the new u) is the same because spikes are delivered before the step's integration. {@code leakU} is
 * {@code -infinity} when the model has no synaptic state (inputs go straight into v).
 *
 * @param channels the state variables a projection may target, by name; {@code "v"} itself when inputs jump v
 * @param uVariable the one synaptic state whose trace can be read back from the chip's u (null if none or merged)
 * @param v0 initial v (V); {@code u0} initial drive U (V/s)
 * @param notes what was approximated, for the report (empty when the form is exact)
 */
public record LifForm(
    String population,
    int size,
    String vVariable,
    double[] vReset,
    double[] threshold,
    double[] leakV,
    double[] leakU,
    double[] drive0,
    int[] refractorySteps,
    Map<String, Channel> channels,
    String uVariable,
    double[] v0,
    double[] u0,
    List<String> notes) {

  public LifForm {
    channels = Map.copyOf(channels);
    notes = List.copyOf(notes);
  }

  /**
   * A state variable projections may jump. A jump of {@code w} in it moves U by {@code coef * scale * w}
   * ({@code scale} is 1 unless two synaptic time constants were merged, see {@link LifExtraction}), or v by
   * {@code w} for the channel {@code "v"} ({@code direct}).
   */
  public record Channel(String variable, boolean direct, double[] coef, double[] scale) {}

  /** True when some input goes through the synaptic current U (then no input jumps v directly). */
  public boolean usesU() {
    return leakU.length > 0 && !Double.isInfinite(leakU[0]);
  }
}
