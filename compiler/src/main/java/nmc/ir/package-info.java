/**
 * The intermediate representation: an immutable, typed graph of populations, projections, inputs and probes.
 *
 * <p>The IR is the single contract between the language front end ({@code nmc.dsl}) and every back end
 * ({@code nmc.targets}, {@code nmc.emulator}). All quantities are stored in SI base units (seconds, volts,
 * amperes, siemens, ...); the {@code unit} strings kept beside declarations only say how to display them.
 * Equations are {@link nmc.ir.Expr} trees; {@link nmc.ir.json.IrJson} prints and parses the whole graph.
 */
package nmc.ir;
