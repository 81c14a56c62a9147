package nmc.emulator.program;

/**
 * A compartment profile (shared by many compartments of a core; the table is small).
 *
 * @param decayU current decay {@code du}, 0..4095; the chip applies {@code du + 1}
 * @param decayV voltage decay {@code dv}, 0..4095 (0 = perfect integrator)
 * @param refractDelay 1..63 steps; 1 means no dead time (nengo-loihi sets round(t_ref/dt) + 1)
 * @param noise whether the core's noise source feeds this compartment (statistical only, never bit-exact)
 */
public record CompartmentProfile(int decayU, int decayV, int refractDelay, boolean noise) {}
