/**
 * Instantiation shared by every back end: the same network gives the same numbers in every target.
 *
 * <ul>
 *   <li>{@link nmc.ir.build.Rng}: counter-based random numbers, (seed, stream name, counter) to bits.
 *   <li>{@link nmc.ir.build.Wiring}: a projection to {@link nmc.ir.build.Connections} (canonical order, CSR by pre,
 *       SI weights, delays in seconds; {@code delaySteps(dt)} for a clock-driven target).
 *   <li>{@link nmc.ir.build.Materialize}: per-neuron parameter and initial-state arrays, Poisson rates, and any
 *       {@link nmc.ir.ValueSpec} drawn for n elements.
 *   <li>{@link nmc.ir.build.Footprint}: the memory a run needs, by arithmetic only; {@code check} refuses what
 *       will not fit with a {@link nmc.diag.UserError} before anything is allocated.
 * </ul>
 *
 * A back end typically calls {@code Footprint.check(net)}, then per population {@code Materialize.neurons(net, pop)}
 * (or {@code rates}), then per projection {@code Wiring.connect(net, proj)}, and converts the arrays to its own
 * precision or layout. A C or CUDA back end that draws on the device follows the counters documented on each class.
 */
package nmc.ir.build;
