package nmc.dsl.lower;

import nmc.dsl.check.Scope;
import nmc.ir.NeuronModel;

/**
 * A checked neuron model: its IR form, and the scope population arguments are checked in. {@code ok} is false
 * when the model itself had errors (populations of it are then checked less, to avoid echoes).
 */
record NeuronInfo(NeuronModel model, Scope scope, boolean ok) {
  int paramIndex(String name) {
    for (int i = 0; i < model.parameters().size(); i++) if (model.parameters().get(i).name().equals(name)) return i;
    return -1;
  }

  int stateIndex(String name) {
    for (int i = 0; i < model.state().size(); i++) if (model.state().get(i).name().equals(name)) return i;
    return -1;
  }
}
