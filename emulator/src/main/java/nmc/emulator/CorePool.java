package nmc.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a task on every used core of a chip, statically partitioned over a fixed number of threads (core i goes to
 * thread i mod threads), so the work of a core never depends on the thread count. One thread runs inline.
 */
public final class CorePool<C> implements AutoCloseable {
  private final List<C> used;
  private final List<List<C>> partitions = new ArrayList<>();
  private final ExecutorService pool;

  public CorePool(List<C> used, int threads, String name) {
    this.used = List.copyOf(used);
    int n = Math.max(1, Math.min(threads, used.size()));
    for (int t = 0; t < n; t++) {
      List<C> part = new ArrayList<>();
      for (int i = t; i < used.size(); i += n) part.add(used.get(i));
      partitions.add(part);
    }
    pool = n > 1 ? Executors.newFixedThreadPool(n, r -> {
      Thread th = new Thread(r, name);
      th.setDaemon(true);
      return th;
    }) : null;
  }

  /** Runs {@code task} on every core and, if given, {@code extra} alongside; returns when all are done. */
  public void forEach(Consumer<C> task, Runnable extra) {
    if (pool == null) {
      for (C c : used) task.accept(c);
      if (extra != null) extra.run();
      return;
    }
    List<Callable<Void>> jobs = new ArrayList<>(partitions.size() + 1);
    for (List<C> part : partitions) {
      jobs.add(() -> {
        for (C c : part) task.accept(c);
        return null;
      });
    }
    if (extra != null) {
      jobs.add(() -> {
        extra.run();
        return null;
      });
    }
    try {
      for (Future<Void> f : pool.invokeAll(jobs)) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("emulation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
