package nmc.ir;

import java.util.List;
import java.util.Optional;

/** A whole network: the one value the front end hands to passes and back ends. */
public record Network(
    String name,
    List<NeuronModel> neuronModels,
    List<SynapseModel> synapseModels,
    List<Population> populations,
    List<Projection> projections,
    List<CurrentInput> currents,
    List<Probe> probes,
    RunSettings run) {

  public Network {
    neuronModels = List.copyOf(neuronModels);
    synapseModels = List.copyOf(synapseModels);
    populations = List.copyOf(populations);
    projections = List.copyOf(projections);
    currents = List.copyOf(currents);
    probes = List.copyOf(probes);
  }

  public Optional<Population> population(String n) {
    return populations.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  public Optional<NeuronModel> neuronModel(String n) {
    return neuronModels.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  public Optional<SynapseModel> synapseModel(String n) {
    return synapseModels.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  /** The model of a neuron population; throws for spike sources. */
  public NeuronModel modelOf(Population p) {
    if (!(p.kind() instanceof Population.Neurons n)) throw new IllegalArgumentException(p.name() + " is a spike source");
    return neuronModel(n.model()).orElseThrow(() -> new IllegalArgumentException("no model " + n.model()));
  }

  public long neuronCount() {
    return populations.stream().mapToLong(Population::size).sum();
  }

  public Network withRun(RunSettings r) {
    return new Network(name, neuronModels, synapseModels, populations, projections, currents, probes, r);
  }
}
