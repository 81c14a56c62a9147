package nmc.runtime.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nmc.ir.Network;
import nmc.ir.Unit;
import nmc.ir.Units;
import nmc.ir.json.IrJson;
import nmc.ir.json.Json;
import nmc.runtime.Text;
import nmc.sim.SimResult;

/**
 * The files of a run folder:
 * <ul>
 *   <li>{@code spikes_<probe>.csv}: {@code neuron,t_ms}, one spike per line in time order;</li>
 *   <li>{@code trace_<probe>.csv}: {@code t_ms,<var>[i],...}, one line per recorded time, values in the
 *       variable's display unit (the unit is named in {@code summary.json});</li>
 *   <li>{@code rate_<probe>.csv}: {@code t_ms,rate_hz}, the start of each bin and the population rate in it;</li>
 *   <li>{@code network.ir.json}: the network that ran (durations and seed as overridden on the command line);</li>
 *   <li>{@code summary.json}: the run's counts, as printed by {@code nmc run --json}; written last.</li>
 * </ul>
 */
public final class RunFiles {
  private RunFiles() {}

  public static final String SUMMARY = "summary.json";
  public static final String NETWORK = "network.ir.json";

  /** One output file of a probe. */
  public record ProbeFile(String probe, String kind, String population, String variable, String unit, String file) {}

  /** The file of every probe of {@code r}, unique even where probe names differ only in characters a file name cannot hold. */
  public static List<ProbeFile> plan(SimResult r) {
    List<ProbeFile> out = new ArrayList<>();
    Set<String> used = new HashSet<>(Set.of(SUMMARY, NETWORK));
    for (SimResult.SpikeData s : r.spikes()) out.add(new ProbeFile(s.probe(), "spikes", s.population(), null, null, unique("spikes_", s.probe(), used)));
    for (SimResult.TraceData t : r.traces()) out.add(new ProbeFile(t.probe(), "state", t.population(), t.variable(), unitLabel(t.unit()), unique("trace_", t.probe(), used)));
    for (SimResult.RateData t : r.rates()) out.add(new ProbeFile(t.probe(), "rate", t.population(), null, "Hz", unique("rate_", t.probe(), used)));
    return out;
  }

  private static String unique(String prefix, String probe, Set<String> used) {
    String base = prefix + Text.safeFileName(probe);
    String name = base + ".csv";
    for (int i = 2; !used.add(name); i++) name = base + "_" + i + ".csv";
    return name;
  }

  /** The symbol of the unit a trace is written in; empty for plain numbers. */
  static String unitLabel(String unit) {
    Unit u = displayUnit(unit);
    return u == Unit.ONE ? "" : u.symbol();
  }

  /** The unit a trace is written in: the variable's declared unit when it is known to the unit parser, else SI. */
  static Unit displayUnit(String unit) {
    if (unit == null || unit.isBlank()) return Unit.ONE;
    Optional<Unit> u = Units.parse(unit);
    return u.orElse(Unit.ONE);
  }

  public static void writeSpikes(Writer w, SimResult.SpikeData s) throws IOException {
    w.write("neuron,t_ms\n");
    StringBuilder sb = new StringBuilder(64);
    for (int k = 0; k < s.neuron().length; k++) {
      sb.setLength(0);
      sb.append(s.neuron()[k]).append(',').append(Numbers.ms(s.times()[k])).append('\n');
      w.append(sb);
    }
  }

  public static void writeTrace(Writer w, SimResult.TraceData t) throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("t_ms");
    for (int i : t.indices()) sb.append(',').append(t.variable()).append('[').append(i).append(']');
    w.append(sb.append('\n'));
    double scale = displayUnit(t.unit()).scale();
    for (int k = 0; k < t.times().length; k++) {
      sb.setLength(0);
      sb.append(Numbers.ms(t.times()[k]));
      for (double[] row : t.values()) sb.append(',').append(Numbers.value(row[k] / scale));
      w.append(sb.append('\n'));
    }
  }

  public static void writeRates(Writer w, SimResult.RateData r) throws IOException {
    w.write("t_ms,rate_hz\n");
    StringBuilder sb = new StringBuilder(64);
    for (int k = 0; k < r.rateHz().length; k++) {
      sb.setLength(0);
      sb.append(Numbers.ms(k * r.bin())).append(',').append(Numbers.value(r.rateHz()[k])).append('\n');
      w.append(sb);
    }
  }

  /** The {@code "probes"} object of the summary: what each file holds. */
  public static Json probesJson(List<ProbeFile> files) {
    Json.ObjBuilder b = Json.object();
    for (ProbeFile f : files) {
      Json.ObjBuilder p = Json.object().put("kind", f.kind()).put("population", f.population());
      if (f.variable() != null) p.put("variable", f.variable());
      if (f.unit() != null) p.put("unit", f.unit());
      b.put(f.probe(), p.put("file", f.file()).build());
    }
    return b.build();
  }

  /**
   * Writes every file of a run into {@code dir} atomically ({@link AtomicDir}): all or nothing, the summary last.
   * Returns the paths written.
   */
  public static List<Path> writeAll(Path dir, Network net, SimResult r, Json summary) throws IOException {
    List<ProbeFile> plan = plan(r);
    Map<String, ProbeFile> byKey = new LinkedHashMap<>();
    for (ProbeFile f : plan) byKey.put(f.kind() + "/" + f.probe(), f);
    try (AtomicDir out = AtomicDir.begin(dir)) {
      for (SimResult.SpikeData s : r.spikes()) out.write(byKey.get("spikes/" + s.probe()).file(), w -> writeSpikes(w, s));
      for (SimResult.TraceData t : r.traces()) out.write(byKey.get("state/" + t.probe()).file(), w -> writeTrace(w, t));
      for (SimResult.RateData t : r.rates()) out.write(byKey.get("rate/" + t.probe()).file(), w -> writeRates(w, t));
      out.write(NETWORK, IrJson.print(net));
      out.write(SUMMARY, Json.print(summary));
      return out.commit();
    }
  }
}
