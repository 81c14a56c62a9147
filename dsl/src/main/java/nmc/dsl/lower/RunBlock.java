package nmc.dsl.lower;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Suggest;
import nmc.ir.Dimension;
import nmc.ir.RunSettings;

/** {@code run { duration = 1000 ms; dt = 0.1 ms; seed = 2007 }}, with those defaults. */
final class RunBlock {
  private RunBlock() {}

  static final double DEFAULT_DURATION = 1.0, DEFAULT_DT = 1e-4;
  static final long DEFAULT_SEED = 1;

  /** The settings, or null after reporting. */
  static RunSettings lower(Ast.RunDecl r, Ctx ctx) {
    double duration = DEFAULT_DURATION, dt = DEFAULT_DT;
    long seed = DEFAULT_SEED;
    if (r == null) return new RunSettings(duration, dt, seed);
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    for (Ast.Setting s : r.settings()) {
      if (!seen.add(s.name())) {
        ctx.diags.error(s.span(), s.name() + " is set twice");
        ok = false;
        continue;
      }
      switch (s.name()) {
        case "duration" -> {
          duration = ctx.values.constant(s.value(), Dimension.TIME, "duration");
          if (duration < 0) ctx.diags.error(s.value().span(), "the duration must not be negative");
          ok &= duration >= 0 && Double.isFinite(duration);
        }
        case "dt" -> {
          dt = ctx.values.constant(s.value(), Dimension.TIME, "dt");
          if (dt <= 0) ctx.diags.error(s.value().span(), "dt must be longer than 0 s");
          ok &= dt > 0 && Double.isFinite(dt);
        }
        case "seed" -> {
          double v = ctx.values.constant(s.value(), Dimension.NONE, "seed");
          if (!Double.isNaN(v) && (v != Math.rint(v) || Math.abs(v) > 9.0e18)) {
            ctx.diags.error(s.value().span(), "the seed is a whole number");
            v = Double.NaN;
          }
          ok &= !Double.isNaN(v);
          if (!Double.isNaN(v)) seed = (long) v;
        }
        default -> {
          ctx.diags.error(s.span(), "unknown run setting " + s.name(), Suggest.hint(s.name(), List.of("duration", "dt", "seed"), "settings"));
          ok = false;
        }
      }
    }
    return ok ? new RunSettings(duration, dt, seed) : null;
  }
}
