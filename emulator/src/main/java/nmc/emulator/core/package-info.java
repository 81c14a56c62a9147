/** The neuromorphic core at run time: bit-exact Loihi CUBA LIF compartments, accumulator ring and synapse lists. */
package nmc.emulator.core;
