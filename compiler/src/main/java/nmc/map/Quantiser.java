package nmc.map;

import static nmc.map.ChipErrors.error;
import static nmc.map.ChipErrors.ms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.build.Connections;

/**
 * Quantises populations in {@link LifForm} and their incoming projections into the chip's integers.
 *
 * <p>Each post population gets one scale {@code S} (chip units per volt of {@code v - vReset}). The voltage decay
 * is {@code dv = round(2^bits (1 - e^(leakV dt)))}; with the quantised factor {@code d = 1 - dv/2^bits} the gain
 * {@code g = (1 - d) / -leakV} turns a drive (V/s) into a per-step increment, so the chip's
 * {@code v <- d v + u + bias} has the float model's fixed point exactly and its time constant up to the rounding of
 * {@code dv}. Then: threshold {@code S * (V_th - V_r)}, bias {@code S g drive0}, weights onto the current
 * {@code S g c w} (onto v directly {@code S d w}), current decay {@code round(2^bits (1 - e^(-dt/tau))) - offset},
 * refractory delay {@code round(t_ref/dt) + 1}, delays {@code round(d/dt)} steps.
 *
 * <p>{@code S} is searched over one octave below the largest value that leaves the voltage four thresholds of room
 * below the reset (the core clamps at the state width), choosing the one with the least relative error of weights,
 * threshold and bias (constant weights often land on a representable value exactly). A value that cannot be
 * represented (a weight too large or too small for every exponent, a delay or refractory period too long) is a
 * {@link UserError} at the projection or population, with the closest representable value.
 */
public final class Quantiser {
  private Quantiser() {}

  /** Integers of one population (index = neuron) and what they cost in accuracy. */
  public record PopulationQ(String name, double scale, int[] du, int[] dv, int[] refractDelay, int[] thresholdMantissa,
      int[] biasMantissa, int[] biasExponent, int[] v0, int[] u0, double[] gain, Errors errors) {}

  /** Worst and mean relative errors, and SI time constants asked for vs what the chip does. */
  public record Errors(double thresholdWorst, double biasWorst, double tauVAsked, double tauVChip, double tauUAsked, double tauUChip,
      double tauVWorst, double tauUWorst) {}

  /** A projection's stored weights and delays per connection (canonical order) and their errors. */
  public record ProjectionQ(Projection projection, WeightFormat format, int[] stored, int[] delay, double worst, double mean,
      int zeroed, int count, double effectiveScale) {}

  public record Result(Map<String, PopulationQ> populations, List<ProjectionQ> projections) {
    public ProjectionQ projection(String name) {
      return projections.stream().filter(p -> p.projection().name().equals(name)).findFirst().orElseThrow();
    }
  }

  static final int SCALE_CANDIDATES = 48;
  static final int SAMPLE = 512;

  public static Result quantise(Network net, LifExtraction.Result forms, Map<String, Connections> conns, ChipLimits lim, String target) {
    double dt = net.run().dt();
    ChipLimits.Numbers f = lim.numbers();
    Map<String, PopulationQ> pops = new LinkedHashMap<>();
    Map<String, ProjectionQ> projs = new LinkedHashMap<>();
    for (LifForm form : forms.populations().values()) {
      Population pop = net.population(form.population()).orElseThrow();
      List<LifExtraction.ProjectionForm> in = forms.projections().stream().filter(p -> p.projection().post().equals(form.population())).toList();
      int n = form.size();
      int one = 1 << f.decayBits();
      int[] dv = new int[n], du = new int[n], ref = new int[n];
      double[] gain = new double[n], keep = new double[n];
      double tvAsk = 0, tvChip = 0, tuAsk = 0, tuChip = 0, tvWorst = 0, tuWorst = 0;
      for (int i = 0; i < n; i++) {
        double b = form.leakV()[i];
        dv[i] = (int) Math.min(f.decayMax(), Math.max(0, Math.round(one * -Math.expm1(b * dt))) - f.voltageDecayOffset());
        int eff = dv[i] + f.voltageDecayOffset();
        keep[i] = (one - eff) / (double) one;
        gain[i] = eff == 0 || b == 0 ? dt : (eff / (double) one) / -b;
        if (b < 0) {
          double ask = -1 / b, chip = eff == 0 ? Double.POSITIVE_INFINITY : -dt / Math.log(keep[i]);
          double err = Math.abs(chip - ask) / ask;
          if (i == 0 || err > tvWorst) {
            tvWorst = err;
            tvAsk = ask;
            tvChip = chip;
          }
        }
        if (form.usesU()) {
          double bu = form.leakU()[i];
          int effU = (int) Math.min(f.decayMax() + f.currentDecayOffset(), Math.max(f.currentDecayOffset(), Math.round(one * -Math.expm1(bu * dt))));
          du[i] = effU - f.currentDecayOffset();
          double ask = -1 / bu, chip = effU >= one ? 0 : -dt / Math.log((one - effU) / (double) one);
          double err = Math.abs(chip - ask) / ask;
          if (i == 0 || err > tuWorst) {
            tuWorst = err;
            tuAsk = ask;
            tuChip = chip;
          }
        } else {
          du[i] = f.decayMax(); // no synaptic state: u holds only this step's input
        }
        ref[i] = form.refractorySteps()[i] + 1;
        if (ref[i] > f.refractoryDelayMax() || ref[i] < f.refractoryDelayMin()) {
          throw error(pop.span(), target, "population " + pop.name() + ": neuron " + i + "'s refractory period " + ms(form.refractorySteps()[i] * dt)
              + " is " + form.refractorySteps()[i] + " steps; the chip holds at most " + (f.refractoryDelayMax() - 1) + " steps",
              "the closest the chip can do is " + ms((f.refractoryDelayMax() - 1) * dt) + "; shorten the refractory period or use a larger dt");
        }
      }
      // the scale
      double maxTh = 0;
      for (double t : form.threshold()) maxTh = Math.max(maxTh, t);
      double sMax = n == 0 ? 1 : Math.scalb(1.0, f.stateBits() - 2) / maxTh;
      sMax = Math.min(sMax, biasLimit(form, gain, f));
      List<Connections> inConns = in.stream().map(p -> conns.get(p.projection().name())).toList();
      sMax = Math.min(sMax, inputLimit(in, inConns, form, gain, keep, f));
      double best = sMax, bestCost = Double.POSITIVE_INFINITY;
      for (int k = 0; k < SCALE_CANDIDATES && n > 0; k++) {
        double s = sMax * Math.pow(2, -k / (double) SCALE_CANDIDATES);
        double cost = scaleCost(s, form, gain, keep, in, inConns, f);
        if (cost < bestCost - 1e-12) {
          bestCost = cost;
          best = s;
        }
      }
      double s = best;
      int[] vth = new int[n], bm = new int[n], be = new int[n], v0 = new int[n], u0 = new int[n];
      double thWorst = 0, biasWorst = 0;
      for (int i = 0; i < n; i++) {
        double th = s * form.threshold()[i];
        vth[i] = (int) Math.rint(Math.scalb(th, -f.thresholdShift()));
        if (vth[i] < f.thresholdMantissaMin() || vth[i] > f.thresholdMantissaMax()) {
          throw error(pop.span(), target, "population " + pop.name() + ": the threshold of neuron " + i + " (" + LifExtraction.fmt(form.threshold()[i] * 1e3)
              + " mV above reset) cannot be represented next to its bias and weights", "the bias or weights are too large compared to the threshold");
        }
        thWorst = Math.max(thWorst, Math.abs(Math.scalb((double) vth[i], f.thresholdShift()) - th) / th);
        double bias = s * gain[i] * form.drive0()[i];
        int e = 0;
        while (e < f.biasExponentMax() && Math.abs(Math.rint(Math.scalb(bias, -e))) > f.biasMantissaMax()) e++;
        long m = (long) Math.rint(Math.scalb(bias, -e));
        m = Math.max(-f.biasMantissaMax(), Math.min(f.biasMantissaMax(), m));
        bm[i] = (int) m;
        be[i] = e;
        if (bias != 0) biasWorst = Math.max(biasWorst, Math.abs(Math.scalb((double) m, e) - bias) / Math.abs(bias));
        v0[i] = (int) Math.max(f.vMin(), Math.min(f.vMax(), Math.rint(s * (form.v0()[i] - form.vReset()[i]))));
        double u = s * gain[i] * form.u0()[i];
        long lim2 = (1L << f.stateBits()) - 1;
        u0[i] = (int) Math.max(-lim2, Math.min(lim2, Math.rint(u)));
      }
      pops.put(pop.name(), new PopulationQ(pop.name(), s, du, dv, ref, vth, bm, be, v0, u0, gain,
          new Errors(thWorst, biasWorst, tvAsk, tvChip, tuAsk, tuChip, tvWorst, tuWorst)));
      // weights
      Integer shared = null;
      if (f.weightExponentOnSum()) {
        for (int k = 0; k < in.size(); k++) {
          ProjectionQ q = weights(net, in.get(k), inConns.get(k), form, s, gain, keep, f, dt, lim, target, null);
          shared = shared == null ? q.format().exponent() : Math.max(shared, q.format().exponent());
        }
      }
      for (int k = 0; k < in.size(); k++) {
        projs.put(in.get(k).projection().name(), weights(net, in.get(k), inConns.get(k), form, s, gain, keep, f, dt, lim, target, shared));
      }
    }
    List<ProjectionQ> ordered = new ArrayList<>();
    for (Projection pr : net.projections()) ordered.add(projs.get(pr.name()));
    return new Result(pops, ordered);
  }

  /**
   * The largest scale the inputs allow, in one pass over the connections: one weight may take at most 2^(state
   * bits - 4) (room for 16 of the largest arriving in one step); and one step's input cannot wrap the dendritic
   * accumulator: for every neuron, all its excitatory connections (or all its inhibitory ones) arriving in the same
   * step, each weight rounded up by half a quantisation step, stay within {@code accumulatorBits}. A synfire packet
   * does deliver nearly all of a neuron's fan-in within a step or two.
   */
  private static double inputLimit(List<LifExtraction.ProjectionForm> in, List<Connections> conns, LifForm form, double[] gain,
      double[] keep, ChipLimits.Numbers f) {
    int n = form.size();
    double[] pos = new double[n], neg = new double[n];
    int[] fanIn = new int[n];
    double largest = 0;
    int count = 0;
    for (int k = 0; k < in.size(); k++) {
      Connections c = conns.get(k);
      LifForm.Channel ch = form.channels().get(in.get(k).channel());
      int[] post = c.post();
      double[] w = c.weight();
      for (int m = 0; m < c.count(); m++) {
        double t = w[m] * in.get(k).factor() * factor(ch, post[m], 1, gain, keep);
        if (t > 0) pos[post[m]] += t;
        else neg[post[m]] -= t;
        fanIn[post[m]]++;
        largest = Math.max(largest, Math.abs(t));
      }
      count += c.count();
    }
    if (count == 0) return Double.POSITIVE_INFINITY;
    double perWeight = largest > 0 ? Math.scalb(1.0, f.stateBits() - 4) / largest : Double.POSITIVE_INFINITY;
    WeightFormat probe = new WeightFormat(bitsFor(f), WeightFormat.Sign.MIXED, 0, 0);
    double halfStep = largest / Math.max(probe.maxStored(), -probe.minStored()); // step <= 2 largest / magnitude
    double worst = 0;
    for (int j = 0; j < n; j++) worst = Math.max(worst, Math.max(pos[j], neg[j]) + fanIn[j] * halfStep);
    return Math.min(perWeight, worst == 0 ? Double.POSITIVE_INFINITY : (Math.scalb(1.0, f.accumulatorBits()) - 1) / worst);
  }

  /** The largest scale at which every bias fits the bias mantissa and exponent. */
  private static double biasLimit(LifForm form, double[] gain, ChipLimits.Numbers f) {
    double maxBias = f.biasMantissaMax() * Math.scalb(1.0, f.biasExponentMax());
    double lim = Double.POSITIVE_INFINITY;
    for (int i = 0; i < form.size(); i++) {
      double per = Math.abs(gain[i] * form.drive0()[i]);
      if (per > 0) lim = Math.min(lim, maxBias / per);
    }
    return lim;
  }

  /** Mean relative weight error of every incoming projection (sampled) plus the worst threshold and bias errors. */
  private static double scaleCost(double s, LifForm form, double[] gain, double[] keep, List<LifExtraction.ProjectionForm> in,
      List<Connections> conns, ChipLimits.Numbers f) {
    int n = form.size();
    double cost = 0;
    int stride = Math.max(1, n / SAMPLE);
    double th = 0, bias = 0;
    for (int i = 0; i < n; i += stride) {
      double t = s * form.threshold()[i], q = Math.scalb(Math.rint(Math.scalb(t, -f.thresholdShift())), f.thresholdShift());
      th = Math.max(th, Math.abs(q - t) / t);
      double b = s * gain[i] * form.drive0()[i];
      if (b != 0) {
        int e = 0;
        while (e < f.biasExponentMax() && Math.abs(Math.rint(Math.scalb(b, -e))) > f.biasMantissaMax()) e++;
        bias = Math.max(bias, Math.abs(Math.scalb(Math.rint(Math.scalb(b, -e)), e) - b) / Math.abs(b));
      }
    }
    cost += th + bias;
    for (int k = 0; k < in.size(); k++) {
      Connections c = conns.get(k);
      if (c.count() == 0) continue;
      double[] target = sampleTargets(in.get(k), c, form, s, gain, keep, SAMPLE);
      int p = power(target, in.get(k), f, null, signOf(target), bitsFor(f));
      double step = Math.scalb(1.0, f.weightShift() + p), sum = 0;
      int m = 0;
      for (double w : target) {
        if (w == 0) continue;
        sum += Math.abs(Math.rint(w / step) * step - w) / Math.abs(w);
        m++;
      }
      if (m > 0) cost += sum / m;
    }
    return cost;
  }

  private static double[] sampleTargets(LifExtraction.ProjectionForm pf, Connections c, LifForm form, double s, double[] gain, double[] keep,
      int sample) {
    int count = c.count(), stride = Math.max(1, count / sample);
    double[] out = new double[(count + stride - 1) / stride];
    int[] post = c.post();
    LifForm.Channel ch = form.channels().get(pf.channel());
    for (int k = 0, m = 0; k < count; k += stride, m++) out[m] = c.weight()[k] * pf.factor() * factor(ch, post[k], s, gain, keep);
    return out;
  }

  /** Chip units of accumulator input per unit of weight, for a connection onto neuron j. */
  static double factor(LifForm.Channel ch, int j, double s, double[] gain, double[] keep) {
    return ch.direct() ? s * keep[j] : s * gain[j] * ch.coef()[j] * ch.scale()[j];
  }

  private static WeightFormat.Sign signOf(double[] w) {
    boolean pos = false, neg = false;
    for (double x : w) {
      pos |= x > 0;
      neg |= x < 0;
    }
    return pos && neg ? WeightFormat.Sign.MIXED : neg ? WeightFormat.Sign.INHIBITORY : WeightFormat.Sign.EXCITATORY;
  }

  private static int bitsFor(ChipLimits.Numbers f) {
    return f.maxWeightBits();
  }

  /**
   * The smallest power p (effective weight = stored * 2^(weightShift + p), p = dropped + exponent) at which the
   * largest target fits the stored range; per-synapse exponents need p >= 0 (lower bits would be shifted out).
   */
  private static int power(double[] target, LifExtraction.ProjectionForm pf, ChipLimits.Numbers f, Integer forcedExp,
      WeightFormat.Sign sign, int bits) {
    WeightFormat probe = new WeightFormat(bits, sign, 0, 0);
    int dropped = probe.dropped(f.weightMantissaBits());
    if (forcedExp != null) return dropped + forcedExp;
    double max = 0;
    for (double w : target) max = Math.max(max, Math.abs(w));
    int pMin = f.weightExponentOnSum() ? dropped + f.weightExponentMin() : Math.max(0, dropped + f.weightExponentMin());
    int pMax = dropped + f.weightExponentMax();
    int mag = Math.max(probe.maxStored(), -probe.minStored());
    for (int p = pMin; p <= pMax; p++) {
      if (Math.rint(max / Math.scalb(1.0, f.weightShift() + p)) <= mag) return p;
    }
    return pMax + 1; // too large: the caller reports it
  }

  private static ProjectionQ weights(Network net, LifExtraction.ProjectionForm pf, Connections c, LifForm form, double s, double[] gain,
      double[] keep, ChipLimits.Numbers f, double dt, ChipLimits lim, String target, Integer forcedExp) {
    Projection pr = pf.projection();
    int count = c.count();
    LifForm.Channel ch = form.channels().get(pf.channel());
    double[] t = new double[count];
    int[] post = c.post();
    for (int k = 0; k < count; k++) t[k] = c.weight()[k] * pf.factor() * factor(ch, post[k], s, gain, keep);
    WeightFormat.Sign sign = signOf(t);
    int bits = bitsFor(f);
    int dropped = new WeightFormat(bits, sign, 0, 0).dropped(f.weightMantissaBits());
    int p = power(t, pf, f, forcedExp, sign, bits);
    double maxT = 0, perUnit = 0;
    for (int k = 0; k < count; k++) {
      if (Math.abs(t[k]) > maxT) {
        maxT = Math.abs(t[k]);
        perUnit = Math.abs(t[k] / c.weight()[k]);
      }
    }
    if (p - dropped > f.weightExponentMax()) {
      WeightFormat wf = new WeightFormat(bits, sign, f.weightExponentMax(), 0);
      double largest = Math.max(wf.maxStored(), -wf.minStored()) * Math.scalb(1.0, f.weightShift() + dropped + f.weightExponentMax());
      String unit = weightUnit(net, pr, pf);
      throw error(pr.span(), target, "projection " + pr.name() + ": a weight of " + show(maxT / perUnit, unit) + " needs " + (long) maxT
          + " chip units, more than the largest representable weight (" + (long) largest + ")",
          "the closest representable weight is " + show(largest / perUnit, unit) + "; use smaller weights or a larger threshold");
    }
    int delayMax = 0;
    int[] delay = c.delaySteps(dt);
    for (int k = 0; k < count; k++) {
      if (delay[k] > lim.core().maxDelay() || delay[k] >= (1 << f.delayBitsMax())) {
        int most = Math.min(lim.core().maxDelay(), (1 << f.delayBitsMax()) - 1);
        throw error(pr.span(), target, "projection " + pr.name() + ": connection " + k + " has a delay of " + delay[k] + " steps ("
            + ms(c.delay()[k]) + "); the chip delays by at most " + most + " steps",
            "the closest representable delay is " + ms(most * dt) + "; shorten the delay or use a larger dt");
      }
      delayMax = Math.max(delayMax, delay[k]);
    }
    int delayBits = delayMax == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(delayMax);
    WeightFormat wf = new WeightFormat(bits, sign, p - dropped, delayBits);
    double step = Math.scalb(1.0, f.weightShift() + p);
    int[] stored = new int[count];
    double worst = 0, sum = 0;
    int m = 0, zeroed = 0;
    for (int k = 0; k < count; k++) {
      long q = (long) Math.rint(t[k] / step);
      q = Math.max(wf.minStored(), Math.min(wf.maxStored(), q));
      stored[k] = (int) q;
      if (t[k] != 0) {
        double err = Math.abs(q * step - t[k]) / Math.abs(t[k]);
        worst = Math.max(worst, err);
        sum += err;
        m++;
        if (q == 0) zeroed++;
      }
    }
    if (m > 0 && zeroed == m) {
      String unit = weightUnit(net, pr, pf);
      throw error(pr.span(), target, "projection " + pr.name() + ": every weight (up to " + show(maxT / perUnit, unit) + ") is below the chip's resolution "
          + "and would be stored as 0", "the closest representable weight is " + show(step / perUnit, unit) + " (one step of the chip's weights); "
          + "use larger weights or a smaller threshold");
    }
    return new ProjectionQ(pr, wf, stored, delay, worst, m == 0 ? 0 : sum / m, zeroed, count, perUnit);
  }

  /** The display unit of the variable a projection jumps (its weight's unit). */
  private static String weightUnit(Network net, Projection pr, LifExtraction.ProjectionForm pf) {
    return net.population(pr.post()).map(net::modelOf).flatMap(m -> m.stateVar(pf.channel()))
        .map(v -> v.unit() == null || v.unit().isBlank() ? nmc.ir.Units.describe(v.dim()) : v.unit()).orElse("");
  }

  /** An SI value in a display unit: {@code 1.62 mV}. */
  static String show(double si, String unit) {
    double scale = nmc.ir.Units.parse(unit).map(nmc.ir.Unit::scale).orElse(1.0);
    return String.format(Locale.ROOT, "%.6g", si / scale) + (unit.isEmpty() ? "" : " " + unit);
  }
}
