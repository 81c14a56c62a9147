package nmc.emulator.program;

import nmc.ir.build.IntList;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one core holds, as plain integers: compartment configs and their profile tables, the per-core shared
 * settings, the fan-in (input axons, each with a synapse list in CSR form) and the fan-out (per compartment, the
 * (core, axon) pairs its spike is sent to). Built by {@link Builder}; checked against a chip by
 * {@link ChipProgram.Builder#build()}. Accessors return copies.
 */
public final class CoreProgram {
  private final int[] biasMantissa, biasExponent, compartmentProfile, thresholdProfile;
  private final List<CompartmentProfile> profiles;
  private final int[] thresholdMantissa;
  private final int vminExponent, vmaxExponent;
  private final NoiseConfig noise;
  private final List<SynapseFormat> formats;
  private final int[] axonFormat, axonStart, synCompartment, synWeight, synDelay;
  private final int[] outStart, outCore, outAxon;

  private CoreProgram(Builder b) {
    biasMantissa = b.biasMantissa.toArray();
    biasExponent = b.biasExponent.toArray();
    compartmentProfile = b.cxProfile.toArray();
    thresholdProfile = b.vthProfile.toArray();
    profiles = List.copyOf(b.profiles);
    thresholdMantissa = b.vthMantissa.toArray();
    vminExponent = b.vminExponent;
    vmaxExponent = b.vmaxExponent;
    noise = b.noise;
    formats = List.copyOf(b.formats);
    axonFormat = b.axonFormat.toArray();
    int nAx = axonFormat.length, nSyn = b.synAxon.size();
    // CSR by counting sort on the axon; insertion order is kept within an axon.
    axonStart = new int[nAx + 1];
    for (int i = 0; i < nSyn; i++) axonStart[b.synAxon.get(i) + 1]++;
    for (int a = 0; a < nAx; a++) axonStart[a + 1] += axonStart[a];
    synCompartment = new int[nSyn];
    synWeight = new int[nSyn];
    synDelay = new int[nSyn];
    int[] fill = java.util.Arrays.copyOf(axonStart, nAx);
    for (int i = 0; i < nSyn; i++) {
      int k = fill[b.synAxon.get(i)]++;
      synCompartment[k] = b.synCompartment.get(i);
      synWeight[k] = b.synWeight.get(i);
      synDelay[k] = b.synDelay.get(i);
    }
    int n = biasMantissa.length, nOut = b.outCx.size();
    outStart = new int[n + 1];
    for (int i = 0; i < nOut; i++) outStart[b.outCx.get(i) + 1]++;
    for (int c = 0; c < n; c++) outStart[c + 1] += outStart[c];
    outCore = new int[nOut];
    outAxon = new int[nOut];
    int[] ofill = java.util.Arrays.copyOf(outStart, n);
    for (int i = 0; i < nOut; i++) {
      int k = ofill[b.outCx.get(i)]++;
      outCore[k] = b.outCore.get(i);
      outAxon[k] = b.outAxon.get(i);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public int compartments() {
    return biasMantissa.length;
  }

  public int inputAxons() {
    return axonFormat.length;
  }

  public int synapses() {
    return synWeight.length;
  }

  /** Total fan-out edges (output axon slots used). */
  public int outputEdges() {
    return outCore.length;
  }

  public int[] biasMantissa() { return biasMantissa.clone(); }
  public int[] biasExponent() { return biasExponent.clone(); }
  /** Index into {@link #profiles()} per compartment. */
  public int[] compartmentProfile() { return compartmentProfile.clone(); }
  /** Index into {@link #thresholdMantissa()} per compartment. */
  public int[] thresholdProfile() { return thresholdProfile.clone(); }
  public List<CompartmentProfile> profiles() { return profiles; }
  /** The threshold profile table: mantissas, the threshold is {@code mantissa << 6}. */
  public int[] thresholdMantissa() { return thresholdMantissa.clone(); }
  /** vmin = -2^k + 1 with k this value. */
  public int vminExponent() { return vminExponent; }
  /** vmax = 2^(9 + 2m) - 1 with m this value. */
  public int vmaxExponent() { return vmaxExponent; }
  public NoiseConfig noise() { return noise; }
  public List<SynapseFormat> formats() { return formats; }
  /** Index into {@link #formats()} per input axon. */
  public int[] axonFormat() { return axonFormat.clone(); }
  /** CSR: the synapses of axon a are {@code axonStart[a] .. axonStart[a+1]-1}. */
  public int[] axonStart() { return axonStart.clone(); }
  public int[] synapseCompartment() { return synCompartment.clone(); }
  /** Stored weights in the format's precision (not yet aligned or shifted). */
  public int[] synapseWeight() { return synWeight.clone(); }
  /** Per-synapse delay in steps: a spike sent at step t is integrated at step t + 1 + delay. */
  public int[] synapseDelay() { return synDelay.clone(); }
  /** CSR: the fan-out edges of compartment c are {@code outStart[c] .. outStart[c+1]-1}. */
  public int[] outStart() { return outStart.clone(); }
  public int[] outCore() { return outCore.clone(); }
  public int[] outAxon() { return outAxon.clone(); }

  /** Fills one core. Indices returned are the ones the other methods take. Profiles and formats are shared when equal. */
  public static final class Builder {
    private final IntList biasMantissa = new IntList(), biasExponent = new IntList(), cxProfile = new IntList(), vthProfile = new IntList();
    private final List<CompartmentProfile> profiles = new ArrayList<>();
    private final IntList vthMantissa = new IntList();
    private int vminExponent = 23, vmaxExponent = 7;
    private NoiseConfig noise = NoiseConfig.NONE;
    private final List<SynapseFormat> formats = new ArrayList<>();
    private final IntList axonFormat = new IntList();
    private final IntList synAxon = new IntList(), synCompartment = new IntList(), synWeight = new IntList(), synDelay = new IntList();
    private final IntList outCx = new IntList(), outCore = new IntList(), outAxon = new IntList();

    private Builder() {}

    /** Adds (or finds) a compartment profile; returns its index. */
    public int compartmentProfile(CompartmentProfile p) {
      int i = profiles.indexOf(p);
      if (i >= 0) return i;
      profiles.add(p);
      return profiles.size() - 1;
    }

    public int compartmentProfile(int decayU, int decayV, int refractDelay) {
      return compartmentProfile(new CompartmentProfile(decayU, decayV, refractDelay, false));
    }

    /** Adds (or finds) a threshold profile (the mantissa; threshold = mantissa << 6); returns its index. */
    public int thresholdProfile(int mantissa) {
      for (int i = 0; i < vthMantissa.size(); i++) if (vthMantissa.get(i) == mantissa) return i;
      vthMantissa.add(mantissa);
      return vthMantissa.size() - 1;
    }

    /** Adds a compartment (bias = mantissa << exponent, not scaled by 2^6); returns its index. */
    public int compartment(int biasMantissa, int biasExponent, int profile, int threshold) {
      if (profile < 0 || profile >= profiles.size()) throw new IllegalArgumentException("no compartment profile " + profile);
      if (threshold < 0 || threshold >= vthMantissa.size()) throw new IllegalArgumentException("no threshold profile " + threshold);
      this.biasMantissa.add(biasMantissa);
      this.biasExponent.add(biasExponent);
      cxProfile.add(profile);
      vthProfile.add(threshold);
      return this.biasMantissa.size() - 1;
    }

    /** The core-wide voltage limits: vmin = -2^vminExp + 1, vmax = 2^(9 + 2 vmaxExp) - 1. */
    public Builder voltageLimits(int vminExp, int vmaxExp) {
      vminExponent = vminExp;
      vmaxExponent = vmaxExp;
      return this;
    }

    public Builder noise(NoiseConfig cfg) {
      noise = cfg;
      return this;
    }

    /** Adds (or finds) a synapse format; returns its index. */
    public int synapseFormat(SynapseFormat f) {
      int i = formats.indexOf(f);
      if (i >= 0) return i;
      formats.add(f);
      return formats.size() - 1;
    }

    /** Adds an input axon using format {@code format}; returns its id (what senders put in their fan-out). */
    public int inputAxon(int format) {
      if (format < 0 || format >= formats.size()) throw new IllegalArgumentException("no synapse format " + format);
      axonFormat.add(format);
      return axonFormat.size() - 1;
    }

    /** Adds a synapse to the list of {@code axon}: stored weight (format precision) and delay in steps. */
    public Builder synapse(int axon, int compartment, int weight, int delay) {
      if (axon < 0 || axon >= axonFormat.size()) throw new IllegalArgumentException("no input axon " + axon);
      if (compartment < 0) throw new IllegalArgumentException("negative compartment index " + compartment);
      synAxon.add(axon);
      synCompartment.add(compartment);
      synWeight.add(weight);
      synDelay.add(delay);
      return this;
    }

    /** Sends the spikes of {@code compartment} to input axon {@code axon} of core {@code core} (one fan-out edge). */
    public Builder outputAxon(int compartment, int core, int axon) {
      if (compartment < 0 || compartment >= biasMantissa.size()) throw new IllegalArgumentException("no compartment " + compartment);
      if (core < 0 || axon < 0) throw new IllegalArgumentException("negative core or axon id");
      outCx.add(compartment);
      outCore.add(core);
      outAxon.add(axon);
      return this;
    }

    public int compartments() {
      return biasMantissa.size();
    }

    public CoreProgram build() {
      return new CoreProgram(this);
    }
  }
}
