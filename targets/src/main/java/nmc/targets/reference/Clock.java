package nmc.targets.reference;

/** The time {@code t} seen by expressions (RK4 moves it to its stage times within a step) and the fixed {@code dt}. */
final class Clock {
  final double dt;
  double t;

  Clock(double dt) {
    this.dt = dt;
  }
}
