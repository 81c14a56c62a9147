/**
 * The reference simulator ({@link nmc.targets.reference.ReferenceTarget}, target name {@code reference}): float64,
 * clock-driven, deterministic, the ground truth for the other targets.
 *
 * <p>Layout: {@link nmc.targets.reference.Simulation} runs the step loop; {@link nmc.targets.reference.NeuronGroup},
 * {@link nmc.targets.reference.SourceGroup} (Poisson or given times, fired by {@link nmc.ir.build.SourceSpikes}) are populations;
 * {@link nmc.targets.reference.SynapseGroup} is a projection with its {@link nmc.targets.reference.SpikeRing};
 * {@link nmc.targets.reference.OdeSystem} integrates; {@link nmc.targets.reference.VxCompiler} compiles expressions
 * into array-at-a-time {@link nmc.targets.reference.Vx} programs; {@link nmc.targets.reference.Recorder} serves the
 * probes.
 */
package nmc.targets.reference;
