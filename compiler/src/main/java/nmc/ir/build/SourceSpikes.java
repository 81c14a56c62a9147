package nmc.ir.build;

import java.util.Arrays;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Vec;

/**
 * The spikes of one spike-source population, step by step, with exactly the IR's rules (docs/ir.md, step 5), shared
 * by every target so all see the same source spikes: Poisson source i fires at step n when
 * {@code Rng.uniform(seed, stream("poisson/" + pop), n * size + i) < rate_i dt} and start <= t_n < stop; a given
 * time T fires at the step n with t_n <= T < t_{n+1}.
 */
public final class SourceSpikes {
  private final int size;
  private final double dt;
  private final long seed, stream;
  private final double[] probability;
  private final double start, stop;
  private final long[] eventStep; // spike times: events sorted by step, then source
  private final int[] eventSource;
  private int cursor;

  public SourceSpikes(Network net, Population pop) {
    size = pop.size();
    dt = net.run().dt();
    seed = net.run().seed();
    switch (pop.kind()) {
      case Population.Poisson ps -> {
        double[] rate = Materialize.rates(pop, seed);
        probability = new double[size];
        for (int i = 0; i < size; i++) probability[i] = rate[i] * dt;
        start = ps.start();
        stop = ps.stop();
        stream = Rng.stream("poisson/" + pop.name());
        eventStep = null;
        eventSource = null;
      }
      case Population.SpikeTimes st -> {
        probability = null;
        start = stop = 0;
        stream = 0;
        long steps = net.run().steps();
        long[] keys = new long[16];
        int count = 0;
        if (st.times().size() != size) {
          throw new UserError(java.util.List.of(Diagnostic.error(pop.span(), "spike source " + pop.name() + " has " + size
              + " sources but " + st.times().size() + " lists of times", "give one list of spike times per source", "")));
        }
        for (int i = 0; i < size; i++) {
          Vec times = st.times().get(i);
          for (double t : times.values()) {
            long n = stepOf(t, dt);
            if (n < 0 || n >= steps) continue;
            if (count == keys.length) keys = Arrays.copyOf(keys, count * 2);
            keys[count++] = n * size + i;
          }
        }
        keys = Arrays.copyOf(keys, count);
        Arrays.sort(keys);
        long[] es = new long[count];
        int[] src = new int[count];
        int m = 0;
        for (int e = 0; e < count; e++) {
          if (e > 0 && keys[e] == keys[e - 1]) continue; // several times in one step: one spike
          es[m] = keys[e] / size;
          src[m++] = (int) (keys[e] % size);
        }
        eventStep = Arrays.copyOf(es, m);
        eventSource = Arrays.copyOf(src, m);
      }
      case Population.Neurons n -> throw new IllegalArgumentException(pop.name() + " is not a spike source");
    }
  }

  /** Indices of the sources that fire at step n (n increasing from call to call), into {@code out}; returns the count. */
  public int fire(long n, int[][] out) {
    int c = 0;
    if (probability != null) {
      double tn = n * dt;
      if (!(tn >= start && tn < stop)) return 0;
      long base = n * (long) size;
      for (int i = 0; i < size; i++) {
        if (Rng.uniform(seed, stream, base + i) < probability[i]) c = put(out, c, i);
      }
    } else {
      while (cursor < eventStep.length && eventStep[cursor] < n) cursor++;
      while (cursor < eventStep.length && eventStep[cursor] == n) c = put(out, c, eventSource[cursor++]);
    }
    return c;
  }

  private static int put(int[][] out, int c, int i) {
    if (c == out[0].length) out[0] = Arrays.copyOf(out[0], Math.max(16, c * 2));
    out[0][c] = i;
    return c + 1;
  }

  /** The n with n*dt <= t < (n+1)*dt in double arithmetic; -1 for negative or non-finite times. */
  public static long stepOf(double t, double dt) {
    if (!(t >= 0) || Double.isInfinite(t)) return -1;
    long n = (long) Math.floor(t / dt);
    while (n > 0 && n * dt > t) n--;
    while ((n + 1) * dt <= t) n++;
    return n;
  }
}
