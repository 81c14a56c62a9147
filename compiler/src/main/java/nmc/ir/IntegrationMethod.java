package nmc.ir;

/** How a model's ODEs are stepped. */
public enum IntegrationMethod {
  /** Forward Euler. */
  EULER,
  /** Classic fourth-order Runge-Kutta on the whole state vector of a neuron. */
  RK4,
  /**
   * Exponential Euler: each ODE must be linear in its own variable, dx/dt = A + B x with A and B free of x;
   * then x(t+dt) = -A/B + (x + A/B) exp(B dt), with the other variables held at their values at t.
   */
  EXPONENTIAL_EULER
}
