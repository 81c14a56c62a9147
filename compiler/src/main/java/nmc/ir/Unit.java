package nmc.ir;

/**
 * A unit as written by a user ({@code mV}, {@code uA/cm2}): its dimension, and the factor that takes a value
 * in this unit to SI base units ({@code mV} has scale 1e-3).
 */
public record Unit(String symbol, Dimension dimension, double scale) {
  public static final Unit ONE = new Unit("1", Dimension.NONE, 1.0);

  public double toSi(double value) {
    return value * scale;
  }

  public double fromSi(double si) {
    return si / scale;
  }
}
