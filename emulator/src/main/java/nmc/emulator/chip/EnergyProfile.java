package nmc.emulator.chip;

import java.util.Arrays;

/**
 * One complete set of energy and time figures per {@link OpClass}, plus the barrier time by tile count, read from
 * one entry of a chip description's {@code energyProfiles}. Instances come only from {@link ChipSpec} (the
 * constructor is package-private and there are no setters), so an emulator always prices with figures of a single
 * source: mixing two profiles is impossible by construction.
 */
public final class EnergyProfile {
  private final String name;
  private final String description;
  private final double[] energy;
  private final double[] time;
  private final int[] barrierTiles;
  private final double[] barrierSeconds;
  private final double barrierEnergy;

  EnergyProfile(String name, String description, double[] energy, double[] time, int[] barrierTiles,
      double[] barrierSeconds, double barrierEnergy) {
    this.name = name;
    this.description = description;
    this.energy = energy.clone();
    this.time = time.clone();
    this.barrierTiles = barrierTiles.clone();
    this.barrierSeconds = barrierSeconds.clone();
    this.barrierEnergy = barrierEnergy;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** Joules per operation. */
  public double energy(OpClass op) {
    return energy[op.ordinal()];
  }

  /** Seconds per operation. */
  public double time(OpClass op) {
    return time[op.ordinal()];
  }

  /** Joules per barrier (zero where unpublished). */
  public double barrierEnergy() {
    return barrierEnergy;
  }

  /**
   * Prices one step: {@code energy[op] = counts[op] x energy per op} for every class, and returns their sum plus the
   * barrier's energy.
   */
  public double price(long[] counts, double[] energy) {
    double total = barrierEnergy;
    for (int op = 0; op < counts.length; op++) {
      energy[op] = counts[op] * this.energy[op];
      total += energy[op];
    }
    return total;
  }

  /**
   * Barrier time for a mesh of {@code tiles} active tiles: linear between the listed points, held at the first
   * and last point outside them.
   */
  public double barrierSeconds(int tiles) {
    int n = barrierTiles.length;
    if (tiles <= barrierTiles[0]) return barrierSeconds[0];
    if (tiles >= barrierTiles[n - 1]) return barrierSeconds[n - 1];
    int i = 1;
    while (barrierTiles[i] < tiles) i++;
    double f = (double) (tiles - barrierTiles[i - 1]) / (barrierTiles[i] - barrierTiles[i - 1]);
    return barrierSeconds[i - 1] + f * (barrierSeconds[i] - barrierSeconds[i - 1]);
  }

  @Override
  public String toString() {
    return "EnergyProfile[" + name + ", energy=" + Arrays.toString(energy) + ", time=" + Arrays.toString(time) + "]";
  }
}
