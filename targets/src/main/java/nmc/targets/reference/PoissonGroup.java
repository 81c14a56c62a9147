package nmc.targets.reference;

import nmc.ir.Population;
import nmc.ir.build.Materialize;
import nmc.ir.build.Rng;

/**
 * Independent Poisson sources (common.md, step 5): source i emits at step n when
 * {@code Rng.uniform(seed, Rng.stream("poisson/" + pop), n * size + i) < rate_i * dt} and start <= t_n < stop.
 * The recorded spike time is t_n.
 */
final class PoissonGroup extends SpikeGroup {
  private final double[] probability;
  private final double start, stop;
  private final long seed, stream;

  PoissonGroup(Population pop, Population.Poisson spec, long seed, double dt) {
    super(pop.name(), pop.size());
    double[] rate = Materialize.rates(pop, seed);
    probability = new double[size];
    for (int i = 0; i < size; i++) probability[i] = rate[i] * dt;
    start = spec.start();
    stop = spec.stop();
    this.seed = seed;
    stream = Rng.stream("poisson/" + pop.name());
  }

  void fire(long n, double tn) {
    if (!(tn >= start && tn < stop)) return;
    long base = n * (long) size;
    for (int i = 0; i < size; i++) {
      if (Rng.uniform(seed, stream, base + i) < probability[i]) addSpike(i);
    }
  }

  @Override
  double spikeTime(long n, double dt) {
    return n * dt;
  }
}
