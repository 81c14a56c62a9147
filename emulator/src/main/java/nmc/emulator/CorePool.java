package nmc.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a task on every used core of a chip, statically partitioned over a fixed number of threads (core i goes to
 * thread i mod threads), so the work of a core never depends on the thread count. One thread runs inline.
 *
 * <p>A step has two parallel phases of a few microseconds each, so handing work to an executor (a queue, futures,
 * wake-ups) would cost more than the work. Instead the caller is thread 0 and each other thread is a persistent
 * worker that owns its partition: a phase is started by bumping a volatile counter; workers spin briefly, then park,
 * waiting for it, and the caller waits the same way for the last worker to finish.
 */
public final class CorePool<C> implements AutoCloseable {
  /**
   * How long to spin before parking: about the gap between two phases of a step. Longer spins lose badly when the
   * machine has fewer free cores than threads (measured: 50 us made a 2-thread run 5x slower on a busy 2-core host).
   */
  private static final long SPIN_NANOS = 5_000;

  private final List<C> used;
  private final List<List<C>> partitions = new ArrayList<>();
  private final Worker<?>[] workers;
  private final int extraThread; // which thread also runs the extra task: the one with the fewest cores

  // the current phase; written by the caller before the volatile write of `phase`, read by workers after reading it
  private Consumer<C> task;
  private Runnable extra;
  private volatile int phase;
  private volatile boolean closed;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Thread caller;
  private volatile boolean callerParked;
  private volatile Throwable failure;

  public CorePool(List<C> used, int threads, String name) {
    this.used = List.copyOf(used);
    int n = Math.max(1, Math.min(threads, used.size()));
    for (int t = 0; t < n; t++) {
      List<C> part = new ArrayList<>();
      for (int i = t; i < used.size(); i += n) part.add(used.get(i));
      partitions.add(part);
    }
    extraThread = n - 1;
    workers = new Worker<?>[n - 1];
    for (int t = 1; t < n; t++) {
      Worker<C> w = new Worker<>(this, t);
      Thread th = new Thread(w, name + "-" + t);
      th.setDaemon(true);
      w.thread = th;
      workers[t - 1] = w;
      th.start();
    }
  }

  /** Runs {@code task} on every core and, if given, {@code extra} alongside; returns when all are done. */
  public void forEach(Consumer<C> task, Runnable extra) {
    if (workers.length == 0) {
      for (C c : used) task.accept(c);
      if (extra != null) extra.run();
      return;
    }
    if (closed) throw new IllegalStateException("the pool is closed");
    this.task = task;
    this.extra = extra;
    caller = Thread.currentThread();
    pending.set(workers.length);
    phase = phase + 1; // publishes task and extra (single writer)
    for (Worker<?> w : workers) if (w.parked) LockSupport.unpark(w.thread);
    Throwable mine = null;
    try {
      runPartition(0);
    } catch (Throwable t) {
      mine = t;
    }
    long spinUntil = 0;
    for (int spin = 0; pending.get() != 0; spin++) {
      if (spin == 0) spinUntil = System.nanoTime() + SPIN_NANOS;
      if ((spin & 63) != 0 || System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      } else {
        callerParked = true;
        if (pending.get() != 0) LockSupport.park(this);
        callerParked = false;
      }
    }
    Throwable f = mine != null ? mine : failure;
    failure = null;
    this.task = null;
    this.extra = null;
    if (f instanceof RuntimeException re) throw re;
    if (f instanceof Error e) throw e;
    if (f != null) throw new IllegalStateException(f);
  }

  private void runPartition(int t) {
    for (C c : partitions.get(t)) task.accept(c);
    if (t == extraThread && extra != null) extra.run();
  }

  @Override
  public void close() {
    closed = true;
    for (Worker<?> w : workers) LockSupport.unpark(w.thread);
  }

  private static final class Worker<C> implements Runnable {
    final CorePool<C> pool;
    final int index;
    Thread thread;
    volatile boolean parked;

    Worker(CorePool<C> pool, int index) {
      this.pool = pool;
      this.index = index;
    }

    @Override
    public void run() {
      final CorePool<C> pool = this.pool;
      int seen = 0;
      while (true) {
        int p = pool.phase;
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        for (int spin = 0; p == seen && !pool.closed; spin++) {
          if ((spin & 63) != 0 || System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
          } else {
            parked = true;
            if (pool.phase == seen && !pool.closed) LockSupport.park(this);
            parked = false;
          }
          p = pool.phase;
        }
        if (pool.closed) return;
        seen = p;
        try {
          pool.runPartition(index);
        } catch (Throwable t) {
          pool.failure = t;
        }
        if (pool.pending.decrementAndGet() == 0 && pool.callerParked) LockSupport.unpark(pool.caller);
      }
    }
  }
}
