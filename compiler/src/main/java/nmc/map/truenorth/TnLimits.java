package nmc.map.truenorth;

/**
 * What the TrueNorth mapper needs to know about the chip, chip-neutral (the compiler cannot see the emulator; the
 * {@code truenorth} target fills this from {@code TrueNorthSpec}). {@code axonsPerCore} / {@code neuronsPerCore}
 * are the budgets the mapper fills (normally the chip's; tests may use smaller ones to force many cores, the
 * program stays valid for the real core).
 *
 * @param tickSeconds the chip's tick (1 ms): one IR step runs in one tick, so chip latency is steps x tick
 */
public record TnLimits(String name, String origin, int tilesX, int tilesY, int chipsX, int chipsY, int axonsPerCore,
    int neuronsPerCore, int axonTypes, int minDelay, int maxDelay, int weightMin, int weightMax, int leakMin, int leakMax,
    int thresholdMax, int potentialMin, int potentialMax, double tickSeconds) {

  public int coresPerChip() {
    return tilesX * tilesY;
  }

  public int cores() {
    return coresPerChip() * chipsX * chipsY;
  }

  /** The same chip with smaller per-core budgets (tests). */
  public TnLimits withBudget(int axons, int neurons) {
    return new TnLimits(name, origin, tilesX, tilesY, chipsX, chipsY, axons, neurons, axonTypes, minDelay, maxDelay, weightMin,
        weightMax, leakMin, leakMax, thresholdMax, potentialMin, potentialMax, tickSeconds);
  }

  public TnLimits withBoard(int x, int y) {
    return new TnLimits(name, origin, tilesX, tilesY, x, y, axonsPerCore, neuronsPerCore, axonTypes, minDelay, maxDelay, weightMin,
        weightMax, leakMin, leakMax, thresholdMax, potentialMin, potentialMax, tickSeconds);
  }
}
