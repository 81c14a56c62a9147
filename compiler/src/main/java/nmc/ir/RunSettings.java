package nmc.ir;

/** Duration and time step in seconds, and the seed every random draw derives from. */
public record RunSettings(double duration, double dt, long seed) {
  public RunSettings {
    if (!(dt > 0)) throw new IllegalArgumentException("dt must be positive");
    if (!(duration >= 0)) throw new IllegalArgumentException("duration must not be negative");
  }

  public long steps() {
    return Math.round(duration / dt);
  }

  public RunSettings withDuration(double d) {
    return new RunSettings(d, dt, seed);
  }

  public RunSettings withDt(double d) {
    return new RunSettings(duration, d, seed);
  }

  public RunSettings withSeed(long s) {
    return new RunSettings(duration, dt, s);
  }
}
