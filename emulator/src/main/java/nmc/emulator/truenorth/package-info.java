/**
 * A TrueNorth-like chip: {@link nmc.emulator.truenorth.TrueNorthSpec} (the description, {@code "kind": "truenorth"}),
 * the chip program a mapper writes ({@link nmc.emulator.truenorth.TnCoreProgram}: crossbar bits, axon types,
 * {@link nmc.emulator.truenorth.NeuronParams}, one destination per neuron; {@link nmc.emulator.truenorth.TnChipProgram}
 * checks it against the chip) and {@link nmc.emulator.truenorth.TrueNorthEmulator}, which runs it tick by tick with
 * the shared mesh model, metrics and energy profiles. The stochastic modes use {@link nmc.emulator.truenorth.TnRandom}.
 */
package nmc.emulator.truenorth;
