package nmc.targets.truenorth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.truenorth.TnChipProgram;
import nmc.emulator.truenorth.TrueNorthEmulator;
import nmc.emulator.truenorth.TrueNorthSpec;
import nmc.ir.Network;
import nmc.map.truenorth.TnMapper;
import nmc.map.truenorth.TnMapping;
import nmc.map.truenorth.TnReport;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;

/**
 * The {@code truenorth} target: maps a network onto TrueNorth-like cores ({@link TnMapper}: integer neurons with a
 * constant leak, 4 axon types per core, splitter neurons for fan-out) and runs it on the TrueNorth emulator, one IR
 * step per 1 ms tick.
 *
 * <p>Options: {@code --chip NAME|PATH} (default {@code truenorth}), {@code --chips N} (in a row), {@code --threads N},
 * {@code -O profile=m14|a15-fit|m14-parts}, {@code -O approximate=lif} (decaying synaptic currents as charge jumps,
 * proportional leak as a constant leak, refractory periods dropped: each said in the mapping report),
 * {@code -O timing=on|off}.
 */
public final class TrueNorthTarget implements Target {
  public static final String NAME = "truenorth";
  static final List<String> OPTIONS = List.of("chip", "chips", "threads", "profile", "approximate", "timing");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "TrueNorth-like chip: maps LIF networks to integer neurons with axon types and splitter neurons, runs them on the "
        + "tick-level emulator (1 ms ticks); reports cores, latency and energy (emits: mapping)";
  }

  @Override
  public SimResult run(Network net, TargetOptions options, Progress progress) {
    long start = System.nanoTime();
    options.rejectUnknown(NAME, OPTIONS);
    TrueNorthSpec chip = TrueNorthSpec.load(options.get("chip", "truenorth"));
    TnMapping m = map(net, chip, options);
    TnChipProgram prog = TnProgramWriter.write(chip, m);
    double mapSeconds = (System.nanoTime() - start) * 1e-9;
    EmulatorOptions eo = EmulatorOptions.of(options, net.run().seed());
    try (TrueNorthEmulator emu = TrueNorthEmulator.create(prog, eo)) {
      TnRun run = new TnRun(net, m);
      run.run(emu, progress == null ? Progress.NONE : progress);
      double wall = (System.nanoTime() - start) * 1e-9;
      Map<String, Double> extra = new LinkedHashMap<>();
      extra.put("cores_used", (double) m.coresUsed());
      extra.put("chips_used", (double) m.chipsUsed());
      extra.put("splitter_cores", (double) m.splitterCores());
      extra.put("splitter_neurons", (double) m.splitterNeurons());
      extra.put("added_latency_ticks_max", (double) m.addedLatencyMax());
      extra.put("mapping_s", mapSeconds);
      return run.result(emu, wall, extra);
    }
  }

  @Override
  public List<String> emitKinds() {
    return List.of("mapping");
  }

  @Override
  public String emit(Network net, String kind, TargetOptions options, Map<String, byte[]> extraFiles) {
    options.rejectUnknown(NAME, OPTIONS);
    TrueNorthSpec chip = TrueNorthSpec.load(options.get("chip", "truenorth"));
    TnMapping m = map(net, chip, options);
    TnProgramWriter.write(chip, m); // the emulator's own checks must pass too
    return switch (kind) {
      case "mapping" -> TnReport.mapping(m, net.name(), net.run().dt());
      default -> Target.super.emit(net, kind, options, extraFiles);
    };
  }

  /** The mapping of {@code net} for these options (also used by tests). */
  public static TnMapping map(Network net, TrueNorthSpec chip, TargetOptions options) {
    int chips = options.getInt("chips", 1);
    if (chips < 1) throw UserError.of("--chips must be at least 1", null);
    String approx = options.getChoice("approximate", "none", List.of("none", "lif"),
        "-O approximate=lif maps LIF variants onto TrueNorth's neuron and says what it approximated (--emit mapping)");
    return TnMapper.map(net, TnProgramWriter.limits(chip, chips), new TnMapper.Options(NAME, approx.equals("lif")));
  }
}
