package nmc.targets.reference;

import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.build.SourceSpikes;

/** A spike-source population (Poisson or given times), fired by the rules every target shares ({@link SourceSpikes}). */
final class SourceGroup extends SpikeGroup {
  private final SourceSpikes source;
  private final int[][] fired = {new int[16]};

  SourceGroup(Network net, Population pop) {
    super(pop.name(), pop.size());
    source = new SourceSpikes(net, pop);
  }

  void fire(long n) {
    int c = source.fire(n, fired);
    for (int k = 0; k < c; k++) addSpike(fired[0][k]);
  }

  @Override
  double spikeTime(long n, double dt) {
    return n * dt;
  }
}
