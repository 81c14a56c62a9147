package nmc.targets.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processor packages' energy counters (RAPL) as Linux exposes them under {@code /sys/class/powercap}: one
 * {@code intel-rapl:N} zone per package (AMD's too), {@code energy_uj} counting microjoules and wrapping at
 * {@code max_energy_range_uj}. Sub-zones ({@code intel-rapl:N:M}: cores, DRAM) are inside the package's figure and
 * not added again. Often unreadable: not every machine has the driver, virtual machines rarely pass it through, and
 * recent kernels let only root read it.
 */
final class RaplEnergy {
  private final List<Path> zones;
  private final long[] range;

  private RaplEnergy(List<Path> zones, long[] range) {
    this.zones = zones;
    this.range = range;
  }

  /** The package zones under {@code powercap}, or empty when there are none or they cannot be read. */
  static Optional<RaplEnergy> open(Path powercap) {
    List<Path> zones = new ArrayList<>();
    try (Stream<Path> s = Files.list(powercap)) {
      s.filter(p -> p.getFileName().toString().matches("intel-rapl:\\d+")).sorted().forEach(zones::add);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    if (zones.isEmpty()) return Optional.empty();
    long[] range = new long[zones.size()];
    for (int z = 0; z < range.length; z++) {
      long r = read(zones.get(z).resolve("max_energy_range_uj")), e = read(zones.get(z).resolve("energy_uj"));
      if (r <= 0 || e < 0) return Optional.empty();
      range[z] = r;
    }
    return Optional.of(new RaplEnergy(zones, range));
  }

  /** Every package's counter now (microjoules); null when one cannot be read any more. */
  long[] sample() {
    long[] v = new long[zones.size()];
    for (int z = 0; z < v.length; z++) {
      v[z] = read(zones.get(z).resolve("energy_uj"));
      if (v[z] < 0) return null;
    }
    return v;
  }

  /** Joules between two samples, each counter's wrap undone (at most one wrap per counter in between). */
  double joules(long[] before, long[] after) {
    double uj = 0;
    for (int z = 0; z < before.length; z++) uj += after[z] >= before[z] ? after[z] - before[z] : after[z] + range[z] - before[z];
    return uj * 1e-6;
  }

  private static long read(Path p) {
    try {
      return Long.parseLong(Files.readString(p).strip());
    } catch (IOException | NumberFormatException | SecurityException e) {
      return -1;
    }
  }
}
