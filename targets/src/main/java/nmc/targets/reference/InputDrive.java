package nmc.targets.reference;

import nmc.ir.CurrentInput;
import nmc.ir.ValueSpec;
import nmc.ir.build.Materialize;

/**
 * An injected current (common.md, step 2): its waveform at t_n added to a port of every neuron. Amplitudes may
 * differ per neuron; random ones are drawn from stream {@code "input/" + name} with the neuron index as counter.
 */
final class InputDrive {
  private final NeuronGroup group;
  private final int slot;
  private final double start, stop;
  private final boolean ramp;
  private final double[] from, to;
  private final Double fromScalar, toScalar;

  InputDrive(CurrentInput in, NeuronGroup group, long seed) {
    this.group = group;
    Integer s = group.portSlot.get(in.port());
    if (s == null) {
      throw Errors.at(in.span(), "current " + in.name() + " drives " + group.name + "." + in.port() + ", which is not an input port of "
          + group.model.name(), "inputs flow into ports; ports of " + group.model.name() + ": " + String.join(", ", group.portSlot.keySet()));
    }
    slot = s;
    ValueSpec a, b;
    switch (in.waveform()) {
      case CurrentInput.Step st -> { a = st.amplitude(); b = st.amplitude(); start = st.start(); stop = st.stop(); ramp = false; }
      case CurrentInput.Ramp r -> { a = r.from(); b = r.to(); start = r.start(); stop = r.stop(); ramp = true; }
    }
    String what = "the amplitude of current " + in.name();
    fromScalar = Materialize.uniformValue(a);
    toScalar = Materialize.uniformValue(b);
    from = fromScalar == null ? Materialize.values(a, group.size, seed, "input/" + in.name(), in.span(), what) : null;
    to = !ramp ? from : toScalar == null ? Materialize.values(b, group.size, seed, "input/" + in.name() + "/to", in.span(), what) : null;
  }

  void apply(double t) {
    if (!(t >= start && t < stop)) return;
    double[] port = group.frame.slots[slot];
    double f = ramp ? (t - start) / (stop - start) : 0;
    int n = port.length;
    if (from == null && (to == null || !ramp)) {
      double v = ramp ? fromScalar + (toScalar - fromScalar) * f : fromScalar;
      for (int i = 0; i < n; i++) port[i] += v;
      return;
    }
    for (int i = 0; i < n; i++) {
      double lo = from == null ? fromScalar : from[i];
      double v = ramp ? lo + ((to == null ? toScalar : to[i]) - lo) * f : lo;
      port[i] += v;
    }
  }
}
