package nmc.emulator;

import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;

/** Chip variants for tests (a user would edit a copy of the description file instead). */
public final class TestChips {
  private TestChips() {}

  public static ChipSpec loihi() {
    return ChipSpec.load("loihi");
  }

  public static ChipSpec withMode(ChipSpec c, WeightExponentMode m) {
    return new ChipSpec(c.name(), c.origin(), c.description(), c.mesh(), c.board(), c.core(), c.formats(),
        new ChipSpec.Behaviour(m, c.behaviour().hostInjectionLatencySteps()), c.noc(), c.defaultProfile(), c.profiles());
  }

  public static ChipSpec withSynapseMemory(ChipSpec c, int words) {
    ChipSpec.CoreLimits l = c.core();
    ChipSpec.CoreLimits big = new ChipSpec.CoreLimits(l.compartments(), l.inputAxons(), l.outputAxons(), words,
        l.synapseWordBits(), l.compartmentProfiles(), l.thresholdProfiles(), l.synapseFormats(), l.maxDelay(),
        l.dendriteAccumulatorEntries());
    return new ChipSpec(c.name(), c.origin(), c.description(), c.mesh(), c.board(), big, c.formats(), c.behaviour(),
        c.noc(), c.defaultProfile(), c.profiles());
  }
}
