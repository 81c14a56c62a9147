/** The network-on-chip: a 2-D mesh of routers with pipelined links, finite buffers and dimension-order routing. */
package nmc.emulator.noc;
