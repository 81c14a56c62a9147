package nmc.ir;

import java.util.List;
import java.util.Optional;
import nmc.ir.Decls.Binding;

/** A group of {@code size} neurons of one model, or of spike sources. */
public record Population(String name, int size, Kind kind, Span span) {
  public Population {
    if (size < 0) throw new IllegalArgumentException("negative population size " + size);
  }

  /** What the elements of a population are. */
  public sealed interface Kind {}

  /**
   * Neurons of {@code model}; {@code parameters} and {@code initial} hold one binding for every parameter and
   * state variable of the model (the front end fills in the model's defaults).
   */
  public record Neurons(String model, List<Binding> parameters, List<Binding> initial) implements Kind {
    public Neurons {
      parameters = List.copyOf(parameters);
      initial = List.copyOf(initial);
    }

    public Optional<ValueSpec> parameter(String n) {
      return parameters.stream().filter(b -> b.name().equals(n)).map(Binding::value).findFirst();
    }

    public Optional<ValueSpec> initialValue(String n) {
      return initial.stream().filter(b -> b.name().equals(n)).map(Binding::value).findFirst();
    }
  }

  /** Independent Poisson spike trains, rate in Hz per source (at most one spike per step). */
  public record Poisson(ValueSpec rate, double start, double stop) implements Kind {}

  /** Given spike times (seconds), one list per source. */
  public record SpikeTimes(List<Vec> times) implements Kind {
    public SpikeTimes {
      times = List.copyOf(times);
    }
  }

  public boolean isSource() {
    return !(kind instanceof Neurons);
  }
}
