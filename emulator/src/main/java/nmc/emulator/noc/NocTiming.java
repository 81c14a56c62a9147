package nmc.emulator.noc;

import nmc.emulator.chip.EnergyProfile;
import nmc.emulator.chip.OpClass;

/**
 * Link latencies in cycles and the buffer depth. Each link is pipelined: it accepts one message per cycle and
 * delivers it {@code latency} cycles later.
 *
 * @param eastWest a router-to-router hop in x on one chip
 * @param northSouth a router-to-router hop in y on one chip
 * @param local delivery from a router to one of its cores
 * @param chip a hop over a chip-to-chip link (either direction)
 * @param bufferDepth entries of each router input buffer and each core input queue; a sender needs a free entry
 *     (counting messages already on the link) before it sends: back-pressure, never a drop
 */
public record NocTiming(int eastWest, int northSouth, int local, int chip, int bufferDepth) {
  public NocTiming {
    if (eastWest < 1 || northSouth < 1 || local < 1 || chip < 1 || bufferDepth < 1) {
      throw new IllegalArgumentException("latencies and buffer depth must be at least 1: " + this);
    }
  }

  /** Latencies from a profile's hop times: {@code max(1, round(time / cycle))}. */
  public static NocTiming of(EnergyProfile p, double cycleSeconds, int bufferDepth) {
    return new NocTiming(cycles(p, OpClass.HOP_EW, cycleSeconds), cycles(p, OpClass.HOP_NS, cycleSeconds),
        cycles(p, OpClass.HOP_LOCAL, cycleSeconds), cycles(p, OpClass.HOP_CHIP, cycleSeconds), bufferDepth);
  }

  private static int cycles(EnergyProfile p, OpClass op, double cycleSeconds) {
    return (int) Math.max(1, Math.round(p.time(op) / cycleSeconds));
  }
}
