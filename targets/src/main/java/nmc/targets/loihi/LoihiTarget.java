package nmc.targets.loihi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.emulator.ChipEmulator;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.program.ChipProgram;
import nmc.ir.Network;
import nmc.map.ChipLimits;
import nmc.map.ChipMapping;
import nmc.map.Mapper;
import nmc.map.Reports;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;

/**
 * The {@code loihi} target: maps a network of current-based LIF neurons onto a Loihi-like chip (quantisation,
 * partitioning, placement, routing: {@link Mapper}) and runs it on the cycle-level emulator.
 *
 * <p>Options: {@code --chip NAME|PATH} (default {@code loihi}), {@code --chips N} (chips in a row, default 1),
 * {@code --threads N}, {@code -O profile=d18|sana-fe} (energy profile), {@code -O approximate=lif} (map LIF variants
 * the chip cannot run exactly, e.g. two synaptic time constants), {@code -O tau_syn=5ms} (the merged time constant),
 * {@code -O timing=on|off} (cycle-level network timing; off is faster and changes no spike).
 */
public final class LoihiTarget implements Target {
  public static final String NAME = "loihi";
  static final List<String> OPTIONS = List.of("chip", "chips", "threads", "profile", "approximate", "tau_syn", "timing");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Loihi-like neuromorphic chip: maps CUBA LIF networks to cores (quantised integers) and runs them on the "
        + "cycle-level emulator; reports cores, cycles, latency and energy (emits: mapping, quantisation)";
  }

  @Override
  public SimResult run(Network net, TargetOptions options, Progress progress) {
    long start = System.nanoTime();
    options.rejectUnknown(NAME, OPTIONS);
    nmc.emulator.core.Kernels.prepare(); // the SIMD update compiles while the mapping runs
    ChipSpec chip = ChipSpec.load(options.get("chip", "loihi"));
    ChipMapping m = map(net, chip, options);
    ChipProgram prog = ProgramWriter.write(chip, m);
    double mapSeconds = (System.nanoTime() - start) * 1e-9;
    EmulatorOptions eo = EmulatorOptions.of(options, net.run().seed());
    try (ChipEmulator emu = ChipEmulator.create(prog, eo)) {
      LoihiRun run = new LoihiRun(net, m);
      run.run(emu, progress == null ? Progress.NONE : progress);
      double wall = (System.nanoTime() - start) * 1e-9;
      Map<String, Double> extra = new LinkedHashMap<>();
      extra.put("cores_used", (double) m.coresUsed());
      extra.put("chips_used", (double) m.chipsUsed());
      extra.put("messages_per_spike_expected", m.messagesPerSpike());
      extra.put("hops_per_spike_expected", m.hopsPerSpike());
      extra.put("mapping_s", mapSeconds);
      return run.result(emu, wall, extra);
    }
  }

  @Override
  public List<String> emitKinds() {
    return List.of("mapping", "quantisation");
  }

  @Override
  public String emit(Network net, String kind, TargetOptions options, Map<String, byte[]> extraFiles) {
    options.rejectUnknown(NAME, OPTIONS);
    ChipSpec chip = ChipSpec.load(options.get("chip", "loihi"));
    ChipMapping m = map(net, chip, options);
    ProgramWriter.write(chip, m); // the emulator's own checks must pass too
    return switch (kind) {
      case "mapping" -> {
        if (extraFiles != null) extraFiles.put("placement.png", PlacementPicture.png(m, net.name()));
        yield Reports.mapping(m, net.name()) + (extraFiles != null ? "\nplacement picture: placement.png\n" : "");
      }
      case "quantisation" -> Reports.quantisation(m, net.run().dt());
      default -> Target.super.emit(net, kind, options, extraFiles);
    };
  }

  /** The mapping of {@code net} for these options (also used by tests). */
  public static ChipMapping map(Network net, ChipSpec chip, TargetOptions options) {
    int chips = options.getInt("chips", 1);
    if (chips < 1) throw UserError.of("--chips must be at least 1", null);
    ChipLimits lim = LoihiLimits.of(chip, chips);
    String approx = options.getChoice("approximate", "none", List.of("none", "lif"), "-O approximate=lif maps LIF variants onto the chip's CUBA compartment");
    if (options.get("tau_syn").isPresent() && !approx.equals("lif")) throw UserError.of("option tau_syn needs -O approximate=lif", "add -O approximate=lif");
    Double tau = options.getTime("tau_syn").orElse(null);
    return Mapper.map(net, lim, new Mapper.Options(NAME, approx.equals("lif"), tau));
  }
}
