package nmc.emulator.truenorth;

import java.util.Map;
import nmc.emulator.EmulatorOptions;

/**
 * Speed of the TrueNorth emulator on the M14 benchmark network (a whole chip, 1,048,576 neurons, 20 Hz): build time,
 * then ticks per wall-clock second with and without the cycle-level mesh. Not a unit test: run it with
 * {@code java -cp <test and main classes> nmc.emulator.truenorth.TrueNorthBench [ticks] [threads]}.
 */
public final class TrueNorthBench {
  private TrueNorthBench() {}

  public static void main(String[] args) {
    int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    TrueNorthSpec chip = TrueNorthSpec.load("truenorth");
    long t0 = System.nanoTime();
    TnChipProgram prog = BenchmarkNetwork.build(chip, 2014);
    System.out.printf("build: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    for (boolean timing : new boolean[] {false, true}) {
      int n = timing ? Math.max(1, ticks / 10) : ticks;
      try (TrueNorthEmulator e = TrueNorthEmulator.create(prog,
          EmulatorOptions.defaults().withThreads(threads).withSeed(2014).withRecordSpikes(false).withNetworkTiming(timing))) {
        e.run(30); // warm-up (JIT and the network's transient)
        long s = System.nanoTime();
        e.run(n);
        double wall = (System.nanoTime() - s) / 1e9;
        Map<String, Double> m = e.summary();
        System.out.printf("networkTiming=%s threads=%d: %d ticks in %.2f s = %.1f ticks/s, %.1f M synaptic events/s; "
            + "last tick %d cycles (neuron %d, synapse %d, routing %d)%n", timing, threads, n, wall, n / wall,
            e.lastStep().synapticOps() * (n / wall) / 1e6, e.lastStep().cycles(), e.lastStep().neuronCycles(),
            e.lastStep().synapseCycles(), e.lastStep().routingCycles());
        System.out.println("  " + m.get("power_w") * 1e3 + " mW over the run");
      }
    }
  }
}
