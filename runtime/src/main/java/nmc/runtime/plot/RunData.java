package nmc.runtime.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Span;
import nmc.ir.json.Json;
import nmc.ir.json.JsonException;
import nmc.runtime.io.RunFiles;
import nmc.sim.SimResult;

/**
 * What a run recorded, in the units people plot (ms, the variables' display units, Hz): read back from a run
 * folder's CSV files, or taken from a {@link SimResult} in memory.
 */
public record RunData(String network, List<Spikes> spikes, List<Trace> traces, List<Rate> rates) {

  public record Spikes(String probe, String population, int[] neuron, double[] tMs) {}

  /** {@code values[i][k]}: column i (neuron {@code labels[i]}) at {@code tMs[k]}, in {@code unit}. */
  public record Trace(String probe, String population, String variable, String unit, String[] labels, double[] tMs, double[][] values) {}

  public record Rate(String probe, String population, double[] tMs, double[] hz) {}

  public boolean isEmpty() {
    return spikes.isEmpty() && traces.isEmpty() && rates.isEmpty();
  }

  /** The data of a result in memory (what the CSV files would hold). */
  public static RunData of(String network, SimResult r) {
    List<Spikes> s = new ArrayList<>();
    for (SimResult.SpikeData d : r.spikes()) s.add(new Spikes(d.probe(), d.population(), d.neuron().clone(), scale(d.times(), 1e3)));
    List<Trace> t = new ArrayList<>();
    for (SimResult.TraceData d : r.traces()) {
      var unit = nmc.ir.Units.parse(d.unit() == null ? "" : d.unit()).orElse(nmc.ir.Unit.ONE);
      double[][] v = new double[d.values().length][];
      for (int i = 0; i < v.length; i++) v[i] = scale(d.values()[i], 1 / unit.scale());
      String[] labels = new String[d.indices().length];
      for (int i = 0; i < labels.length; i++) labels[i] = d.variable() + "[" + d.indices()[i] + "]";
      t.add(new Trace(d.probe(), d.population(), d.variable(), unit == nmc.ir.Unit.ONE ? "" : unit.symbol(), labels, scale(d.times(), 1e3), v));
    }
    List<Rate> rates = new ArrayList<>();
    for (SimResult.RateData d : r.rates()) {
      double[] tm = new double[d.rateHz().length];
      for (int k = 0; k < tm.length; k++) tm[k] = k * d.bin() * 1e3;
      rates.add(new Rate(d.probe(), d.population(), tm, d.rateHz().clone()));
    }
    return new RunData(network, s, t, rates);
  }

  private static double[] scale(double[] v, double f) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) o[i] = v[i] * f;
    return o;
  }

  /**
   * Reads a run folder. With a {@code summary.json}, exactly the files it lists (with their populations and
   * units); without one, every {@code spikes_*.csv}, {@code trace_*.csv} and {@code rate_*.csv} found.
   */
  public static RunData read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw UserError.of(Files.exists(dir) ? dir + " is a file, not a run folder" : "no such folder: " + dir,
          "give the folder a run wrote, e.g. 'nmc plot out/cuba' after 'nmc run samples/cuba.snn'");
    }
    Path summaryFile = dir.resolve(RunFiles.SUMMARY);
    String network = dir.toAbsolutePath().normalize().getFileName().toString();
    List<Spikes> spikes = new ArrayList<>();
    List<Trace> traces = new ArrayList<>();
    List<Rate> rates = new ArrayList<>();
    if (Files.isRegularFile(summaryFile)) {
      Json.Obj summary = readSummary(summaryFile);
      if (summary.get("network") instanceof Json.Str s) network = s.value();
      if (summary.get("probes") instanceof Json.Obj probes) {
        for (var e : probes.fields().entrySet()) {
          if (!(e.getValue() instanceof Json.Obj p)) continue;
          String kind = string(p, "kind"), file = string(p, "file"), pop = string(p, "population");
          if (file == null || kind == null) continue;
          Path f = dir.resolve(file);
          if (!Files.isRegularFile(f)) throw UserError.of(f + " is missing (summary.json lists it)", "run the network again");
          switch (kind) {
            case "spikes" -> spikes.add(readSpikes(f, e.getKey(), pop));
            case "state" -> traces.add(readTrace(f, e.getKey(), pop, string(p, "variable"), string(p, "unit")));
            case "rate" -> rates.add(readRate(f, e.getKey(), pop));
            default -> { /* a kind from a newer nmc: skip it */ }
          }
        }
        return new RunData(network, spikes, traces, rates);
      }
    }
    for (Path f : list(dir)) {
      String n = f.getFileName().toString();
      if (!n.endsWith(".csv")) continue;
      String stem = n.substring(0, n.length() - 4);
      if (stem.startsWith("spikes_")) spikes.add(readSpikes(f, stem.substring(7), stem.substring(7)));
      else if (stem.startsWith("trace_")) traces.add(readTrace(f, stem.substring(6), stem.substring(6), null, null));
      else if (stem.startsWith("rate_")) rates.add(readRate(f, stem.substring(5), stem.substring(5)));
    }
    return new RunData(network, spikes, traces, rates);
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException | UncheckedIOException e) {
      throw UserError.of("cannot list " + dir + ": " + e.getMessage(), "");
    }
  }

  private static String string(Json.Obj o, String k) {
    return o.get(k) instanceof Json.Str s ? s.value() : null;
  }

  private static Json.Obj readSummary(Path f) {
    String text = readText(f);
    try {
      if (Json.parse(text) instanceof Json.Obj o) return o;
      throw UserError.of(f + " is not a run summary (not a JSON object)", "run the network again");
    } catch (JsonException e) {
      throw new UserError(List.of(Diagnostic.error(new Span(f.toString(), e.line(), e.col()), "not valid JSON: " + e.detail(),
          "the file was changed by hand or by another program; run the network again", "")));
    }
  }

  private static String readText(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.of("cannot read " + f + ": " + e.getMessage(), "");
    }
  }

  /** A CSV file of numbers with one header line. */
  private record Table(String[] header, List<double[]> rows) {
    double[] column(int c) {
      double[] out = new double[rows.size()];
      for (int k = 0; k < out.length; k++) out[k] = rows.get(k)[c];
      return out;
    }
  }

  private static Table readTable(Path f, String... expectedStart) {
    List<String> lines;
    try {
      lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.of("cannot read " + f + ": " + e.getMessage(), "");
    }
    if (lines.isEmpty()) throw bad(f, 1, "the file is empty; expected a header line", "");
    String[] header = lines.get(0).split(",", -1);
    for (int i = 0; i < expectedStart.length; i++) {
      if (header.length <= i || !header[i].strip().equals(expectedStart[i])) {
        throw bad(f, 1, "unexpected header; expected it to start with " + String.join(",", expectedStart), lines.get(0));
      }
    }
    List<double[]> rows = new ArrayList<>(lines.size());
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) continue;
      String[] cells = line.split(",", -1);
      if (cells.length != header.length) {
        throw bad(f, n + 1, "expected " + header.length + " values, found " + cells.length, line);
      }
      double[] row = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        String cell = cells[c].strip();
        row[c] = switch (cell) {
          case "nan" -> Double.NaN;
          case "inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          default -> {
            try {
              yield Double.parseDouble(cell);
            } catch (NumberFormatException e) {
              throw bad(f, n + 1, "'" + cell + "' is not a number", line);
            }
          }
        };
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  private static UserError bad(Path f, int line, String msg, String source) {
    return new UserError(List.of(Diagnostic.error(new Span(f.toString(), line, 1), msg,
        "run output files are written by 'nmc run'; run the network again if this one was edited", source)));
  }

  static Spikes readSpikes(Path f, String probe, String population) {
    Table t = readTable(f, "neuron", "t_ms");
    double[] n = t.column(0);
    int[] neuron = new int[n.length];
    for (int i = 0; i < n.length; i++) neuron[i] = (int) n[i];
    return new Spikes(probe, population == null ? probe : population, neuron, t.column(1));
  }

  static Trace readTrace(Path f, String probe, String population, String variable, String unit) {
    Table t = readTable(f, "t_ms");
    int cols = t.header().length - 1;
    String[] labels = new String[cols];
    double[][] values = new double[cols][];
    for (int i = 0; i < cols; i++) {
      labels[i] = t.header()[i + 1].strip();
      values[i] = t.column(i + 1);
    }
    if (variable == null) {
      int b = labels.length > 0 ? labels[0].indexOf('[') : -1;
      variable = b > 0 ? labels[0].substring(0, b) : probe;
    }
    return new Trace(probe, population == null ? probe : population, variable, unit == null ? "" : unit, labels, t.column(0), values);
  }

  static Rate readRate(Path f, String probe, String population) {
    Table t = readTable(f, "t_ms", "rate_hz");
    return new Rate(probe, population == null ? probe : population, t.column(0), t.column(1));
  }
}
