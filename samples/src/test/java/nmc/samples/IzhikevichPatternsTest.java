package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * izhikevich_patterns.snn: the four firing classes of Izhikevich (2003) told apart by their inter-spike intervals
 * (ISI, ms): regular spiking adapts to a steady tonic rhythm; intrinsically bursting opens with a burst and then
 * fires single spikes; chattering fires repeated bursts (short and long ISIs alternate all along); fast spiking
 * fires fast without adaptation.
 */
class IzhikevichPatternsTest {
  static SimResult r;

  @BeforeAll
  static void run() {
    r = Samples.run(Samples.load("izhikevich_patterns.snn"));
  }

  static double[] isiMs(String pop) {
    double[] t = Samples.times(r, pop, 0);
    double[] isi = new double[Math.max(0, t.length - 1)];
    for (int i = 0; i < isi.length; i++) isi[i] = (t[i + 1] - t[i]) * 1e3;
    return isi;
  }

  static double min(double[] a, int from) {
    return Arrays.stream(a, from, a.length).min().orElseThrow();
  }

  static double max(double[] a, int from) {
    return Arrays.stream(a, from, a.length).max().orElseThrow();
  }

  @Test
  void regularSpikingIsTonicAfterAdaptation() {
    double[] isi = isiMs("rs");
    assertTrue(isi.length >= 5, "RS spikes: " + (isi.length + 1));
    assertTrue(isi[0] < isi[isi.length - 1], "RS adapts: first ISI " + isi[0] + " last " + isi[isi.length - 1]);
    int half = isi.length / 2;
    assertTrue(max(isi, half) / min(isi, half) < 1.1, "RS steady: " + Arrays.toString(isi));
    assertTrue(min(isi, 0) > 10, "RS has no burst: " + Arrays.toString(isi));
  }

  @Test
  void intrinsicallyBurstingOpensWithABurstThenFiresSingly() {
    double[] isi = isiMs("ib");
    assertTrue(isi.length >= 5, "IB spikes: " + (isi.length + 1));
    assertTrue(isi[0] < 10, "IB opens with a burst: " + Arrays.toString(isi));
    int half = isi.length / 2;
    assertTrue(min(isi, half) > 20, "IB later fires single spikes: " + Arrays.toString(isi));
  }

  @Test
  void chatteringRepeatsBursts() {
    double[] isi = isiMs("ch");
    int half = isi.length / 2;
    assertTrue(isi.length >= 10, "CH spikes: " + (isi.length + 1));
    assertTrue(min(isi, half) < 10 && max(isi, half) > 20, "CH keeps bursting: " + Arrays.toString(isi));
  }

  @Test
  void fastSpikingFiresFastWithoutAdaptation() {
    double[] fs = isiMs("fs");
    double[] rs = isiMs("rs");
    assertTrue(fs.length > 2 * rs.length, "FS " + (fs.length + 1) + " spikes vs RS " + (rs.length + 1));
    int half = fs.length / 2;
    assertTrue(max(fs, half) / min(fs, half) < 1.1, "FS steady: " + Arrays.toString(fs));
  }
}
