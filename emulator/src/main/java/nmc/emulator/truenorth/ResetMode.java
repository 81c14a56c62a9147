package nmc.emulator.truenorth;

/** The reset mode γ of a TrueNorth neuron (hardware reference 3.2 item 3); γ is the ordinal. */
public enum ResetMode {
  /** γ = 0: V becomes R after a spike (and −R below the negative threshold when κ = 0). */
  NORMAL,
  /** γ = 1: V − (α + η) after a spike (and V + (β + η) below the negative threshold when κ = 0). */
  LINEAR,
  /** γ = 2: V is left as it is (below the negative threshold too, when κ = 0). */
  NONE
}
