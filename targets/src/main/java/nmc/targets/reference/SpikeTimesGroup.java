package nmc.targets.reference;

import java.util.Arrays;
import nmc.ir.Population;
import nmc.ir.Vec;

/**
 * Sources that spike at given times (common.md, step 5): time T is emitted in the step n with t_n <= T < t_{n+1}
 * (t_n = n * dt); several times of one source in one step give one spike. Times outside the run are ignored. The
 * recorded spike time is t_n.
 */
final class SpikeTimesGroup extends SpikeGroup {
  /** Events sorted by step, then source: step[e], source[e]. */
  private final long[] step;
  private final int[] source;
  private int cursor;

  SpikeTimesGroup(Population pop, Population.SpikeTimes spec, double dt, long steps) {
    super(pop.name(), pop.size());
    if (spec.times().size() != pop.size()) {
      throw Errors.at(pop.span(), "spike source " + pop.name() + " has " + pop.size() + " sources but " + spec.times().size() + " lists of times",
          "give one list of spike times per source");
    }
    long[] keys = new long[0];
    int count = 0;
    for (int i = 0; i < size; i++) {
      Vec times = spec.times().get(i);
      for (double t : times.values()) {
        long n = stepOf(t, dt);
        if (n < 0 || n >= steps) continue;
        if (count == keys.length) keys = Arrays.copyOf(keys, Math.max(16, count * 2));
        keys[count++] = n * size + i;
      }
    }
    keys = Arrays.copyOf(keys, count);
    Arrays.sort(keys);
    long[] st = new long[count];
    int[] src = new int[count];
    int m = 0;
    for (int e = 0; e < count; e++) {
      if (e > 0 && keys[e] == keys[e - 1]) continue;
      st[m] = keys[e] / size;
      src[m] = (int) (keys[e] % size);
      m++;
    }
    step = Arrays.copyOf(st, m);
    source = Arrays.copyOf(src, m);
  }

  /** The n with n*dt <= t < (n+1)*dt, exactly in double arithmetic; -1 for negative or non-finite times. */
  static long stepOf(double t, double dt) {
    if (!(t >= 0) || Double.isInfinite(t)) return -1;
    long n = (long) Math.floor(t / dt);
    while (n > 0 && n * dt > t) n--;
    while ((n + 1) * dt <= t) n++;
    return n;
  }

  void fire(long n) {
    while (cursor < step.length && step[cursor] == n) addSpike(source[cursor++]);
  }

  @Override
  double spikeTime(long n, double dt) {
    return n * dt;
  }
}
