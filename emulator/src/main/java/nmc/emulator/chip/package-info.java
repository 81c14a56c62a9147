/** Chip descriptions: geometry, limits, number formats, behaviour options, network parameters, energy profiles. */
package nmc.emulator.chip;
