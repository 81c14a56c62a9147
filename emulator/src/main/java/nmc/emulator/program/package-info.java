/** The chip program: the plain integers a mapper writes into each core, checked against a chip's limits. */
package nmc.emulator.program;
