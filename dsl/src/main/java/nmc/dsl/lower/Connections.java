package nmc.dsl.lower;

import java.util.List;
import java.util.Map;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Suggest;
import nmc.dsl.check.Ty;
import nmc.dsl.check.Typed;
import nmc.dsl.check.Scope;
import nmc.ir.Connectivity;
import nmc.ir.Dimension;
import nmc.ir.Ints;
import nmc.ir.Population;

/** The {@code connect} rule of a projection, checked against the sizes of its populations. */
final class Connections {
  private final Ctx ctx;

  Connections(Ctx ctx) {
    this.ctx = ctx;
  }

  /** A rule and, when it fixes the number of connections, that number (else -1). */
  record Rule(Connectivity connectivity, long count) {}

  static final List<String> RULES = List.of("all_to_all", "one_to_one", "fixed_probability", "fixed_fan_in", "explicit", "conv2d");

  Rule lower(Ast.Connect c, Population pre, Population post) {
    boolean same = pre.name().equals(post.name());
    int n = pre.size(), m = post.size();
    List<Ast.Arg> args = c.args();
    switch (c.rule()) {
      case "all_to_all" -> {
        Map<String, Ast.Ex> a = Args.bind("all_to_all", args, List.of("autapses"), 1, 0, c.ruleSpan(), ctx.diags);
        if (a == null) return null;
        Boolean aut = flag(a.get("autapses"));
        if (aut == null) return null;
        return new Rule(new Connectivity.AllToAll(aut), (long) n * m - (same && !aut ? n : 0));
      }
      case "one_to_one" -> {
        if (Args.bind("one_to_one", args, List.of(), 0, 0, c.ruleSpan(), ctx.diags) == null) return null;
        if (n != m) {
          ctx.diags.error(c.ruleSpan(), "one_to_one needs populations of the same size, but " + pre.name() + " has " + n
              + " and " + post.name() + " has " + m);
          return null;
        }
        return new Rule(new Connectivity.OneToOne(), n);
      }
      case "fixed_probability" -> {
        Map<String, Ast.Ex> a = Args.bind("fixed_probability", args, List.of("p", "autapses"), 2, 1, c.ruleSpan(), ctx.diags);
        if (a == null) return null;
        double p = ctx.values.constant(a.get("p"), Dimension.NONE, "the connection probability");
        Boolean aut = flag(a.get("autapses"));
        if (Double.isNaN(p) || aut == null) return null;
        if (p < 0 || p > 1) {
          ctx.diags.error(a.get("p").span(), "a probability must lie between 0 and 1");
          return null;
        }
        return new Rule(new Connectivity.FixedProbability(p, aut), -1);
      }
      case "fixed_fan_in" -> {
        Map<String, Ast.Ex> a = Args.bind("fixed_fan_in", args, List.of("k", "autapses"), 2, 1, c.ruleSpan(), ctx.diags);
        if (a == null) return null;
        Boolean aut = flag(a.get("autapses"));
        int k = whole(a.get("k"), "the fan-in k");
        if (aut == null || k < 0) return null;
        int available = n - (same && !aut ? 1 : 0);
        if (k > available && m > 0) {
          ctx.diags.error(a.get("k").span(), "fixed_fan_in(" + k + ") needs " + k + " distinct sources per target, but "
              + pre.name() + " offers only " + Math.max(available, 0));
          return null;
        }
        return new Rule(new Connectivity.FixedFanIn(k, aut), (long) k * m);
      }
      case "explicit" -> {
        Map<String, Ast.Ex> a = Args.bind("explicit", args, List.of("pre", "post"), 2, 2, c.ruleSpan(), ctx.diags);
        if (a == null) return null;
        int[] from = indices(a.get("pre"), n, pre.name()), to = indices(a.get("post"), m, post.name());
        if (from == null || to == null) return null;
        if (from.length != to.length) {
          ctx.diags.error(c.ruleSpan(), "explicit has " + from.length + " pre and " + to.length + " post indices",
              "the two lists pair up element by element");
          return null;
        }
        return new Rule(new Connectivity.Explicit(new Ints(from), new Ints(to)), from.length);
      }
      case "conv2d" -> {
        return conv2d(c, pre, post);
      }
      default -> {
        ctx.diags.error(c.ruleSpan(), "unknown connection rule " + c.rule(), Suggest.hint(c.rule(), RULES, "rules"));
        return null;
      }
    }
  }

  private Rule conv2d(Ast.Connect c, Population pre, Population post) {
    Map<String, Ast.Ex> a = Args.bind("conv2d", c.args(), List.of("in", "out_channels", "kernel", "stride", "padding"), 0, 3,
        c.ruleSpan(), ctx.diags);
    if (a == null) return null;
    int[] in = shape(a.get("in"), 2, 3, "in (height x width x channels)");
    int[] k = shape(a.get("kernel"), 1, 2, "kernel (height x width)");
    int oc = whole(a.get("out_channels"), "out_channels");
    int stride = a.containsKey("stride") ? whole(a.get("stride"), "stride") : 1;
    int pad = a.containsKey("padding") ? whole(a.get("padding"), "padding") : 0;
    if (in == null || k == null || oc < 0 || stride < 0 || pad < 0) return null;
    if (stride == 0 || oc == 0) {
      ctx.diags.error(c.ruleSpan(), "conv2d needs stride and out_channels of at least 1");
      return null;
    }
    int kh = k[0], kw = k.length > 1 ? k[1] : k[0];
    Connectivity.Conv2d conv = new Connectivity.Conv2d(in[0], in[1], in.length > 2 ? in[2] : 1, oc, kh, kw, stride, pad);
    if (kh > in[0] + 2 * pad || kw > in[1] + 2 * pad || conv.outHeight() < 1 || conv.outWidth() < 1) {
      ctx.diags.error(c.ruleSpan(), "the kernel " + kh + " x " + kw + " is larger than the padded input " + (in[0] + 2 * pad)
          + " x " + (in[1] + 2 * pad));
      return null;
    }
    long inSize = (long) conv.inHeight() * conv.inWidth() * conv.inChannels();
    long outSize = (long) oc * conv.outHeight() * conv.outWidth();
    boolean ok = true;
    if (inSize != pre.size()) {
      ctx.diags.error(a.get("in").span(), "conv2d reads " + conv.inHeight() + " x " + conv.inWidth() + " x "
          + conv.inChannels() + " = " + inSize + " inputs, but " + pre.name() + " has " + pre.size());
      ok = false;
    }
    if (outSize != post.size()) {
      ctx.diags.error(c.ruleSpan(), "conv2d writes " + conv.outHeight() + " x " + conv.outWidth() + " x " + oc + " = "
          + outSize + " outputs, but " + post.name() + " has " + post.size());
      ok = false;
    }
    return ok ? new Rule(conv, (long) oc * kh * kw * conv.inChannels()) : null;
  }

  private int[] shape(Ast.Ex e, int min, int max, String what) {
    int[] out;
    if (e instanceof Ast.Dims d) {
      out = new int[d.sizes().size()];
      for (int i = 0; i < out.length; i++) {
        double v = d.sizes().get(i);
        if (v != Math.rint(v) || v < 1 || v > 1 << 20) {
          ctx.diags.error(d.span(), what + " must be whole numbers of at least 1");
          return null;
        }
        out[i] = (int) v;
      }
    } else {
      int v = whole(e, what);
      if (v < 1) {
        if (v == 0) ctx.diags.error(e.span(), what + " must be at least 1");
        return null;
      }
      out = new int[] {v};
    }
    if (out.length < min || out.length > max) {
      ctx.diags.error(e.span(), what + " needs " + (min == max ? min : min + " or " + max) + " sizes, e.g. "
          + (max == 3 ? "28 x 28 x 1" : "3 x 3"));
      return null;
    }
    return out;
  }

  /** A whole non-negative number; -1 after reporting. */
  int whole(Ast.Ex e, String what) {
    double v = ctx.values.constant(e, Dimension.NONE, what);
    if (Double.isNaN(v)) return -1;
    if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE - 8) {
      ctx.diags.error(e.span(), what + " must be a whole number of at least 0");
      return -1;
    }
    return (int) v;
  }

  /** true/false (default true when absent); null after reporting. */
  private Boolean flag(Ast.Ex e) {
    if (e == null) return true;
    Typed t = ctx.typer.scalar(e, new Scope());
    if (t.isErr()) return null;
    if (t.ty().kind() != Ty.Kind.BOOL || !t.isConst()) {
      ctx.diags.error(e.span(), "autapses is true or false");
      return null;
    }
    return t.value() != 0;
  }

  private int[] indices(Ast.Ex e, int size, String pop) {
    Typed t = ctx.typer.value(e, new Scope());
    if (!ctx.typer.expect(t, Dimension.NONE, e, "a neuron index")) return null;
    double[] v = t.isList() ? t.vec() : t.isConst() ? new double[] {t.value()} : null;
    if (v == null) {
      ctx.diags.error(e.span(), "neuron indices must be constant whole numbers");
      return null;
    }
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= size) {
        ctx.diags.error(e.span(), "index " + Fmt.num(v[i]) + " is out of range: "
            + pop + " has " + size + " neurons (indices 0 to " + (size - 1) + ")");
        return null;
      }
      out[i] = (int) v[i];
    }
    return out;
  }
}
