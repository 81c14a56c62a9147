package nmc.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.diag.UserError;
import nmc.runtime.plot.Plots;
import nmc.runtime.plot.RunData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "plot",
    mixinStandardHelpOptions = true,
    header = "Draw the results of a run: spike raster, traces, rates.",
    description = {
        "%nReads the folder 'nmc run' wrote and draws into it:",
        "  raster.png   all spike probes: neuron against time, a colour per population",
        "  traces.png   one panel per state probe, in the variable's unit",
        "  rates.png    population rates (Hz) per bin",
        "%nFigures without data (no rate probe, say) are left out. Needs no display.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc run samples/cuba.snn && nmc plot out/cuba",
        "  nmc plot out/cuba --format svg        vector graphics for papers",
        "  nmc plot out/cuba --format both"})
final class PlotCommand implements Callable<Integer> {
  /** Accepts png, svg, both (any case) and lists them when the value is unknown. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Plots.Format> {
    @Override
    public Plots.Format convert(String value) {
      for (Plots.Format f : Plots.Format.values()) if (f.name().equalsIgnoreCase(value)) return f;
      throw new CommandLine.TypeConversionException("unknown format '" + value + "'; valid formats: "
          + String.join(", ", Arrays.stream(Plots.Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
    }
  }

  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "DIR", description = "A run folder (default of 'nmc run': out/<network name>).")
  Path dir;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "png", converter = FormatConverter.class,
      description = "png, svg or both (default: png).")
  Plots.Format format;

  @Override
  public Integer call() throws IOException {
    RunData data = RunData.read(dir);
    if (data.isEmpty()) {
      throw UserError.of("nothing to plot in " + dir + ": no spikes_*.csv, trace_*.csv or rate_*.csv files",
          "add probes to the network ('probe spikes exc', 'probe exc.v', 'probe rate exc bin 10 ms') and run it again");
    }
    List<String> files = Plots.write(data, dir, format);
    nmc.out.println("wrote " + String.join(", ", files.stream().map(f -> dir.resolve(f).toString()).toList()));
    nmc.out.flush();
    return Nmc.OK;
  }
}
