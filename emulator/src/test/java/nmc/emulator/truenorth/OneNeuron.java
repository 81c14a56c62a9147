package nmc.emulator.truenorth;

import java.util.ArrayList;
import java.util.List;
import nmc.emulator.EmulatorOptions;

/** One configured neuron (neuron 0 of core 0) whose axons 0..3 have types 0..3; drives it tick by tick. */
final class OneNeuron implements AutoCloseable {
  final TrueNorthEmulator emu;
  final List<Integer> spikeTicks = new ArrayList<>();

  OneNeuron(TrueNorthSpec chip, NeuronParams p, long seed) {
    TnCoreProgram.Builder b = TnCoreProgram.builder(chip);
    for (int a = 0; a < 4; a++) {
      b.axonType(a, a);
      b.connect(a, 0);
    }
    b.neuron(0, p);
    emu = TrueNorthEmulator.create(TnChipProgram.builder(chip).core(0, b.build()).build(), EmulatorOptions.defaults().withSeed(seed));
  }

  OneNeuron(NeuronParams p) {
    this(TnTestChips.truenorth(), p, 0);
  }

  /** Runs one tick with spikes on these axons; returns V after it. */
  int tick(int... axons) {
    for (int a : axons) emu.injectSpike(0, a);
    long t = emu.tickCount();
    int before = emu.spikes().count();
    emu.step();
    if (emu.spikes().count() > before) spikeTicks.add((int) t);
    return emu.potential(0, 0);
  }

  boolean spikedAt(int t) {
    return spikeTicks.contains(t);
  }

  @Override
  public void close() {
    emu.close();
  }
}
