/**
 * Cycle-level emulation of neuromorphic chips described by data. Start with {@link nmc.emulator.ChipEmulator}:
 * it runs a {@link nmc.emulator.program.ChipProgram} (what a mapper writes into the chip: per core, compartment
 * configs, profile tables, synapse lists and fan-out) on a chip loaded by {@link nmc.emulator.chip.ChipSpec#load}.
 * Cores ({@link nmc.emulator.core.LoihiCore}) are bit-exact integer models; the mesh
 * ({@link nmc.emulator.noc.MeshNoc}) times every message hop by hop.
 */
package nmc.emulator;
