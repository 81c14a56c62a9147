package nmc.targets.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nmc.diag.UserError;
import nmc.sim.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cpu target's energy: RAPL package counters in Linux's powercap layout (measured), else the stated
 * {@code -O power_w} x the loop's time (estimated), else none; the label says which.
 */
class CpuEnergyTest {
  @TempDir
  Path tmp;

  /** A powercap folder with one zone per package, each with its counter and wrap range, plus a sub-zone. */
  Path powercap(long... counters) throws IOException {
    Path dir = tmp.resolve("powercap");
    for (int z = 0; z < counters.length; z++) {
      Path zone = Files.createDirectories(dir.resolve("intel-rapl:" + z));
      Files.writeString(zone.resolve("energy_uj"), counters[z] + "\n");
      Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
      Path sub = Files.createDirectories(dir.resolve("intel-rapl:" + z + ":0"));
      Files.writeString(sub.resolve("energy_uj"), "999999999\n"); // a core domain: inside the package's figure
    }
    return dir;
  }

  @Test
  void packageCountersAreSummedAndTheirWrapUndone() throws IOException {
    Path dir = powercap(1_000_000, 5_000_000);
    RaplEnergy rapl = RaplEnergy.open(dir).orElseThrow();
    long[] before = rapl.sample();
    assertArrayEquals(new long[] {1_000_000, 5_000_000}, before, "two packages, sub-zones left out");
    Files.writeString(dir.resolve("intel-rapl:0/energy_uj"), "3500000\n");
    Files.writeString(dir.resolve("intel-rapl:1/energy_uj"), "1000000\n"); // wrapped past 262143328850
    double j = rapl.joules(before, rapl.sample());
    assertEquals(2.5 + (262_143_328_850L - 5_000_000 + 1_000_000) * 1e-6, j, 1e-9);
  }

  @Test
  void noZonesOrUnreadableCountersMeanNoCounter() throws IOException {
    assertTrue(RaplEnergy.open(tmp.resolve("missing")).isEmpty());
    Path dir = powercap(7);
    Files.writeString(dir.resolve("intel-rapl:0/energy_uj"), "not a number\n");
    assertTrue(RaplEnergy.open(dir).isEmpty());
  }

  @Test
  void runsAreLabelledMeasuredEstimatedOrHaveNoEnergy() throws IOException {
    Toolchain cc = new Toolchain("cc", tmp.resolve("cache"));
    var net = CpuTargetTest.network("energy", 0.0004);
    // counters that do not move in this fake folder: a measured 0 J
    SimResult measured = CpuTargetTest.run(new CpuTarget(cc, powercap(42, 43)), net, Map.of("power_w", "35"));
    assertEquals(0.0, measured.metrics().get("energy_j"));
    assertEquals(1.0, measured.metrics().get("energy_source.measured"));
    assertNull(measured.metrics().get("energy_source.estimated"), "never both labels");
    SimResult estimated = CpuTargetTest.run(new CpuTarget(cc, tmp.resolve("none")), net, Map.of("power_w", "35"));
    assertEquals(35 * estimated.metrics().get("run_s"), estimated.metrics().get("energy_j"), 1e-12);
    assertEquals(1.0, estimated.metrics().get("energy_source.estimated"));
    assertEquals(35.0, estimated.metrics().get("power_w"));
    SimResult none = CpuTargetTest.run(new CpuTarget(cc, tmp.resolve("none")), net, Map.of());
    assertFalse(none.metrics().containsKey("energy_j"), "no counter and no stated power: no figure");
    assertArrayEquals(none.spikes().get(0).times(), estimated.spikes().get(0).times());
  }

  /**
   * The counters are read around the simulation loop only, the interval run_s measures: after the kernel is compiled
   * (a cold cache here) and its buffers filled, and before the results are assembled.
   */
  @Test
  void theMeterBracketsTheSimulationLoopAndNotTheCompilation() {
    Toolchain cc = new Toolchain("cc", tmp.resolve("cold-cache"));
    var low = new Lowering(CpuTargetTest.network("energy", 0.002), new Lowering.Options(false, true, 1));
    long[] at = {-1, -1};
    long start = System.nanoTime();
    SimResult r = NativeRun.compileAndRun("cpu", low, cc, start, null, new NativeRun.Meter(() -> at[0] = System.nanoTime(), () -> at[1] = System.nanoTime()));
    double compile = r.metrics().get("compile_s"), run = r.metrics().get("run_s");
    assertTrue(compile > 0, "a cold cache: the kernel was compiled in this run");
    assertTrue(at[0] > 0 && at[1] >= at[0], "both hooks called, start first");
    assertTrue((at[0] - start) * 1e-9 >= compile, "started after the compilation (" + compile + " s)");
    assertTrue((at[1] - at[0]) * 1e-9 >= run, "the metered interval contains run_s");
    assertTrue((at[1] - at[0]) * 1e-9 <= r.wallSeconds() - compile, "and ends before the results are assembled");
  }

  @Test
  void aPowerThatIsNotAPositiveNumberIsAUserError() {
    Toolchain cc = new Toolchain("cc", tmp.resolve("cache"));
    for (String bad : new String[] {"-3", "0", "lots", "NaN"}) {
      UserError e = assertThrows(UserError.class,
          () -> CpuTargetTest.run(new CpuTarget(cc, tmp.resolve("none")), CpuTargetTest.network("energy", 0.0004), Map.of("power_w", bad)));
      assertTrue(e.getMessage().contains("power_w must be a positive number of watts"), e.getMessage());
    }
  }
}
