package nmc.emulator;

import java.util.SplittableRandom;
import java.util.TreeSet;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CompartmentProfile;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.NoiseConfig;
import nmc.emulator.program.SynapseFormat;

/** Random but valid multi-core programs with steady activity, delays, mixed formats and noise. */
public final class RandomPrograms {
  private RandomPrograms() {}

  public static ChipProgram random(ChipSpec chip, long seed, int nCores, int perCore, int axonsPerCore, int synPerAxon) {
    SplittableRandom r = new SplittableRandom(seed);
    TreeSet<Integer> idSet = new TreeSet<>();
    while (idSet.size() < nCores) idSet.add(r.nextInt(chip.coresPerChip()));
    int[] ids = idSet.stream().mapToInt(Integer::intValue).toArray();
    SynapseFormat mixed = new SynapseFormat(8, SynapseFormat.Sign.MIXED, 0, 3, SynapseFormat.Compression.SPARSE);
    SynapseFormat exc = new SynapseFormat(4, SynapseFormat.Sign.EXCITATORY, 2, 0, SynapseFormat.Compression.SPARSE);
    CoreProgram.Builder[] b = new CoreProgram.Builder[nCores];
    for (int k = 0; k < nCores; k++) {
      b[k] = CoreProgram.builder().noise(new NoiseConfig(8 + r.nextInt(4), r.nextInt(3) - 1,
          r.nextBoolean() ? NoiseConfig.Target.MEMBRANE : NoiseConfig.Target.DENDRITE));
      int[] prof = new int[3], th = new int[3];
      for (int i = 0; i < 3; i++) {
        prof[i] = b[k].compartmentProfile(new CompartmentProfile(200 + r.nextInt(800), 100 + r.nextInt(300), 1 + r.nextInt(5), i == 2));
        th[i] = b[k].thresholdProfile(60 + r.nextInt(200));
      }
      for (int c = 0; c < perCore; c++) b[k].compartment(100 + r.nextInt(700), r.nextInt(2), prof[r.nextInt(3)], th[r.nextInt(3)]);
      int fm = b[k].synapseFormat(mixed), fe = b[k].synapseFormat(exc);
      for (int a = 0; a < axonsPerCore; a++) {
        boolean isMixed = r.nextInt(3) != 0;
        int ax = b[k].inputAxon(isMixed ? fm : fe);
        for (int s = 0; s < synPerAxon; s++) {
          if (isMixed) b[k].synapse(ax, r.nextInt(perCore), r.nextInt(256) - 128, r.nextInt(8));
          else b[k].synapse(ax, r.nextInt(perCore), r.nextInt(16), 0);
        }
      }
    }
    for (int k = 0; k < nCores; k++) {
      for (int c = 0; c < perCore; c++) {
        int edges = 1 + r.nextInt(2);
        for (int e = 0; e < edges; e++) {
          int dst = r.nextInt(nCores);
          b[k].outputAxon(c, ids[dst], r.nextInt(axonsPerCore));
        }
      }
    }
    ChipProgram.Builder pb = ChipProgram.builder(chip);
    for (int k = 0; k < nCores; k++) pb.core(ids[k], b[k].build());
    return pb.build();
  }
}
