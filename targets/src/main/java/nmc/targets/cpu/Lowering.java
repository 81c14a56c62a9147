package nmc.targets.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nmc.diag.UserError;
import nmc.ir.CurrentInput;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.AssignOp;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Port;
import nmc.ir.Decls.StateVar;
import nmc.ir.Dimension;
import nmc.ir.Eval;
import nmc.ir.Expr;
import nmc.ir.Ints;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.Symbolic;
import nmc.ir.SynapseModel;
import nmc.ir.Units;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import nmc.ir.build.Connections;
import nmc.ir.build.Materialize;
import nmc.ir.build.Rng;
import nmc.ir.build.Wiring;

/**
 * Lowers a network to C specialised for it, plus the arrays the host shares with the generated kernel.
 *
 * <p>Everything the reference target computes once in Java (materialised parameters and initial values, wiring,
 * hoisted subexpressions, exponential-Euler factors, delays in steps) is computed here the same way and handed
 * over as data or as exact literals; what the reference computes per step is written as C performing the same
 * operations in the same order. The step loop (common.md) runs inside one OpenMP parallel region: every
 * population and synapse frame is cut into per-thread slices by {@code nmc_part}; synapse tables are split per
 * thread by post neuron, keeping each row's order, so every neuron receives its inputs in the reference's order
 * whatever the thread count; spikes are merged, recorded and sent in one thread, in population order.
 */
public final class Lowering {
  /**
   * What the generated code computes in and how it evaluates transcendental functions; {@code cuda}: the same
   * lowering written as CUDA C (the cuda target): every function a device function, the slices' threads CUDA
   * threads of one cooperative grid, barriers grid syncs.
   */
  public record Options(boolean float32, boolean hostMath, int threads, boolean cuda, boolean parallelExchange) {
    public Options {
      if (parallelExchange && !cuda) throw new IllegalArgumentException("the parallel exchange is written for the cuda target");
    }

    public Options(boolean float32, boolean hostMath, int threads, boolean cuda) {
      this(float32, hostMath, threads, cuda, false);
    }

    public Options(boolean float32, boolean hostMath, int threads) {
      this(float32, hostMath, threads, false, false);
    }
  }

  final Network net;
  final Options opt;
  final double dt;
  final long steps;
  final long seed;
  final Buffer.Elem real;
  private final String rt;
  private final CExpr cx;

  final List<Buffer> buffers = new ArrayList<>();
  private final Map<String, String> fieldType = new HashMap<>();
  private final Set<String> idents = new HashSet<>();
  private final IdentityHashMap<Cx.Fixed, String> fixedFields = new IdentityHashMap<>();
  /** The permutation of the projection being lowered (connection-axis arrays are stored in split order). */
  private int[] currentPerm;
  private String currentOwner = "net";
  /** Bytes of per-connection arrays (weights, hoisted values) by owning projection. */
  private final Map<String, Long> connBytes = new HashMap<>();

  private final StringBuilder internals = new StringBuilder();
  private final StringBuilder alloc = new StringBuilder();
  private final StringBuilder free = new StringBuilder();
  /** Bytes of the kernel-owned arrays, a C expression in the thread count {@code nt} (the cuda host sizes the device heap by it). */
  private final StringBuilder scratchBytes = new StringBuilder("sizeof(nmc_sim)");
  private final StringBuilder funcs = new StringBuilder();

  final List<Pop> pops = new ArrayList<>();
  final Map<String, Pop> popByName = new LinkedHashMap<>();
  final List<Proj> projs = new ArrayList<>();
  final List<Input> inputs = new ArrayList<>();
  final List<SpikeRec> spikeRecs = new ArrayList<>();
  final List<TraceRec> traces = new ArrayList<>();
  final List<RateRec> rates = new ArrayList<>();
  /** Index of the int64 counters: spikes per population, events per projection, spike records pending. */
  int ctlSpikes, ctlEvents, ctlRecords, ctlStride, ctlBins, ctlLength;
  String source;

  /** The generated source (C, or CUDA C with {@link Options#cuda}). */
  public String source() {
    return source;
  }

  /** Number of buffers the host shares with the kernel (in the order of the generated struct). */
  public int bufferCount() {
    return buffers.size();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // model of the network

  enum Kind { NEURONS, POISSON, TIMES }

  /** A population: its C prefix, arrays and compiled dynamics. */
  final class Pop {
    final Population ir;
    final String name;
    final int size;
    final int index;
    final String id;
    final Kind kind;
    NeuronModel model;
    Map<String, double[]> params;
    final Map<String, String> stateField = new LinkedHashMap<>();
    final Map<String, String> portField = new LinkedHashMap<>();
    final List<Proj> outgoing = new ArrayList<>();
    final List<Proj> incoming = new ArrayList<>();
    final List<Input> drives = new ArrayList<>();
    String spk, cnt, refr, was;
    SpikeRec rec;
    /** Spike-times sources: the exchange code that emits this step's events. */
    String timesCode;
    final List<RateRec> rateProbes = new ArrayList<>();

    Pop(Population ir, int index, Kind kind) {
      this.ir = ir;
      this.name = ir.name();
      this.size = ir.size();
      this.index = index;
      this.kind = kind;
      this.id = ident(name);
    }

    boolean spikes() {
      return kind != Kind.NEURONS || model.spike() != null;
    }

    /** A leaf for {@code name} seen along {@code axis}: parameter, state variable, port, t or dt. */
    Cx resolve(String n, int axis) {
      if (kind != Kind.NEURONS) return null;
      String f = stateField.get(n);
      if (f == null) f = portField.get(n);
      if (f != null) return new Cx.Lane(f, axis);
      double[] p = params.get(n);
      if (p != null) return CxCompiler.uniformOrFixed(p, axis, name + "." + n);
      return switch (n) {
        case "t" -> new Cx.Time();
        case "dt" -> new Cx.Const(dt);
        default -> null;
      };
    }
  }

  /** A projection: split synapse table, ring, synapse state and compiled effects. */
  final class Proj {
    final Projection ir;
    final SynapseModel model;
    final Pop pre, post;
    final String id;
    final int index;
    int count;
    int uniformDelay = -1;
    int ringLength;
    String postField, splitField, preField, delayField, ring, ringN, ringV;
    int[] perm;
    final Map<String, String> postState = new LinkedHashMap<>(), preState = new LinkedHashMap<>();
    final List<OdeC> postOdes = new ArrayList<>(), preOdes = new ArrayList<>();
    IntegrationMethod method;
    /** Fast arrival effects: target field and a number or a per-connection array (already scaled). */
    final List<String> fastTarget = new ArrayList<>();
    final List<Cx> fastValue = new ArrayList<>();
    /** General arrival effects, applied in order per connection. */
    final List<String> genTarget = new ArrayList<>();
    final List<AssignOp> genOp = new ArrayList<>();
    final List<Cx> genValue = new ArrayList<>();
    final List<String> emitTarget = new ArrayList<>();
    final List<AssignOp> emitOp = new ArrayList<>();
    final List<Cx> emitValue = new ArrayList<>();
    Cx currentPost, currentConn;
    String portField;
    long tableBytes;

    /** Bytes the synapse table takes in native memory: split rows, post indices, per-connection arrays. */
    long synapseBytes() {
      return tableBytes + connBytes.getOrDefault(id, 0L);
    }

    Proj(Projection ir, SynapseModel model, Pop pre, Pop post, int index) {
      this.ir = ir;
      this.model = model;
      this.pre = pre;
      this.post = post;
      this.index = index;
      this.id = ident(ir.name());
    }

    boolean delivers() {
      return !fastTarget.isEmpty() || !genTarget.isEmpty();
    }

    boolean serialDelivery() {
      return !genTarget.isEmpty();
    }
  }

  /** One ODE of a frame: plain right-hand side, or the a + b x split for exponential Euler. */
  record OdeC(String var, String field, boolean held, Cx rhs, Cx a, Cx b, String text) {}

  /** An injected current. */
  record Input(CurrentInput ir, Pop pop, String port, boolean ramp, double start, double stop, Cx from, Cx to) {}

  record SpikeRec(Pop pop, int slot, String idx, String step, long capacity) {}

  record TraceRec(Probe probe, Pop pop, String variable, String unit, int[] indices, String field, String idxField) {}

  record RateRec(Probe probe, Pop pop, double bin, int bins, String field) {}

  // ---------------------------------------------------------------------------------------------------------------

  public Lowering(Network net, Options opt) {
    this.net = net;
    this.opt = opt;
    dt = net.run().dt();
    steps = net.run().steps();
    seed = net.run().seed();
    real = opt.float32() ? Buffer.Elem.F32 : Buffer.Elem.F64;
    rt = real.c;
    cx = new CExpr(opt.float32(), this::fixedField);
    if (opt.cuda() && opt.hostMath()) throw new IllegalArgumentException("CUDA code cannot call back into Java's Math");
    if (steps >= Integer.MAX_VALUE) {
      throw CxCompiler.error(Span.NONE, "the cpu target runs at most " + (Integer.MAX_VALUE - 1) + " steps, this run has " + steps,
          "run it in parts, or with a larger dt");
    }
    for (Population p : net.populations()) buildPopulation(p);
    for (Projection pr : net.projections()) buildProjection(pr);
    for (CurrentInput ci : net.currents()) buildInput(ci);
    buildProbes();
    ctlSpikes = 0;
    ctlEvents = pops.size();
    ctlRecords = ctlEvents + projs.size();
    ctlStride = ctlRecords + spikeRecs.size();
    ctlBins = ctlStride + 1;
    ctlLength = ctlBins + rates.size();
    // the run's length is data, not code (another --duration reuses the kernel): trace rows and rate bins
    long[] ctl = new long[ctlLength];
    ctl[ctlStride] = steps + 1;
    for (int r = 0; r < rates.size(); r++) ctl[ctlBins + r] = rates.get(r).bins();
    addBuffer("ctl", Buffer.Elem.I64, ctlLength, "counters: spikes per population, events per projection, pending spike records;"
        + " then steps + 1, and the bins of each rate probe", Buffer.longs(ctl));
    generate();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // names and buffers

  /** A fresh C identifier made from {@code base}. */
  private String ident(String base) {
    String s = base.replaceAll("[^A-Za-z0-9_]", "_");
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) s = "x" + s;
    String id = s;
    for (int k = 2; !idents.add(id); k++) id = s + "_" + k;
    return id;
  }

  private String addBuffer(String base, Buffer.Elem elem, long length, String comment, Buffer.Fill fill) {
    String f = ident(base);
    buffers.add(new Buffer(f, elem, length, comment, fill));
    fieldType.put(f, elem.c);
    return f;
  }

  /** A kernel-owned array (scratch the host never reads): a struct field, calloc'ed in nmc_create. */
  private String addInternal(String base, String ctype, String length, String comment) {
    String f = ident(base);
    fieldType.put(f, ctype);
    internals.append("  ").append(ctype).append(" *").append(f).append("; /* ").append(comment).append(" */\n");
    alloc.append("  s->").append(f).append(" = (").append(ctype).append(" *) calloc((size_t) (").append(length).append("), sizeof(")
        .append(ctype).append("));\n  if (s->").append(f).append(" == NULL) { nmc_destroy(s); return NULL; }\n");
    free.append("  free(s->").append(f).append(");\n");
    scratchBytes.append(" + (size_t) (").append(length.replace("s->nt", "(nt)")).append(") * sizeof(").append(ctype).append(")");
    return f;
  }

  private String fixedField(Cx.Fixed f) {
    return fixedFields.computeIfAbsent(f, x -> {
      int[] perm = x.axis == Cx.CONN ? currentPerm : null;
      if (x.axis == Cx.CONN) connBytes.merge(currentOwner, (long) real.bytes * x.values.length, Long::sum);
      if (x.axis == Cx.CONN && perm == null && x.values.length > 0 && needsPerm()) throw new IllegalStateException("connection array outside a projection");
      return addBuffer(currentOwner + "_" + (x.axis == Cx.CONN ? "w" : "k"), real, x.values.length, x.what, Buffer.reals(x.values, real, perm));
    });
  }

  private boolean needsPerm() {
    return opt.threads() > 1;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // populations

  private void buildPopulation(Population p) {
    switch (p.kind()) {
      case Population.Neurons n -> {
        NeuronModel model = net.neuronModel(n.model()).orElseThrow(() -> CxCompiler.error(p.span(),
            "population " + p.name() + " uses neuron model '" + n.model() + "', which is not defined", ""));
        Pop g = new Pop(p, pops.size(), Kind.NEURONS);
        g.model = model;
        Materialize.NeuronValues values = Materialize.neurons(p, model, seed, dt);
        g.params = values.parameters();
        currentOwner = g.id;
        for (StateVar s : model.state()) {
          g.stateField.put(s.name(), addBuffer(g.id + "_" + s.name(), real, p.size(), "state " + s.name() + " of " + p.name(),
              Buffer.reals(values.state().get(s.name()), real, null)));
        }
        for (Port port : model.ports()) {
          g.portField.put(port.name(), addBuffer(g.id + "_" + port.name(), real, p.size(), "input port " + port.name() + " of " + p.name(), null));
        }
        add(g);
      }
      case Population.Poisson ps -> add(new Pop(p, pops.size(), Kind.POISSON));
      case Population.SpikeTimes st -> {
        if (st.times().size() != p.size()) {
          throw CxCompiler.error(p.span(), "spike source " + p.name() + " has " + p.size() + " sources but " + st.times().size() + " lists of times",
              "give one list of spike times per source");
        }
        add(new Pop(p, pops.size(), Kind.TIMES));
      }
    }
  }

  private void add(Pop g) {
    pops.add(g);
    popByName.put(g.name, g);
    g.spk = addInternal(g.id + "_spk", "int32_t", Math.max(1, g.size) + "", "indices of " + g.name + " that spiked in this step");
    g.cnt = addInternal(g.id + "_cnt", "int32_t", "s->nt", "spikes found by each thread, at the start of its slice of " + g.id + "_spk");
  }

  private Pop pop(String name, Span span, String what) {
    Pop g = popByName.get(name);
    if (g == null) throw CxCompiler.error(span, what + " names population '" + name + "', which does not exist", "");
    return g;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // projections

  static final SynapseModel DELTA = new SynapseModel("Delta", List.of(), Dimension.NONE, "1", List.of(), List.of(), List.of(),
      List.of(new Assign("target", AssignOp.ADD, new Expr.Ref("w"))), null, null, IntegrationMethod.EULER, Span.NONE);

  private SynapseModel synapseModel(Projection pr) {
    if (pr.synapse() == null) return DELTA;
    return net.synapseModel(pr.synapse()).orElseGet(() -> {
      if (pr.synapse().equals("Delta")) return DELTA;
      throw CxCompiler.error(pr.span(), "projection " + pr.name() + " uses synapse model '" + pr.synapse() + "', which is not defined", "");
    });
  }

  private void buildProjection(Projection pr) {
    Pop pre = pop(pr.pre(), pr.span(), "projection " + pr.name());
    Pop post = pop(pr.post(), pr.span(), "projection " + pr.name());
    if (post.kind != Kind.NEURONS) {
      throw CxCompiler.error(pr.span(), "projection " + pr.name() + " targets spike source " + pr.post(), "a projection must end on neurons");
    }
    SynapseModel model = synapseModel(pr);
    Proj j = new Proj(pr, model, pre, post, projs.size());
    projs.add(j);
    pre.outgoing.add(j);
    post.incoming.add(j);
    currentOwner = j.id;
    Connections c = Wiring.connect(pr, pre.size, post.size, pr.pre().equals(pr.post()), seed);
    j.count = c.count();
    split(j, c);
    currentPerm = j.perm;
    try {
      lowerSynapse(j, c);
    } finally {
      currentPerm = null;
    }
  }

  /**
   * Builds the synapse table split by thread: row j's connections to the posts of thread t are
   * {@code split[j*nt + t] .. split[j*nt + t + 1]}, in canonical order within each part (a stable partition), so
   * each post neuron still receives in canonical order. With one thread this is the canonical CSR itself.
   */
  private void split(Proj j, Connections c) {
    int nt = opt.threads();
    int pre = j.pre.size, n = c.count();
    int[] rowStart = c.rowStart(), post = c.post();
    long entries = (long) pre * nt + 1;
    if (entries > Integer.MAX_VALUE - 8) {
      throw UserError.of("the synapse table of projection " + j.ir.name() + " split for " + nt + " threads would have " + entries
          + " entries (one per source and thread), more than one array holds", "use --threads " + ((Integer.MAX_VALUE - 9) / pre) + " or fewer");
    }
    int[] split = new int[(int) entries];
    int[] perm = null;
    if (nt == 1) {
      System.arraycopy(rowStart, 0, split, 0, pre + 1);
    } else {
      int[] owner = new int[j.post.size];
      for (int t = 0; t < nt; t++) {
        int[] r = part(j.post.size, nt, t);
        for (int i = r[0]; i < r[1]; i++) owner[i] = t;
      }
      perm = new int[n];
      int[] fill = new int[nt];
      for (int r = 0; r < pre; r++) {
        java.util.Arrays.fill(fill, 0);
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) fill[owner[post[k]]]++;
        int at = rowStart[r];
        for (int t = 0; t < nt; t++) {
          split[r * nt + t] = at;
          int next = at + fill[t];
          fill[t] = at;
          at = next;
        }
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) perm[fill[owner[post[k]]]++] = k;
      }
      split[pre * nt] = n;
    }
    j.perm = perm;
    final int[] pm = perm;
    j.splitField = addBuffer(j.id + "_split", Buffer.Elem.I32, split.length, "row j, thread t: connections split[j*nt+t] .. split[j*nt+t+1]",
        Buffer.ints(split));
    j.postField = addBuffer(j.id + "_post", Buffer.Elem.I32, n, "post neuron of each connection", pm == null ? Buffer.ints(post) : seg -> {
      for (int m = 0; m < pm.length; m++) seg.setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, m, post[pm[m]]);
    });
    j.tableBytes = 4L * split.length + 4L * n;
  }

  /** [lo, hi) of thread t's slice of n elements: the C function nmc_part. */
  static int[] part(int n, int nt, int t) {
    int lo = (int) (((long) n * t / nt) & ~7L);
    int hi = t == nt - 1 ? n : (int) (((long) n * (t + 1) / nt) & ~7L);
    return new int[] {lo, hi};
  }

  private int[] permuted(int[] a, int[] perm) {
    if (perm == null) return a;
    int[] out = new int[perm.length];
    for (int m = 0; m < perm.length; m++) out[m] = a[perm[m]];
    return out;
  }

  private void lowerSynapse(Proj j, Connections c) {
    SynapseModel model = j.model;
    Projection pr = j.ir;
    Span span = pr.span();
    String what = "synapse " + model.name() + " of projection " + pr.name();
    Pop pre = j.pre, post = j.post;

    // delays in steps, as the reference: one number when every connection agrees
    int[] steps = c.delaySteps(dt);
    int maxDelay = 0;
    boolean uniform = true;
    for (int s : steps) {
      maxDelay = Math.max(maxDelay, s);
      uniform &= s == steps[0];
    }
    j.uniformDelay = uniform ? (steps.length == 0 ? 0 : steps[0]) : -1;
    j.ringLength = maxDelay + 2;
    if (!uniform) {
      int[] d = permuted(steps, j.perm);
      j.delayField = addBuffer(j.id + "_delay", Buffer.Elem.I32, d.length, "delay of each connection in steps", Buffer.ints(d));
      j.tableBytes += 4L * d.length;
    }

    // synapse parameters: one number each
    Map<String, Double> params = Materialize.synapseParameters(pr, model, dt);

    for (StateVar s : model.postState()) {
      j.postState.put(s.name(), addBuffer(j.id + "_" + s.name(), real, post.size, "synapse state " + s.name() + " per post neuron",
          Buffer.reals(filled(post.size, initial(s, params, span)), real, null)));
    }
    for (StateVar s : model.preState()) {
      j.preState.put(s.name(), addBuffer(j.id + "_" + s.name(), real, pre.size, "synapse state " + s.name() + " per pre neuron",
          Buffer.reals(filled(pre.size, initial(s, params, span)), real, null)));
    }
    double[] w = c.weight();
    Cx weightLeaf = CxCompiler.uniformOrFixed(w, Cx.CONN, "weight of " + pr.name());
    Function<String, Cx> scope = name -> {
      if (name.equals("w")) return weightLeaf;
      Double p = params.get(name);
      if (p != null) return new Cx.Const(p);
      String f = j.postState.get(name);
      if (f != null) return new Cx.Lane(f, Cx.POST);
      f = j.preState.get(name);
      if (f != null) return new Cx.Lane(f, Cx.PRE);
      if (name.startsWith("post.")) return post.resolve(name.substring(5), Cx.POST);
      if (name.startsWith("pre.")) return pre.resolve(name.substring(4), Cx.PRE);
      return switch (name) {
        case "t" -> new Cx.Time();
        case "dt" -> new Cx.Const(dt);
        default -> null;
      };
    };
    int[] lengths = {post.size, pre.size, c.count()};
    j.method = methodOr(model.method(), model.odes());

    List<Ode> postEq = new ArrayList<>(), preEq = new ArrayList<>();
    for (Ode ode : model.odes()) {
      if (j.postState.containsKey(ode.variable())) postEq.add(ode);
      else if (j.preState.containsKey(ode.variable())) preEq.add(ode);
      else throw CxCompiler.error(span, what + " has an equation for '" + ode.variable() + "', which is not one of its state variables", "");
    }
    CxCompiler eq = new CxCompiler(scope, lengths, span, "the equations of " + what);
    j.postOdes.addAll(odes(postEq, j.method, j.postState, checking(eq, Cx.POST, span, what), span, what));
    j.preOdes.addAll(odes(preEq, j.method, j.preState, checking(eq, Cx.PRE, span, what), span, what));

    CxCompiler element = new CxCompiler(scope, lengths, span, "the on-spike block of " + what);
    List<Assign> arrive = new ArrayList<>();
    for (Assign a : model.onPre()) {
      if (j.preState.containsKey(a.target())) {
        Cx v = element.compile(a.value());
        if ((v.axes() & ~(1 << Cx.PRE)) != 0) {
          throw CxCompiler.error(span, what + " assigns pre-state " + a.target() + " from per-connection or post values",
              "a pre-state variable changes once per source spike; it may use pre-state, pre.X and parameters");
        }
        j.emitTarget.add(j.preState.get(a.target()));
        j.emitOp.add(a.op());
        j.emitValue.add(v);
      } else {
        arrive.add(a);
      }
    }
    List<String> targets = new ArrayList<>();
    List<Cx> coefficient = new ArrayList<>();
    boolean allFast = true;
    for (Assign a : arrive) {
      if (a.op() != AssignOp.ADD && a.op() != AssignOp.SUB) {
        throw CxCompiler.error(span, what + " uses '" + a.target() + " " + a.op().text + " ...' when a spike arrives",
            "effects of arriving spikes must be += or -= of an expression proportional to w, so they add up over connections");
      }
      String target = a.target();
      String field = j.postState.get(target);
      if (field == null) {
        String var = target.equals("target") ? pr.port() : target.startsWith("post.") ? target.substring(5) : null;
        field = var == null ? null : post.stateField.get(var);
        if (field == null) {
          throw CxCompiler.error(span, what + " assigns '" + target + (target.equals("target") ? "' (= " + post.name + "." + pr.port() + ")" : "'")
              + ", which is not a state variable it can change",
              target.equals("target") ? "a spike can jump a state variable of " + post.model.name() + ", not an input port; name a state variable or give the synapse a current"
                  : "on-spike effects may change the synapse's state, post.X (a state variable) or target");
        }
      }
      targets.add(field);
      Expr[] ab = Symbolic.splitLinear(a.value(), "w");
      Cx k = null;
      if (ab != null && Symbolic.simplify(ab[0]) instanceof Expr.Num z && z.value() == 0) k = element.compile(ab[1]);
      coefficient.add(k);
      if (!(k instanceof Cx.Const)) allFast = false;
    }
    if (allFast) {
      for (int e = 0; e < arrive.size(); e++) {
        double scale = ((Cx.Const) coefficient.get(e)).value() * (arrive.get(e).op() == AssignOp.SUB ? -1 : 1);
        j.fastTarget.add(targets.get(e));
        if (weightLeaf instanceof Cx.Const wc) {
          j.fastValue.add(new Cx.Const(wc.value() * scale));
        } else {
          double[] fw = new double[w.length];
          for (int k = 0; k < w.length; k++) fw[k] = w[k] * scale;
          Cx.Fixed f = new Cx.Fixed(fw, Cx.CONN, "weight of " + pr.name() + (scale == 1 ? "" : " times " + scale));
          fixedField(f);
          j.fastValue.add(f);
        }
      }
    } else {
      for (int e = 0; e < arrive.size(); e++) {
        j.genTarget.add(targets.get(e));
        j.genOp.add(arrive.get(e).op());
        j.genValue.add(element.compile(arrive.get(e).value()));
      }
      if (j.uniformDelay < 0) {
        j.preField = addBuffer(j.id + "_pre", Buffer.Elem.I32, c.count(), "pre neuron of each connection", Buffer.ints(permuted(c.pre(), j.perm)));
        j.tableBytes += 4L * c.count();
      }
    }

    if (model.current() != null) {
      String ps = post.portField.get(pr.port());
      if (ps == null) {
        throw CxCompiler.error(span, what + " has a current but " + post.name + "." + pr.port() + " is not an input port of " + post.model.name(),
            "a synaptic current flows into a port; spikes that jump a state variable need no current");
      }
      j.portField = ps;
      Cx cur = new CxCompiler(scope, lengths, span, "the current of " + what).compile(model.current());
      if ((cur.axes() & ~(1 << Cx.POST)) == 0) j.currentPost = cur;
      else j.currentConn = cur;
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private double initial(StateVar s, Map<String, Double> params, Span span) {
    return Eval.eval(s.initial(), name -> {
      if (name.equals("dt")) return dt;
      Double d = params.get(name);
      if (d == null) throw CxCompiler.error(span, "the initial value of synapse variable " + s.name() + " uses '" + name + "'",
          "synapse state starts from numbers and synapse parameters");
      return d;
    });
  }

  private static Function<Expr, Cx> checking(CxCompiler c, int axis, Span span, String what) {
    return e -> {
      Cx v = c.compile(e);
      if ((v.axes() & ~(1 << axis)) != 0) {
        throw CxCompiler.error(span, "an equation of " + what + " mixes " + (axis == Cx.POST ? "post-state with pre or per-connection values"
            : "pre-state with post or per-connection values"), "post-state equations may use post-state, post.X and parameters; pre-state ones pre-state, pre.X and parameters");
      }
      return v;
    };
  }

  /** The declared method; when none is declared, exponential Euler if every equation allows it, else RK4. */
  static IntegrationMethod methodOr(IntegrationMethod declared, List<Ode> odes) {
    if (declared != null) return declared;
    for (Ode o : odes) if (!Symbolic.isLinearIn(o.rhs(), o.variable())) return IntegrationMethod.RK4;
    return IntegrationMethod.EXPONENTIAL_EULER;
  }

  private List<OdeC> odes(List<Ode> odes, IntegrationMethod method, Map<String, String> fields, Function<Expr, Cx> compiler, Span span, String owner) {
    List<OdeC> out = new ArrayList<>();
    for (Ode ode : odes) {
      String f = fields.get(ode.variable());
      if (f == null) throw CxCompiler.error(span, owner + " has an equation for '" + ode.variable() + "', which is not one of its state variables",
          "declare " + ode.variable() + " in the state block");
      String text = "d" + ode.variable() + "/dt = " + ode.rhs().toText();
      if (method == IntegrationMethod.EXPONENTIAL_EULER) {
        Expr[] ab = Symbolic.splitLinear(ode.rhs(), ode.variable());
        if (ab == null) {
          throw CxCompiler.error(span, owner + " integrates d" + ode.variable() + "/dt = " + ode.rhs().toText()
              + " with exponential_euler, but the right-hand side is not linear in " + ode.variable(), "use method rk4 or euler for this model");
        }
        out.add(new OdeC(ode.variable(), f, ode.unlessRefractory(), null, compiler.apply(ab[0]), compiler.apply(ab[1]), text));
      } else {
        out.add(new OdeC(ode.variable(), f, ode.unlessRefractory(), compiler.apply(ode.rhs()), null, null, text));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // inputs and probes

  private void buildInput(CurrentInput in) {
    Pop g = popByName.get(in.population());
    if (g == null || g.kind != Kind.NEURONS) {
      throw CxCompiler.error(in.span(), "current " + in.name() + " drives '" + in.population() + "', which is not a population of neurons", "");
    }
    String port = g.portField.get(in.port());
    if (port == null) {
      throw CxCompiler.error(in.span(), "current " + in.name() + " drives " + g.name + "." + in.port() + ", which is not an input port of "
          + g.model.name(), "inputs flow into ports; ports of " + g.model.name() + ": " + String.join(", ", g.portField.keySet()));
    }
    ValueSpec a, b;
    double start, stop;
    boolean ramp;
    switch (in.waveform()) {
      case CurrentInput.Step st -> { a = st.amplitude(); b = st.amplitude(); start = st.start(); stop = st.stop(); ramp = false; }
      case CurrentInput.Ramp r -> { a = r.from(); b = r.to(); start = r.start(); stop = r.stop(); ramp = true; }
    }
    String what = "the amplitude of current " + in.name();
    currentOwner = ident(in.name());
    Double fromScalar = Materialize.uniformValue(a), toScalar = Materialize.uniformValue(b);
    Cx from = fromScalar != null ? new Cx.Const(fromScalar)
        : new Cx.Fixed(Materialize.values(a, g.size, seed, "input/" + in.name(), in.span(), what), Cx.POST, what);
    Cx to = !ramp ? from : toScalar != null ? new Cx.Const(toScalar)
        : new Cx.Fixed(Materialize.values(b, g.size, seed, "input/" + in.name() + "/to", in.span(), what), Cx.POST, what);
    if (from instanceof Cx.Fixed f) fixedField(f);
    if (to instanceof Cx.Fixed f) fixedField(f);
    Input input = new Input(in, g, port, ramp, start, stop, from, to);
    inputs.add(input);
    g.drives.add(input);
  }

  private void buildProbes() {
    for (Probe p : net.probes()) {
      Pop g = popByName.get(p.population());
      if (g == null) throw CxCompiler.error(p.span(), "probe " + p.name() + " names population '" + p.population() + "', which does not exist", "");
      int[] idx = indices(p, g);
      switch (p.kind()) {
        case SPIKES -> {
          if (g.rec == null) {
            long cap = Math.max(65536L, 4L * g.size);
            g.rec = new SpikeRec(g, spikeRecs.size(), addBuffer(g.id + "_rec_idx", Buffer.Elem.I32, cap, "recorded spikes: neuron", null),
                addBuffer(g.id + "_rec_step", Buffer.Elem.I32, cap, "recorded spikes: step", null), cap);
            spikeRecs.add(g.rec);
          }
        }
        case STATE -> {
          if (g.kind != Kind.NEURONS) throw CxCompiler.error(p.span(), "probe " + p.name() + " records " + p.variable() + " of spike source " + g.name,
              "spike sources have no state; probe their spikes");
          String field = g.stateField.get(p.variable());
          String unit;
          if (field != null) unit = g.model.stateVar(p.variable()).map(v -> displayUnit(v.unit(), v.dim())).orElseThrow();
          else if ((field = g.portField.get(p.variable())) != null) unit = g.model.port(p.variable()).map(v -> displayUnit(v.unit(), v.dim())).orElseThrow();
          else throw CxCompiler.error(p.span(), "probe " + p.name() + " records '" + p.variable() + "', which is not a state variable or port of "
              + g.model.name(), "state variables of " + g.model.name() + ": " + String.join(", ", g.stateField.keySet()));
          if (idx == null) {
            idx = new int[g.size];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
          }
          String id = ident("trace_" + p.name());
          int[] ix = idx;
          String buf = addBuffer(id, real, (long) idx.length * (steps + 1), "probe " + p.name() + ": " + p.variable() + " of " + idx.length
              + " neurons, one row of steps + 1 values each", null);
          String idxField = addBuffer(id + "_idx", Buffer.Elem.I32, idx.length, "neurons recorded by probe " + p.name(), Buffer.ints(ix));
          traces.add(new TraceRec(p, g, p.variable(), unit, idx, buf, idxField));
          traceSource.put(buf, field);
        }
        case RATE -> {
          if (!(p.bin() > 0)) throw CxCompiler.error(p.span(), "rate probe " + p.name() + " has bin " + p.bin() + " s", "give a positive bin width");
          int bins = (int) Math.max(1, Math.ceil(steps * dt / p.bin() - 1e-9));
          RateRec r = new RateRec(p, g, p.bin(), bins, addBuffer(ident("rate_" + p.name()), Buffer.Elem.I64, bins, "probe " + p.name() + ": spikes per bin", null));
          rates.add(r);
          g.rateProbes.add(r);
        }
      }
    }
  }

  private final Map<String, String> traceSource = new HashMap<>();

  private static int[] indices(Probe p, Pop g) {
    Ints ix = p.indices();
    if (ix == null || ix.isEmpty()) return null;
    int[] idx = ix.values();
    for (int i : idx) {
      if (i < 0 || i >= g.size) throw CxCompiler.error(p.span(), "probe " + p.name() + " asks for neuron " + i + " of " + g.name + ", which has " + g.size,
          "indices start at 0");
    }
    return idx;
  }

  private static String displayUnit(String declared, Dimension dim) {
    return declared == null || declared.isBlank() ? Units.describe(dim) : declared;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // code generation

  private void generate() {
    for (Proj j : projs) {
      currentPerm = j.perm;
      currentOwner = j.id;
      writeProjection(j);
    }
    currentPerm = null;
    for (Pop g : pops) {
      currentOwner = g.id;
      if (g.kind == Kind.NEURONS) writeNeurons(g);
      else if (g.kind == Kind.POISSON) writePoisson(g);
      else writeSpikeTimes(g);
    }
    writePorts();
    String exchange = writeExchange();
    String begin = writeBegin();
    String loop = writeLoop();

    StringBuilder s = new StringBuilder();
    s.append("/*\n * Generated by nmc (").append(opt.cuda() ? "cuda" : "cpu").append(" target) for network '").append(net.name()).append("'.\n")
        .append(" * ").append(pops.size()).append(" populations, ").append(projs.size()).append(" projections; dt = ").append(dt)
        .append(" s; ").append(opt.float32() ? "float32" : "float64").append(", transcendental functions from ")
        .append(opt.hostMath() ? "the host (Java's Math, as the reference target)" : "the C library").append(".\n")
        .append(" * Compile with -ffp-contract=off and without -ffast-math: the operations and their order are those of the\n")
        .append(" * reference target, so float64 results agree bit for bit.\n */\n");
    String common = resource("nmc_common.h");
    if (opt.cuda()) s.append(resource("/nmc/targets/cuda/nmc_runtime_cuda.h").replace("#include \"nmc_common.h\"\n", common)).append('\n');
    else s.append(resource("nmc_kernel.h")).append('\n').append(resource("nmc_runtime.h").replace("#include \"nmc_common.h\"\n", common)).append('\n');
    s.append("typedef ").append(rt).append(" real;\n");
    s.append("#define DT ").append(cx.lit(dt)).append("\n\n");
    String[] fns = {"EXP", "LOG", "LOG10", "SIN", "COS", "TAN", "TANH", "SINH", "COSH", "ATAN", "EXPM1"};
    for (int k = 0; k < fns.length; k++) {
      String c = fns[k].toLowerCase(java.util.Locale.ROOT);
      if (opt.float32()) s.append("#define NMC_").append(fns[k]).append("(x) ").append(c).append("f(x)\n");
      else if (opt.hostMath()) s.append("#define NMC_").append(fns[k]).append("(x) (s->math[").append(k).append("](x))\n");
      else s.append("#define NMC_").append(fns[k]).append("(x) ").append(c).append("(x)\n");
    }
    if (opt.float32()) s.append("#define NMC_POW(x, y) powf(x, y)\n\n");
    else if (opt.hostMath()) s.append("#define NMC_POW(x, y) (s->pow(x, y))\n\n");
    else s.append("#define NMC_POW(x, y) pow(x, y)\n\n");

    s.append("typedef struct {\n  int32_t nt;       /* threads */\n  uint64_t seed;\n  nmc_fn1 math[11];\n  nmc_fn2 pow;\n")
        .append("  int64_t stop;     /* the step the current call ends at */\n  int32_t failed;\n  nmc_barrier bar;\n");
    s.append("  /* shared with the host, in the order of the buffer table */\n");
    for (Buffer b : buffers) s.append("  ").append(b.elem().c).append(" *").append(b.field()).append("; /* ").append(b.comment().replace("*/", "* /")).append(" */\n");
    s.append("  /* the kernel's own */\n").append(internals);
    s.append("} nmc_sim;\n\n");
    if (opt.cuda()) {
      writeCudaEntries(s, exchange, begin, loop);
      return;
    }
    s.append("int32_t nmc_abi(void) { return NMC_KERNEL_ABI; }\n");
    s.append("int32_t nmc_buffer_count(void) { return ").append(buffers.size()).append("; }\n\n");
    s.append("void nmc_destroy(void *sp) {\n  nmc_sim *s = (nmc_sim *) sp;\n  if (s == NULL) return;\n").append(free).append("  free(s);\n}\n\n");
    s.append("void *nmc_create(void *const *buffers, int32_t count, int32_t threads, uint64_t seed, void *const *math) {\n")
        .append("  if (count != ").append(buffers.size()).append(" || threads < 1) return NULL;\n")
        .append("  /* aligned: the barrier's counters sit on cache lines of their own */\n")
        .append("  nmc_sim *s = (nmc_sim *) aligned_alloc(64, (sizeof(nmc_sim) + 63) / 64 * 64);\n  if (s == NULL) return NULL;\n")
        .append("  memset(s, 0, sizeof(nmc_sim));\n")
        .append("  s->nt = threads;\n  s->seed = seed;\n");
    String[] libm = {"exp", "log", "log10", "sin", "cos", "tan", "tanh", "sinh", "cosh", "atan", "expm1"};
    for (int k = 0; k < libm.length; k++) {
      s.append("  s->math[").append(k).append("] = math != NULL && math[").append(k).append("] != NULL ? (nmc_fn1) math[").append(k)
          .append("] : ").append(libm[k]).append(";\n");
    }
    s.append("  s->pow = math != NULL && math[11] != NULL ? (nmc_fn2) math[11] : pow;\n");
    for (int b = 0; b < buffers.size(); b++) {
      Buffer buf = buffers.get(b);
      s.append("  s->").append(buf.field()).append(" = (").append(buf.elem().c).append(" *) buffers[").append(b).append("];\n");
    }
    s.append(alloc);
    s.append("#ifdef _OPENMP\n  omp_set_dynamic(0);\n#else\n  if (threads != 1) { nmc_destroy(s); return NULL; }\n#endif\n");
    s.append("  return s;\n}\n\n");
    s.append(funcs).append(exchange).append(begin).append(loop);
    source = s.toString();
  }

  /**
   * The CUDA entry points: creation and destruction in one device thread (kernel-owned scratch comes from the
   * device heap), and the step loop as a cooperative kernel whose threads are the slices' threads. The phase
   * functions are the cpu target's, as device functions.
   */
  private void writeCudaEntries(StringBuilder s, String exchange, String begin, String loop) {
    s.append("static __device__ void nmc_free(nmc_sim *s) {\n  if (s == NULL) return;\n").append(free).append("  free(s);\n}\n\n");
    s.append("extern \"C\" __global__ void nmc_dev_destroy(nmc_sim *s) {\n  nmc_free(s);\n}\n\n");
    s.append("/* One thread: the simulation over the host's device buffers, written to *out (NULL when the device heap is short). */\n")
        .append("extern \"C\" __global__ void nmc_dev_create(void *const *buffers, int32_t count, int32_t threads, uint64_t seed, nmc_sim **out) {\n")
        .append("  *out = NULL;\n  if (count != ").append(buffers.size()).append(" || threads < 1) return;\n")
        .append("  nmc_sim *s = (nmc_sim *) malloc(sizeof(nmc_sim));\n  if (s == NULL) return;\n")
        .append("  memset(s, 0, sizeof(nmc_sim));\n  s->nt = threads;\n  s->seed = seed;\n");
    for (int b = 0; b < buffers.size(); b++) {
      Buffer buf = buffers.get(b);
      s.append("  s->").append(buf.field()).append(" = (").append(buf.elem().c).append(" *) buffers[").append(b).append("];\n");
    }
    s.append(alloc.toString().replace("nmc_destroy(s); return NULL;", "nmc_free(s); return;")).append("  *out = s;\n}\n\n");
    String body = (funcs + exchange + begin).replaceAll("(?m)^static (void|int) ", "static __device__ $1 ");
    s.append(body).append(loop);
    writeCudaHost(s);
    source = s.toString();
  }

  /**
   * The host side (nmc_host_cuda.h) and what it must know of this network's buffers: their sizes (as NativeRun
   * allocates them), what the host reads after a call (the counters, in full after every call; of each spike record,
   * the entries its counter says are pending, after every call; traces and rate bins once, when the run has reached
   * its last step), which counter counts each spike record's entries, and which buffers the host writes between
   * calls (the counters: it empties the spike records).
   */
  private void writeCudaHost(StringBuilder s) {
    Map<String, Integer> counted = new HashMap<>();
    for (SpikeRec r : spikeRecs) {
      counted.put(r.idx(), ctlRecords + r.slot());
      counted.put(r.step(), ctlRecords + r.slot());
    }
    Set<String> atEnd = new HashSet<>();
    for (TraceRec t : traces) atEnd.add(t.field());
    for (RateRec r : rates) atEnd.add(r.field());
    StringBuilder bytes = new StringBuilder(), reads = new StringBuilder(), count = new StringBuilder(), elem = new StringBuilder(),
        writes = new StringBuilder();
    int ctlIndex = -1;
    for (int i = 0; i < buffers.size(); i++) {
      Buffer b = buffers.get(i);
      if (b.field().equals("ctl")) ctlIndex = i;
      bytes.append(Math.max(8, b.bytes())).append("u, ");
      Integer slot = counted.get(b.field());
      reads.append(b.field().equals("ctl") ? "1, " : slot != null ? "2, " : atEnd.contains(b.field()) ? "3, " : "0, ");
      count.append(slot != null ? slot : -1).append(", ");
      elem.append(b.elem().bytes).append(", ");
      writes.append(b.field().equals("ctl") ? "1, " : "0, ");
    }
    s.append("\n/* ---- the host side: nmc_kernel.h's interface over the device ---- */\n")
        .append("#define NMC_NBUF ").append(buffers.size()).append('\n')
        .append("#define NMC_CTL ").append(ctlIndex).append(" /* the counters' buffer */\n")
        .append("#define NMC_LAST_STEP ").append(steps).append("LL /* the step a whole run reaches */\n")
        .append("static const size_t nmc_host_bytes[] = {").append(bytes).append("0};\n")
        .append("/* 1: read after every call; 2: its first ctl[nmc_host_count[b]] elements, after every call; 3: read when the run ends */\n")
        .append("static const unsigned char nmc_host_read[] = {").append(reads).append("0};\n")
        .append("static const int32_t nmc_host_count[] = {").append(count).append("-1};\n")
        .append("static const unsigned char nmc_host_elem[] = {").append(elem).append("0};\n")
        .append("static const unsigned char nmc_host_written[] = {").append(writes).append("0};\n")
        .append("/* bytes the kernels allocate from the device heap, for nt threads (spike rings of per-connection delays grow beyond) */\n")
        .append("#define NMC_SCRATCH_BYTES(nt) (").append(scratchBytes).append(")\n")
        .append(resource("/nmc/targets/cuda/nmc_host_cuda.h"));
  }

  static String resource(String name) {
    try (InputStream in = Lowering.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Local pointer declarations for the fields a function body uses. */
  private String decls(Set<String> used, Set<String> written) {
    StringBuilder d = new StringBuilder();
    for (String f : used) {
      String t = fieldType.get(f);
      if (t == null) throw new IllegalStateException("unknown field " + f);
      boolean w = written.contains(f);
      d.append("  ").append(w ? "" : "const ").append(t).append(" *restrict ").append(f).append(" = s->").append(f).append(";\n");
    }
    return d.toString();
  }

  private String lit(double v) {
    return cx.lit(v);
  }

  private static String assign(String x, AssignOp op, String v) {
    return switch (op) {
      case SET -> x + " = " + v + ";";
      case ADD -> x + " = " + x + " + " + v + ";";
      case SUB -> x + " = " + x + " - " + v + ";";
      case MUL -> x + " = " + x + " * " + v + ";";
    };
  }

  private static String local(String var, String suffix) {
    return var.replaceAll("[^A-Za-z0-9_]", "_") + "_" + suffix;
  }

  /**
   * The per-element update of a frame's ODEs (step 3), into locals, then stored. {@code held} is a C condition
   * (refractory) or null. Reads see the state at t_n (all variables simultaneously); ports are held.
   */
  private void writeOdes(StringBuilder o, String ind, List<OdeC> odes, IntegrationMethod method, String idx, int axis, String held,
      Set<String> used, Set<String> written) {
    if (odes.isEmpty()) return;
    for (OdeC e : odes) {
      used.add(e.field());
      written.add(e.field());
      o.append(ind).append("const real ").append(local(e.var(), "0")).append(" = ").append(e.field()).append("[").append(idx).append("];\n");
    }
    CExpr.Ctx ctx = ctx(axis, idx, "t_n", used);
    for (OdeC e : odes) ctx.locals.put(e.field(), local(e.var(), "0"));
    switch (method) {
      case EULER -> {
        for (OdeC e : odes) {
          o.append(ind).append("/* ").append(e.text()).append(" (Euler) */\n");
          String x0 = local(e.var(), "0");
          String step = x0 + " + (" + cx.write(e.rhs(), ctx) + " * DT)";
          o.append(ind).append("const real ").append(local(e.var(), "1")).append(" = ").append(hold(e, held, x0, step)).append(";\n");
        }
      }
      case EXPONENTIAL_EULER -> {
        for (OdeC e : odes) {
          String x0 = local(e.var(), "0");
          o.append(ind).append("/* ").append(e.text()).append(" = a + b ").append(e.var()).append(" (exponential Euler) */\n");
          String step;
          switch (e.b()) {
            case Cx.Const c -> {
              double ee = Math.exp(c.value() * dt), ff = factor(c.value(), dt);
              step = "(" + x0 + " * " + lit(ee) + ") + (" + cx.write(e.a(), ctx) + " * " + lit(ff) + ")";
            }
            case Cx.Fixed f -> {
              double[] ee = new double[f.values.length], ff = new double[f.values.length];
              for (int i = 0; i < ee.length; i++) {
                ee[i] = Math.exp(f.values[i] * dt);
                ff[i] = factor(f.values[i], dt);
              }
              String ef = cx.write(new Cx.Fixed(ee, f.axis, "e^(b dt) of " + e.text()), ctx);
              String fff = cx.write(new Cx.Fixed(ff, f.axis, "(e^(b dt) - 1) / b of " + e.text()), ctx);
              step = "(" + x0 + " * " + ef + ") + (" + cx.write(e.a(), ctx) + " * " + fff + ")";
            }
            default -> {
              String bn = local(e.var(), "b"), an = local(e.var(), "a");
              o.append(ind).append("const real ").append(bn).append(" = ").append(cx.write(e.b(), ctx)).append(";\n");
              o.append(ind).append("const real ").append(an).append(" = ").append(cx.write(e.a(), ctx)).append(";\n");
              step = "(" + bn + " == 0 ? " + x0 + " + (" + an + " * DT) : (" + x0 + " * NMC_EXP(" + bn + " * DT)) + (" + an + " * (NMC_EXPM1("
                  + bn + " * DT) / " + bn + ")))";
            }
          }
          o.append(ind).append("const real ").append(local(e.var(), "1")).append(" = ").append(hold(e, held, x0, step)).append(";\n");
        }
      }
      case RK4 -> {
        String half = lit(0.5 * dt), h = lit(dt), h6 = lit(dt / 6);
        String[] in = {"0", "s1", "s2", "s3"};
        String[] time = {"t_n", "t_half", "t_half", "t_full"};
        for (int stage = 0; stage < 4; stage++) {
          CExpr.Ctx c = ctx(axis, idx, time[stage], used);
          for (OdeC e : odes) c.locals.put(e.field(), local(e.var(), in[stage]));
          o.append(ind).append("/* RK4 stage ").append(stage + 1).append(" */\n");
          for (OdeC e : odes) {
            String f = cx.write(e.rhs(), c);
            o.append(ind).append("const real ").append(local(e.var(), "k" + (stage + 1))).append(" = ")
                .append(held != null && e.held() ? "(" + held + ") ? " + (opt.float32() ? "0.0f" : "0.0") + " : " + f : f).append(";\n");
          }
          for (OdeC e : odes) {
            String x0 = local(e.var(), "0"), k = local(e.var(), "k" + (stage + 1)), acc = local(e.var(), "acc");
            switch (stage) {
              case 0 -> o.append(ind).append("real ").append(acc).append(" = ").append(k).append(";\n").append(ind).append("const real ")
                  .append(local(e.var(), "s1")).append(" = ").append(x0).append(" + (").append(half).append(" * ").append(k).append(");\n");
              case 1 -> o.append(ind).append(acc).append(" = ").append(acc).append(" + (2.0 * ").append(k).append(");\n").append(ind).append("const real ")
                  .append(local(e.var(), "s2")).append(" = ").append(x0).append(" + (").append(half).append(" * ").append(k).append(");\n");
              case 2 -> o.append(ind).append(acc).append(" = ").append(acc).append(" + (2.0 * ").append(k).append(");\n").append(ind).append("const real ")
                  .append(local(e.var(), "s3")).append(" = ").append(x0).append(" + (").append(h).append(" * ").append(k).append(");\n");
              default -> o.append(ind).append("const real ").append(local(e.var(), "1")).append(" = ").append(x0).append(" + (").append(h6)
                  .append(" * (").append(acc).append(" + ").append(k).append("));\n");
            }
          }
        }
      }
    }
    for (OdeC e : odes) o.append(ind).append(e.field()).append("[").append(idx).append("] = ").append(local(e.var(), "1")).append(";\n");
  }

  private static String hold(OdeC e, String held, String x0, String step) {
    return held != null && e.held() ? "(" + held + ") ? " + x0 + " : " + step : step;
  }

  /** (e^{b dt} - 1) / b, or dt when b = 0: the reference's factor. */
  static double factor(double b, double dt) {
    return b == 0 ? dt : Math.expm1(b * dt) / b;
  }

  private CExpr.Ctx ctx(int axis, String idx, String time, Set<String> used) {
    String t = opt.float32() ? "((real) " + time + ")" : time;
    return new CExpr.Ctx(axis == Cx.POST ? idx : "i", axis == Cx.PRE ? idx : "j", "k", t, used);
  }

  private boolean usesRk4(IntegrationMethod m) {
    return m == IntegrationMethod.RK4;
  }

  private static String timeDecls(boolean rk4) {
    return "  const double t_n = tn;\n" + (rk4 ? "  const double t_half = tn + " + "HALF_DT" + ", t_full = tn + DT;\n" : "");
  }

  // -- neurons -------------------------------------------------------------------------------------------------------

  private void writeNeurons(Pop g) {
    NeuronModel model = g.model;
    Span span = model.span();
    String owner = "model " + model.name();
    int[] lengths = {g.size, 0, 0};
    CxCompiler compiler = new CxCompiler(nm -> g.resolve(nm, Cx.POST), lengths, span, "the equations of " + model.name());
    IntegrationMethod method = methodOr(model.method(), model.odes());
    List<OdeC> odes = odes(model.odes(), method, g.stateField, compiler::compile, span, owner);
    Cx spike = model.spike() == null ? null
        : new CxCompiler(nm -> g.resolve(nm, Cx.POST), lengths, span, "the spike condition of " + model.name()).compile(model.spike());
    CxCompiler single = new CxCompiler(nm -> g.resolve(nm, Cx.POST), lengths, span, "the reset of " + model.name());
    List<String> resetField = new ArrayList<>();
    List<Cx> resetValue = new ArrayList<>();
    for (Assign a : model.reset()) {
      String f = g.stateField.get(a.target());
      if (f == null) throw CxCompiler.error(span, "the reset of " + model.name() + " assigns '" + a.target() + "', which is not a state variable",
          "a reset may only change state variables");
      resetField.add(f);
      resetValue.add(single.compile(a.value()));
    }
    int refrScalar = 0;
    String refrSteps = null;
    if (model.refractory() != null) {
      Cx period = new CxCompiler(nm -> g.resolve(nm, Cx.POST), lengths, span, "the refractory period of " + model.name()).compile(model.refractory());
      if (!period.invariant()) throw CxCompiler.error(span, "the refractory period of " + model.name() + " depends on the state",
          "make it a constant or an expression of parameters");
      if (period instanceof Cx.Const c) {
        refrScalar = (int) Math.round(c.value() / dt);
      } else {
        int[] per = new int[g.size];
        for (int i = 0; i < g.size; i++) per[i] = (int) Math.round(period.at(i, 0, 0) / dt);
        refrSteps = addBuffer(g.id + "_refr_steps", Buffer.Elem.I32, g.size, "refractory period of each neuron in steps", Buffer.ints(per));
      }
    }
    boolean refractory = model.refractory() != null && (refrSteps != null || refrScalar > 0);
    if (model.refractory() != null) g.refr = addInternal(g.id + "_refr_end", "int32_t", g.size + "", "first step in which each neuron is no longer refractory");
    if (spike != null && model.rising()) g.was = addInternal(g.id + "_was", "uint8_t", g.size + "", "spike condition true after the previous step");

    // Per block of neurons: one branch-free pass (vectorised by the compiler) integrates and evaluates the spike
    // condition into hit[]; a second pass visits only the neurons that fired, 8 flags at a time. On CUDA (no
    // vectorisation to win, and a per-thread array would live in local memory) a neuron that fires is recorded and
    // reset in the same pass, right after its own update: a neuron's update reads only its own state, so the effects
    // are the same, in the same order.
    boolean inline = opt.cuda();
    Set<String> used = new LinkedHashSet<>(), written = new LinkedHashSet<>();
    StringBuilder body = new StringBuilder();
    String held = g.refr != null ? "refr" : null;
    body.append("  for (int32_t b = lo; b < hi; b += NMC_BLOCK) {\n    const int32_t e = NMC_MIN(b + NMC_BLOCK, hi);\n");
    body.append("    for (int32_t i = b; i < e; i++) {\n");
    if (held != null) {
      used.add(g.refr);
      body.append("      const int refr = ").append(g.refr).append("[i] > n;\n");
    }
    writeOdes(body, "      ", odes, method, "i", Cx.POST, held, used, written);
    CExpr.Ctx c = ctx(Cx.POST, "i", "tn1", used);
    String hit = inline ? "      const int hit = " : "      hit[i - b] = (uint8_t) ";
    if (spike != null) {
      CExpr.Ctx now = ctx(Cx.POST, "i", "tn1", used);
      for (OdeC o : odes) now.locals.put(o.field(), local(o.var(), "1"));
      String cond = cx.write(spike, now);
      body.append("      /* spike when ").append(model.spike().toText()).append(model.rising() ? " rising" : "").append(" (on the new state, t = t_{n+1}) */\n");
      body.append("      const int now = ").append(cond).append(" != 0;\n");
      if (model.rising()) {
        used.add(g.was);
        written.add(g.was);
        body.append(hit).append("(now & !").append(g.was).append("[i]").append(held != null ? " & !refr" : "").append(");\n");
        body.append("      ").append(g.was).append("[i] = (uint8_t) now;\n");
      } else {
        body.append(hit).append("(now").append(held != null ? " & !refr" : "").append(");\n");
      }
    }
    if (!inline) body.append("    }\n");
    if (spike != null) {
      String in = "        ";
      if (inline) {
        body.append("      if (hit) {\n");
      } else {
        body.append("    for (int32_t w = 0; w < e - b; w += 8) {\n      uint64_t m;\n      memcpy(&m, hit + w, 8);\n")
            .append("      if (e - b - w < 8) m &= ~0ULL >> (8 * (8 - (e - b - w)));\n")
            .append("      while (m != 0) {\n        const int z = __builtin_ctzll(m) >> 3;\n        m &= ~(0xFFULL << (8 * z));\n")
            .append("        const int32_t i = b + w + z;\n");
      }
      body.append(in).append("spk[lo + cnt++] = i;\n");
      for (int r = 0; r < resetField.size(); r++) {
        Assign a = model.reset().get(r);
        written.add(resetField.get(r));
        used.add(resetField.get(r));
        body.append(in).append("/* ").append(a.target()).append(" ").append(a.op().text).append(" ").append(a.value().toText()).append(" */\n");
        body.append(in).append(assign(resetField.get(r) + "[i]", a.op(), cx.write(resetValue.get(r), c))).append("\n");
      }
      if (refractory) {
        written.add(g.refr);
        used.add(g.refr);
        if (refrSteps != null) {
          used.add(refrSteps);
          body.append(in).append("if (").append(refrSteps).append("[i] > 0) ").append(g.refr).append("[i] = (int32_t) (n + 1 + ").append(refrSteps).append("[i]);\n");
        } else {
          body.append(in).append(g.refr).append("[i] = (int32_t) (n + 1 + ").append(refrScalar).append(");\n");
        }
      }
      body.append("      }\n");
      if (!inline) body.append("    }\n");
    }
    if (inline) body.append("    }\n");
    body.append("  }\n");
    StringBuilder f = new StringBuilder();
    f.append("/* population ").append(g.name).append(": ").append(g.size).append(" x ").append(model.name()).append(", ")
        .append(method.name().toLowerCase(java.util.Locale.ROOT));
    if (model.refractory() != null) f.append(", refractory ").append(refrSteps != null ? "per neuron" : refrScalar + " steps");
    f.append(". Step 3 (integrate) and 4 (threshold, reset) for this thread's slice, in blocks. */\n");
    f.append("static void ").append(g.id).append("_update(nmc_sim *s, int64_t n, double tn, double tn1, int32_t tid) {\n");
    f.append("  int32_t lo, hi, cnt = 0;\n  nmc_part(").append(g.size).append(", s->nt, tid, &lo, &hi);\n");
    f.append("  int32_t *restrict spk = s->").append(g.spk).append(";\n")
        .append(inline ? "  (void) spk;\n" : "  uint8_t hit[NMC_BLOCK] = {0};\n  (void) hit; (void) spk;\n");
    f.append(decls(used, written)).append(timeDecls(usesRk4(method)).replace("HALF_DT", lit(0.5 * dt)));
    f.append("  (void) tn1; (void) t_n;\n");
    f.append(body);
    f.append("  s->").append(g.cnt).append("[tid] = cnt;\n}\n\n");
    funcs.append(f);

    // the initial "was true" of rising conditions: at t = 0 on the initial state, ports zero
    if (g.was != null) {
      Set<String> u = new LinkedHashSet<>();
      String cond = cx.write(spike, ctx(Cx.POST, "i", "0.0", u));
      u.add(g.was);
      beginCode.append("  {\n").append(decls(u, Set.of(g.was))).append("    for (int32_t i = 0; i < ").append(g.size).append("; i++) ").append(g.was)
          .append("[i] = (uint8_t) (").append(cond).append(" != 0);\n  }\n");
    }
  }

  private final StringBuilder beginCode = new StringBuilder();

  // -- spike sources -------------------------------------------------------------------------------------------------

  private void writePoisson(Pop g) {
    Population.Poisson spec = (Population.Poisson) g.ir.kind();
    double[] rate = Materialize.rates(g.ir, seed);
    double[] prob = new double[g.size];
    for (int i = 0; i < g.size; i++) prob[i] = rate[i] * dt;
    Cx p = CxCompiler.uniformOrFixed(prob, Cx.POST, "spike probability per step of " + g.name);
    String pf = p instanceof Cx.Fixed f ? addBuffer(g.id + "_p", Buffer.Elem.F64, g.size, f.what, Buffer.reals(prob, Buffer.Elem.F64, null)) : null;
    long stream = Rng.stream("poisson/" + g.name);
    StringBuilder f = new StringBuilder();
    f.append("/* population ").append(g.name).append(": ").append(g.size).append(" Poisson sources; source i fires in step n when\n")
        .append(" * uniform(seed, stream(\"poisson/").append(g.name).append("\"), n*size + i) < rate_i * dt, from ").append(spec.start())
        .append(" s to ").append(spec.stop()).append(" s. */\n");
    f.append("static void ").append(g.id).append("_fire(nmc_sim *s, int64_t n, double tn, int32_t tid) {\n");
    f.append("  int32_t lo, hi, cnt = 0;\n  nmc_part(").append(g.size).append(", s->nt, tid, &lo, &hi);\n");
    f.append("  int32_t *restrict spk = s->").append(g.spk).append(";\n");
    if (pf != null) f.append("  const double *restrict p = s->").append(pf).append(";\n");
    f.append("  if (tn >= ").append(CExpr.litDouble(spec.start())).append(" && tn < ").append(CExpr.litDouble(spec.stop())).append(") {\n");
    f.append("    const uint64_t base = (uint64_t) n * ").append(g.size).append("ULL;\n");
    f.append("    for (int32_t i = lo; i < hi; i++)\n      if (nmc_uniform(s->seed, 0x").append(Long.toHexString(stream)).append("ULL, base + (uint64_t) i) < ")
        .append(pf != null ? "p[i]" : CExpr.litDouble(((Cx.Const) p).value())).append(") spk[lo + cnt++] = i;\n  }\n");
    f.append("  s->").append(g.cnt).append("[tid] = cnt;\n}\n\n");
    funcs.append(f);
  }

  private void writeSpikeTimes(Pop g) {
    Population.SpikeTimes spec = (Population.SpikeTimes) g.ir.kind();
    long[] keys = new long[0];
    int count = 0;
    for (int i = 0; i < g.size; i++) {
      Vec times = spec.times().get(i);
      for (double t : times.values()) {
        long n = nmc.ir.build.SourceSpikes.stepOf(t, dt);
        if (n < 0 || n >= steps) continue;
        if (count == keys.length) keys = java.util.Arrays.copyOf(keys, Math.max(16, count * 2));
        keys[count++] = n * g.size + i;
      }
    }
    keys = java.util.Arrays.copyOf(keys, count);
    java.util.Arrays.sort(keys);
    int[] st = new int[count], src = new int[count];
    int m = 0;
    for (int e = 0; e < count; e++) {
      if (e > 0 && keys[e] == keys[e - 1]) continue;
      st[m] = (int) (keys[e] / g.size);
      src[m] = (int) (keys[e] % g.size);
      m++;
    }
    String sf = addBuffer(g.id + "_ev_step", Buffer.Elem.I32, Math.max(1, m), "spike events of " + g.name + ": step (sorted)", Buffer.ints(java.util.Arrays.copyOf(st, Math.max(1, m))));
    String cf = addBuffer(g.id + "_ev_src", Buffer.Elem.I32, Math.max(1, m), "spike events of " + g.name + ": source", Buffer.ints(java.util.Arrays.copyOf(src, Math.max(1, m))));
    String cur = addInternal(g.id + "_cursor", "int64_t", "1", "next event of " + g.name);
    g.timesCode = "    while (s->" + cur + "[0] < " + m + " && s->" + sf + "[s->" + cur + "[0]] == n) s->" + g.spk + "[total++] = s->" + cf + "[s->" + cur
        + "[0]++];\n";
  }

  // -- projections ---------------------------------------------------------------------------------------------------

  private void writeProjection(Proj j) {
    Pop pre = j.pre, post = j.post;
    int nt = opt.threads();
    if (j.uniformDelay >= 0) {
      j.ring = addInternal(j.id + "_ring", "int32_t", (long) j.ringLength * Math.max(1, pre.size) + "", "spike ring: sources due per slot (uniform delay)");
      j.ringN = addInternal(j.id + "_ring_n", "int32_t", j.ringLength + "", "entries per ring slot");
    } else {
      j.ringV = addInternal(j.id + "_ringv", "nmc_ivec", j.ringLength + "", "spike ring: connections due per slot (delays per connection)");
      free.insert(0, "  if (s->" + j.ringV + " != NULL) for (int32_t q = 0; q < " + j.ringLength + "; q++) free(s->" + j.ringV + "[q].v);\n");
    }
    String head = "/* projection " + j.ir.name() + ": " + pre.name + " -> " + post.name + "." + j.ir.port() + ", synapse " + j.model.name() + ", "
        + (j.uniformDelay >= 0 ? "delay " + j.uniformDelay + " steps" : "delays per connection") + " */\n";

    if (j.delivers()) {
      Set<String> used = new LinkedHashSet<>(), written = new LinkedHashSet<>();
      StringBuilder b = new StringBuilder();
      CExpr.Ctx c = new CExpr.Ctx("i", "j", "k", opt.float32() ? "((real) tn)" : "tn", used);
      used.add(j.postField);
      used.add(j.splitField);
      if (j.uniformDelay >= 0) {
        b.append("  const int32_t slot = (int32_t) (n % ").append(j.ringLength).append(");\n");
        b.append("  const int32_t count = s->").append(j.ringN).append("[slot];\n");
        b.append("  const int32_t *items = s->").append(j.ring).append(" + (int64_t) slot * ").append(Math.max(1, pre.size)).append(";\n");
        if (!j.fastTarget.isEmpty()) {
          for (int e = 0; e < j.fastTarget.size(); e++) {
            String x = j.fastTarget.get(e);
            used.add(x);
            written.add(x);
            String v = cx.write(j.fastValue.get(e), c);
            b.append("  for (int32_t q = 0; q < count; q++) {\n    const int32_t *r = ").append(j.splitField).append(" + (int64_t) items[q] * ")
                .append("s->nt;\n    for (int32_t k = r[t0], end = r[t1]; k < end; k++) ").append(x).append("[").append(j.postField).append("[k]] += ")
                .append(v).append(";\n  }\n");
          }
        } else {
          b.append("  for (int32_t q = 0; q < count; q++) {\n    const int32_t j = items[q];\n    const int32_t *r = ").append(j.splitField)
              .append(" + (int64_t) j * s->nt;\n    for (int32_t k = r[t0], end = r[t1]; k < end; k++) {\n      const int32_t i = ").append(j.postField)
              .append("[k];\n");
          general(j, b, c, used, written);
          b.append("    }\n  }\n");
        }
      } else {
        b.append("  const nmc_ivec *due = &s->").append(j.ringV).append("[n % ").append(j.ringLength).append("];\n");
        b.append("  int32_t lo, hi, tmp;\n  nmc_part(").append(post.size).append(", s->nt, t0, &lo, &tmp);\n  nmc_part(").append(post.size)
            .append(", s->nt, t1 - 1, &tmp, &hi);\n");
        if (!j.fastTarget.isEmpty()) {
          for (int e = 0; e < j.fastTarget.size(); e++) {
            String x = j.fastTarget.get(e);
            used.add(x);
            written.add(x);
            String v = cx.write(j.fastValue.get(e), c);
            b.append("  for (int64_t q = 0; q < due->n; q++) {\n    const int32_t k = due->v[q], i = ").append(j.postField)
                .append("[k];\n    if (i >= lo && i < hi) ").append(x).append("[i] += ").append(v).append(";\n  }\n");
          }
        } else {
          used.add(j.preField);
          b.append("  for (int64_t q = 0; q < due->n; q++) {\n    const int32_t k = due->v[q], i = ").append(j.postField).append("[k], j = ")
              .append(j.preField).append("[k];\n    (void) j;\n");
          general(j, b, c, used, written);
          b.append("  }\n");
        }
      }
      funcs.append(head.replace(" */\n", ". Step 1: deliver the spikes due now (threads t0 .. t1-1 of the post neurons). */\n"));
      funcs.append("static void ").append(j.id).append("_deliver(nmc_sim *s, int64_t n, double tn, int32_t t0, int32_t t1) {\n");
      funcs.append(decls(used, written)).append("  (void) tn;\n").append(b).append("}\n\n");
    }

    if (!j.postOdes.isEmpty()) writeSynapseOdes(j, j.postOdes, post.size, Cx.POST, "post", "i");
    if (!j.preOdes.isEmpty()) writeSynapseOdes(j, j.preOdes, pre.size, Cx.PRE, "pre", "j");
  }

  private void general(Proj j, StringBuilder b, CExpr.Ctx c, Set<String> used, Set<String> written) {
    for (int e = 0; e < j.genTarget.size(); e++) {
      String x = j.genTarget.get(e);
      used.add(x);
      written.add(x);
      b.append("      ").append(assign(x + "[i]", j.genOp.get(e), cx.write(j.genValue.get(e), c))).append("\n");
    }
  }

  private void writeSynapseOdes(Proj j, List<OdeC> odes, int size, int axis, String side, String idx) {
    Set<String> used = new LinkedHashSet<>(), written = new LinkedHashSet<>();
    StringBuilder b = new StringBuilder();
    b.append("  for (int32_t ").append(idx).append(" = lo; ").append(idx).append(" < hi; ").append(idx).append("++) {\n");
    writeOdes(b, "    ", odes, j.method, idx, axis, null, used, written);
    b.append("  }\n");
    funcs.append("/* projection ").append(j.ir.name()).append(": synapse ").append(j.model.name()).append(" state per ").append(side)
        .append(" neuron, step 3 (integrate). */\n");
    funcs.append("static void ").append(j.id).append("_").append(side).append("_odes(nmc_sim *s, int64_t n, double tn, int32_t tid) {\n");
    funcs.append("  int32_t lo, hi;\n  nmc_part(").append(size).append(", s->nt, tid, &lo, &hi);\n");
    funcs.append(decls(used, written)).append(timeDecls(usesRk4(j.method)).replace("HALF_DT", lit(0.5 * dt))).append("  (void) n; (void) t_n;\n");
    funcs.append(b).append("}\n\n");
  }

  // -- ports (step 2) ------------------------------------------------------------------------------------------------

  private boolean serialPorts() {
    for (Proj j : projs) if (j.currentConn != null) return true;
    return false;
  }

  private boolean serialDelivery() {
    for (Proj j : projs) if (j.serialDelivery()) return true;
    return false;
  }

  /**
   * Step 2: ports are cleared, then injected currents in declaration order, then synaptic currents in projection
   * order, the reference's order for every element. Per thread slice; when a current is summed over connections
   * (its post neurons are scattered) the whole step runs in one thread, in exactly that order.
   */
  private void writePorts() {
    boolean serial = serialPorts();
    for (Pop g : pops) {
      if (g.kind != Kind.NEURONS || g.portField.isEmpty()) continue;
      Set<String> used = new LinkedHashSet<>(), written = new LinkedHashSet<>();
      StringBuilder b = new StringBuilder();
      b.append("  for (int32_t i = lo; i < hi; i++) {\n");
      for (String p : g.portField.values()) {
        used.add(p);
        written.add(p);
        b.append("    ").append(p).append("[i] = 0;\n");
      }
      b.append("  }\n");
      if (!serial) {
        for (Input in : g.drives) writeInput(in, b, used, written);
        for (Proj j : g.incoming) if (j.currentPost != null) writeCurrentPost(j, b, used, written);
      }
      funcs.append("/* population ").append(g.name).append(": step 2, ports of this thread's slice").append(serial ? " cleared" : "").append(". */\n");
      funcs.append("static void ").append(g.id).append("_ports(nmc_sim *s, int64_t n, double tn, int32_t t0, int32_t t1) {\n");
      funcs.append("  int32_t lo, hi, tmp;\n  nmc_part(").append(g.size).append(", s->nt, t0, &lo, &tmp);\n  nmc_part(").append(g.size)
          .append(", s->nt, t1 - 1, &tmp, &hi);\n  (void) n; (void) tn;\n");
      funcs.append(decls(used, written)).append(b).append("}\n\n");
    }
    if (serial) {
      Set<String> used = new LinkedHashSet<>(), written = new LinkedHashSet<>();
      StringBuilder b = new StringBuilder();
      b.append("  int32_t lo, hi;\n");
      for (Input in : inputs) {
        b.append("  lo = 0; hi = ").append(in.pop().size).append(";\n");
        writeInput(in, b, used, written);
      }
      for (Proj j : projs) {
        if (j.currentPost != null) {
          b.append("  lo = 0; hi = ").append(j.post.size).append(";\n");
          writeCurrentPost(j, b, used, written);
        } else if (j.currentConn != null) {
          currentPerm = j.perm;
          currentOwner = j.id;
          CExpr.Ctx c = new CExpr.Ctx("i", "j", "k", opt.float32() ? "((real) tn)" : "tn", used);
          used.add(j.portField);
          written.add(j.portField);
          used.add(j.postField);
          used.add(j.splitField);
          String v = cx.write(j.currentConn, c);
          b.append("  /* projection ").append(j.ir.name()).append(": current ").append(j.model.current().toText()).append(", summed over connections */\n");
          b.append("  for (int32_t j = 0; j < ").append(j.pre.size).append("; j++)\n    for (int32_t k = ").append(j.splitField).append("[(int64_t) j * s->nt], end = ")
              .append(j.splitField).append("[(int64_t) (j + 1) * s->nt]; k < end; k++) {\n      const int32_t i = ").append(j.postField).append("[k];\n      ")
              .append(j.portField).append("[i] = ").append(j.portField).append("[i] + ").append(v).append(";\n    }\n");
          currentPerm = null;
        }
      }
      funcs.append("/* Step 2 for the whole network in one thread: injected currents, then synaptic currents in projection order. */\n");
      funcs.append("static void nmc_ports_serial(nmc_sim *s, int64_t n, double tn) {\n  (void) n;\n").append(decls(used, written)).append(b).append("  (void) lo; (void) hi;\n}\n\n");
    }
  }

  private void writeInput(Input in, StringBuilder b, Set<String> used, Set<String> written) {
    used.add(in.port());
    written.add(in.port());
    CExpr.Ctx c = new CExpr.Ctx("i", "j", "k", "tn", used);
    b.append("  /* current ").append(in.ir().name()).append(": ").append(in.pop().name).append(".").append(in.ir().port()).append(", ")
        .append(in.ramp() ? "ramp" : "step").append(" from ").append(in.start()).append(" s to ").append(in.stop()).append(" s */\n");
    b.append("  if (tn >= ").append(CExpr.litDouble(in.start())).append(" && tn < ").append(CExpr.litDouble(in.stop())).append(") {\n");
    if (in.ramp()) b.append("    const double f = (tn - ").append(CExpr.litDouble(in.start())).append(") / ").append(CExpr.litDouble(in.stop() - in.start())).append(";\n");
    String fr = opt.float32() ? "((real) f)" : "f";
    if (in.from() instanceof Cx.Const from && (in.to() instanceof Cx.Const || !in.ramp())) {
      String v;
      if (in.ramp()) {
        double to = ((Cx.Const) in.to()).value();
        v = "(" + lit(from.value()) + " + (" + lit(to - from.value()) + " * " + fr + "))";
      } else {
        v = lit(from.value());
      }
      b.append("    const real v = ").append(v).append(";\n    for (int32_t i = lo; i < hi; i++) ").append(in.port()).append("[i] += v;\n");
    } else {
      String lo = cx.write(in.from(), c);
      String v = in.ramp() ? "(" + lo + " + ((" + cx.write(in.to(), c) + " - " + lo + ") * " + fr + "))" : lo;
      b.append("    for (int32_t i = lo; i < hi; i++) ").append(in.port()).append("[i] += ").append(v).append(";\n");
    }
    b.append("  }\n");
  }

  private void writeCurrentPost(Proj j, StringBuilder b, Set<String> used, Set<String> written) {
    used.add(j.portField);
    written.add(j.portField);
    CExpr.Ctx c = new CExpr.Ctx("i", "j", "k", opt.float32() ? "((real) tn)" : "tn", used);
    b.append("  /* projection ").append(j.ir.name()).append(": current ").append(j.model.current().toText()).append(" */\n");
    if (j.currentPost.scalar()) {
      b.append("  { const real v = ").append(cx.write(j.currentPost, c)).append(";\n    for (int32_t i = lo; i < hi; i++) ").append(j.portField).append("[i] += v; }\n");
    } else {
      b.append("  for (int32_t i = lo; i < hi; i++) ").append(j.portField).append("[i] += ").append(cx.write(j.currentPost, c)).append(";\n");
    }
  }

  // -- exchange: merge, record, emit (steps 4 to 6, one thread) ------------------------------------------------------

  private String writeExchange() {
    Set<String> used = new LinkedHashSet<>(), written = new LinkedHashSet<>();
    StringBuilder f = new StringBuilder();
    if (opt.parallelExchange()) {
      f.append(writeParallelExchange(used, written));
    } else {
      StringBuilder b = new StringBuilder();
      b.append("  int64_t *restrict ctl = s->ctl;\n");
      for (Proj j : projs) b.append(countEvents(j));
      for (Pop g : pops) if (g.spikes()) b.append(exchangePop(g, used, written));
      b.append(writeTraces("n + 1"));
      f.append("/* Steps 4 to 6 in one thread: merge each population's spikes (thread slices in order, so ascending), count and\n")
          .append(" * record them, run pre-state effects and send them into the rings; then record the state probes. */\n");
      f.append("static void nmc_exchange(nmc_sim *s, int64_t n, double tn1) {\n  (void) tn1;\n").append(decls(used, written)).append(b).append("}\n\n");
    }
    f.append("/* True when every spike record buffer has room for one more step. */\nstatic int nmc_room(const nmc_sim *s) {\n");
    for (SpikeRec r : spikeRecs) {
      f.append("  if (s->ctl[").append(ctlRecords + r.slot()).append("] + ").append(r.pop().size).append(" > ").append(r.capacity()).append(") return 0;\n");
    }
    f.append("  return 1;\n}\n\n");
    return f.toString();
  }

  /**
   * Step 6 on every thread of the grid (the cuda target's {@code -O exchange=parallel}): what one thread does in
   * {@link #exchangePop} for every spike, each thread does for the spikes of its own slices, at the places the serial
   * merge would give them (prefix sums of the per-thread counts), so records and rings hold the same entries in the
   * same order. Three phases between grid syncs: A, every thread counts its share of the events delivered now; B,
   * thread 0 empties the slots, runs the spike-time sources and the per-connection-delay sends (serial, as before),
   * and for every other population computes the places and moves the counters on; C, every thread records, runs the
   * pre-state effects of and sends its own spikes, then the state probes' rows are shared out. A uniform-delay send
   * does not skip sources whose row is empty (the serial one does): their delivery adds nothing and counts nothing.
   */
  private String writeParallelExchange(Set<String> used, Set<String> written) {
    StringBuilder a = new StringBuilder(), b = new StringBuilder(), c = new StringBuilder();
    for (Proj j : projs) {
      if (j.uniformDelay < 0) {
        b.append(countEvents(j).replace("\n  ", "\n    ").replaceFirst("^  ", "    "));
        continue;
      }
      a.append("  { /* projection ").append(j.ir.name()).append(": this thread's share of the events delivered in this step */\n");
      a.append("    const int32_t *items = s->").append(j.ring).append(" + (int64_t) (n % ").append(j.ringLength).append(") * ").append(Math.max(1, j.pre.size))
          .append(";\n    const int32_t *split = s->").append(j.splitField).append(";\n    const int32_t due = s->").append(j.ringN).append("[n % ")
          .append(j.ringLength).append("];\n    int64_t ev = 0;\n");
      a.append("    for (int32_t q = tid; q < due; q += nt) ev += split[(int64_t) (items[q] + 1) * nt] - split[(int64_t) items[q] * nt];\n");
      a.append("    if (ev != 0) nmc_add64(&ctl[").append(ctlEvents + j.index).append("], ev);\n  }\n");
      b.append("    s->").append(j.ringN).append("[n % ").append(j.ringLength).append("] = 0; /* projection ").append(j.ir.name()).append(": slot delivered */\n");
    }
    for (Pop g : pops) {
      if (!g.spikes()) continue;
      if (g.kind == Kind.TIMES) {
        b.append(exchangePop(g, used, written).replace("\n  ", "\n    ").replaceFirst("^  ", "    "));
        continue;
      }
      List<Proj> uniform = g.outgoing.stream().filter(j -> j.uniformDelay >= 0).toList();
      String off = addInternal(g.id + "_off", "int32_t", "s->nt", "where each thread's spikes of " + g.name + " go in this step's merged order");
      String base = addInternal(g.id + "_base", "int64_t", (1 + uniform.size()) + "",
          "this step's first spike record of " + g.name + ", then its first ring entry in each uniform-delay projection");
      b.append("    { /* ").append(g.name).append(": places of each thread's spikes, counters */\n      const int32_t *cnt = s->").append(g.cnt)
          .append(";\n      int32_t *off = s->").append(off).append(";\n      int32_t total = 0;\n");
      b.append("      for (int32_t t = 0; t < nt; t++) { off[t] = total; total += cnt[t]; }\n");
      b.append("      ctl[").append(ctlSpikes + g.index).append("] += total;\n");
      if (g.rec != null) {
        b.append("      s->").append(base).append("[0] = ctl[").append(ctlRecords + g.rec.slot()).append("];\n      ctl[").append(ctlRecords + g.rec.slot())
            .append("] += total;\n");
      }
      b.append(countRates(g, "total").replace("\n    ", "\n      ").replaceFirst("^    ", "      "));
      for (int e = 0; e < uniform.size(); e++) {
        Proj j = uniform.get(e);
        b.append("      { const int32_t slot = (int32_t) ((n + 1 + ").append(j.uniformDelay).append(") % ").append(j.ringLength).append("); /* projection ")
            .append(j.ir.name()).append(" */\n        s->").append(base).append("[").append(1 + e).append("] = s->").append(j.ringN).append("[slot];\n        s->")
            .append(j.ringN).append("[slot] += total; }\n");
      }
      for (Proj j : g.outgoing) {
        if (j.uniformDelay >= 0) continue;
        // after the effects of every spike on pre-state (C below) would be the serial order; these sends read none of it
        b.append("      for (int32_t t = 0; t < nt; t++) { /* projection ").append(j.ir.name()).append(": per-connection delays, in merged order */\n")
            .append("        int32_t lo, hi;\n        nmc_part(").append(g.size).append(", nt, t, &lo, &hi);\n        const int32_t *spk = s->").append(g.spk)
            .append(" + lo;\n").append(pushConnections(j, "        ", "cnt[t]", "spk[q]")).append("      }\n");
      }
      b.append("    }\n");
      c.append("  { /* ").append(g.name).append(": this thread's spikes */\n    int32_t lo, hi;\n    nmc_part(").append(g.size).append(", nt, tid, &lo, &hi);\n")
          .append("    (void) hi;\n    const int32_t *spk = s->").append(g.spk).append(" + lo;\n    const int32_t total = s->").append(g.cnt)
          .append("[tid], at = s->").append(off).append("[tid];\n    (void) at;\n");
      if (g.rec != null) {
        c.append("    { const int64_t r = s->").append(base).append("[0] + at;\n      for (int32_t q = 0; q < total; q++) { s->").append(g.rec.idx())
            .append("[r + q] = spk[q]; s->").append(g.rec.step()).append("[r + q] = (int32_t) n; } }\n");
      }
      for (Proj j : g.outgoing) {
        if (j.emitTarget.isEmpty()) continue;
        c.append("    /* projection ").append(j.ir.name()).append(": effects on pre-state, once per source spike */\n");
        c.append("    for (int32_t q = 0; q < total; q++) {\n      const int32_t j = spk[q];\n").append(emitEffects(j, used, written)).append("    }\n");
      }
      for (int e = 0; e < uniform.size(); e++) {
        Proj j = uniform.get(e);
        c.append("    { /* projection ").append(j.ir.name()).append(": send */\n      int32_t *items = s->").append(j.ring).append(" + (int64_t) ((n + 1 + ")
            .append(j.uniformDelay).append(") % ").append(j.ringLength).append(") * ").append(Math.max(1, j.pre.size)).append(" + s->").append(base).append("[")
            .append(1 + e).append("] + at;\n      for (int32_t q = 0; q < total; q++) items[q] = spk[q];\n    }\n");
      }
      c.append("    s->").append(g.cnt).append("[tid] = 0;\n  }\n");
    }
    boolean traceAfterEffects = traces.stream().anyMatch(t -> pops.stream().flatMap(g -> g.outgoing.stream())
        .anyMatch(j -> j.emitTarget.contains(traceSource.get(t.field()))));
    StringBuilder f = new StringBuilder();
    f.append("/* Step 6 on every thread of the grid: A. count the events delivered now; B (thread 0). empty the slots, spike-time\n")
        .append(" * sources, per-connection-delay sends, each thread's places in the merged order and the counters; C. every thread\n")
        .append(" * records, runs the pre-state effects of and sends its own spikes at those places; then the state probes. */\n");
    f.append("static void nmc_exchange_par(nmc_sim *s, int64_t n, double tn1, int32_t tid, int32_t *sense) {\n  (void) tn1;\n")
        .append("  int64_t *restrict ctl = s->ctl;\n  const int32_t nt = s->nt;\n").append(decls(used, written));
    f.append(a).append("  nmc_wait(&s->bar, sense);\n  if (tid == 0) {\n").append(b).append("  }\n  nmc_wait(&s->bar, sense);\n").append(c);
    if (traceAfterEffects) f.append("  nmc_wait(&s->bar, sense); /* a probed variable changed by the effects above */\n");
    f.append(writeTraces("n + 1").replace("for (int32_t r = 0; r < ", "for (int32_t r = tid; r < ").replace("; r++) out[", "; r += nt) out["));
    f.append("}\n\n");
    return f.toString();
  }

  /** One thread: count the events the projection delivered in this step and empty its slot. */
  private String countEvents(Proj j) {
    StringBuilder b = new StringBuilder();
    b.append("  { /* projection ").append(j.ir.name()).append(": count the events delivered in this step, empty the slot */\n");
    if (j.uniformDelay >= 0) {
      b.append("    const int32_t slot = (int32_t) (n % ").append(j.ringLength).append(");\n");
      b.append("    const int32_t *items = s->").append(j.ring).append(" + (int64_t) slot * ").append(Math.max(1, j.pre.size)).append(";\n");
      b.append("    const int32_t *split = s->").append(j.splitField).append(";\n");
      b.append("    int64_t ev = 0;\n    for (int32_t q = 0; q < s->").append(j.ringN).append("[slot]; q++) ev += split[(int64_t) (items[q] + 1) * s->nt] - split[(int64_t) items[q] * s->nt];\n");
      b.append("    ctl[").append(ctlEvents + j.index).append("] += ev;\n    s->").append(j.ringN).append("[slot] = 0;\n  }\n");
    } else {
      b.append("    nmc_ivec *due = &s->").append(j.ringV).append("[n % ").append(j.ringLength).append("];\n");
      b.append("    ctl[").append(ctlEvents + j.index).append("] += due->n;\n    due->n = 0;\n  }\n");
    }
    return b.toString();
  }

  /** One thread: merge, count, record, run pre-state effects and send the spikes of one population. */
  private String exchangePop(Pop g, Set<String> used, Set<String> written) {
    StringBuilder b = new StringBuilder();
    b.append("  { /* ").append(g.name).append(" */\n    int32_t *spk = s->").append(g.spk).append(";\n");
    if (g.kind == Kind.TIMES) b.append("    int32_t total = 0;\n").append(g.timesCode);
    else b.append("    const int32_t total = nmc_merge(spk, s->").append(g.cnt).append(", ").append(g.size).append(", s->nt);\n");
    b.append("    ctl[").append(ctlSpikes + g.index).append("] += total;\n");
    if (g.rec != null) {
      b.append("    int64_t c = ctl[").append(ctlRecords + g.rec.slot()).append("];\n");
      b.append("    for (int32_t q = 0; q < total; q++, c++) { s->").append(g.rec.idx()).append("[c] = spk[q]; s->").append(g.rec.step())
          .append("[c] = (int32_t) n; }\n");
      b.append("    ctl[").append(ctlRecords + g.rec.slot()).append("] = c;\n");
    }
    b.append(countRates(g, "total"));
    for (Proj j : g.outgoing) {
      if (!j.emitTarget.isEmpty()) {
        b.append("    /* projection ").append(j.ir.name()).append(": effects on pre-state, once per source spike */\n");
        b.append("    for (int32_t q = 0; q < total; q++) {\n      const int32_t j = spk[q];\n").append(emitEffects(j, used, written)).append("    }\n");
      }
      // sent even without effects on arrival: the events are counted when they arrive, as in the reference
      b.append("    /* projection ").append(j.ir.name()).append(": send */\n");
      if (j.uniformDelay >= 0) {
        b.append("    { const int32_t slot = (int32_t) ((n + 1 + ").append(j.uniformDelay).append(") % ").append(j.ringLength).append(");\n");
        b.append("      int32_t *items = s->").append(j.ring).append(" + (int64_t) slot * ").append(Math.max(1, j.pre.size)).append(";\n");
        b.append("      const int32_t *split = s->").append(j.splitField).append(";\n      int32_t m = s->").append(j.ringN).append("[slot];\n");
        b.append("      for (int32_t q = 0; q < total; q++) if (split[(int64_t) (spk[q] + 1) * s->nt] > split[(int64_t) spk[q] * s->nt]) items[m++] = spk[q];\n");
        b.append("      s->").append(j.ringN).append("[slot] = m; }\n");
      } else {
        b.append(pushConnections(j, "    ", "total", "spk[q]"));
      }
    }
    b.append("  }\n");
    return b.toString();
  }

  /** Adds {@code total} spikes of {@code g} to the current bin of each of its rate probes. */
  private String countRates(Pop g, String total) {
    StringBuilder b = new StringBuilder();
    for (RateRec r : g.rateProbes) {
      b.append("    { int64_t bin = (int64_t) (((double) n + 0.5) * DT / ").append(CExpr.litDouble(r.bin())).append(");\n      const int64_t last = ctl[")
          .append(ctlBins + rates.indexOf(r)).append("] - 1;\n      if (bin > last) bin = last;\n      s->").append(r.field()).append("[bin] += ").append(total)
          .append("; }\n");
    }
    return b.toString();
  }

  /** The projection's effects on its pre-state for the source spike {@code j} (a C variable in scope). */
  private String emitEffects(Proj j, Set<String> used, Set<String> written) {
    currentPerm = j.perm;
    currentOwner = j.id;
    CExpr.Ctx c = new CExpr.Ctx("i", "j", "k", opt.float32() ? "((real) tn1)" : "tn1", used);
    StringBuilder b = new StringBuilder();
    for (int e = 0; e < j.emitTarget.size(); e++) {
      String x = j.emitTarget.get(e);
      used.add(x);
      written.add(x);
      b.append("      ").append(assign(x + "[j]", j.emitOp.get(e), cx.write(j.emitValue.get(e), c))).append("\n");
    }
    currentPerm = null;
    return b.toString();
  }

  /** Per-connection delays: each connection of the spikes {@code spike(q)}, q < {@code total}, into the ring slot it is due in. */
  private String pushConnections(Proj j, String in, String total, String spike) {
    return in + "{ const int32_t *split = s->" + j.splitField + ";\n" + in + "  const int32_t *delay = s->" + j.delayField + ";\n"
        + in + "  for (int32_t q = 0; q < " + total + "; q++)\n"
        + in + "    for (int32_t k = split[(int64_t) (" + spike + ") * s->nt], end = split[(int64_t) (" + spike + " + 1) * s->nt]; k < end; k++)\n"
        + in + "      if (nmc_push(&s->" + j.ringV + "[(n + 1 + delay[k]) % " + j.ringLength + "], k) != 0) s->failed = 1; }\n";
  }

  private String writeTraces(String k) {
    StringBuilder b = new StringBuilder();
    for (TraceRec t : traces) {
      String src = traceSource.get(t.field());
      b.append("  { /* probe ").append(t.probe().name()).append(" */\n    const int32_t *idx = s->").append(t.idxField()).append(";\n    real *out = s->")
          .append(t.field()).append(" + (").append(k).append(");\n");
      b.append("    for (int32_t r = 0; r < ").append(t.indices().length).append("; r++) out[(int64_t) r * ").append("s->ctl[").append(ctlStride).append("]] = s->")
          .append(src).append("[idx[r]];\n  }\n");
    }
    return b.toString();
  }

  private String writeBegin() {
    return "/* Before step 0: record the initial state; rising spike conditions start from their value at t = 0. */\n"
        + "static void nmc_begin(nmc_sim *s) {\n" + beginCode + writeTraces("0") + "}\n\n";
  }

  // -- the step loop -------------------------------------------------------------------------------------------------

  private String writeLoop() {
    boolean serialDeliver = serialDelivery(), serialPorts = serialPorts();
    StringBuilder b = new StringBuilder();
    if (opt.cuda()) {
      b.append("/* Runs steps [from, to) on a cooperative grid of exactly s->nt threads (thread i owns slice i); the phases that need\n")
          .append(" * one thread run on thread 0 between grid syncs. *result: the step reached, or -1 (device heap short). */\n")
          .append("extern \"C\" __global__ void nmc_dev_run(nmc_sim *s, int64_t from, int64_t to, int64_t *result) {\n")
          .append("  const int32_t tid = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x);\n")
          .append("  const int ok = (int64_t) gridDim.x * blockDim.x == s->nt; /* else the slices would not cover the network */\n")
          .append("  if (tid == 0) {\n    s->failed = ok ? 0 : 2;\n    if (from == 0 && ok) nmc_begin(s);\n    s->stop = ok && nmc_room(s) ? to : from;\n  }\n")
          .append("  int32_t sense = 0;\n  nmc_wait(&s->bar, &sense);\n  {\n");
      b.append("    for (int64_t n = from; ok && n < s->stop; n++) {\n");
    } else {
    b.append("/* Runs steps [from, to) on s->nt threads; the phases that need one thread run on thread 0 between barriers. */\n");
    b.append("int64_t nmc_run(void *sp, int64_t from, int64_t to) {\n  nmc_sim *s = (nmc_sim *) sp;\n");
    b.append("  if (from == 0) nmc_begin(s);\n  if (!nmc_room(s)) return from;\n  s->stop = to;\n  s->failed = 0;\n  nmc_barrier_init(&s->bar, s->nt);\n");
    b.append("#pragma omp parallel num_threads(s->nt)\n  {\n#ifdef _OPENMP\n    const int32_t tid = (int32_t) omp_get_thread_num();\n")
        .append("    const int ok = omp_get_num_threads() == s->nt; /* else the slices would not cover the network */\n")
        .append("    if (!ok) s->failed = 2;\n#else\n    const int32_t tid = 0;\n    const int ok = 1;\n#endif\n    int32_t sense = 0;\n");
    b.append("    for (int64_t n = from; ok && n < to; n++) {\n");
    }
    b.append("      const double tn = (double) n * DT, tn1 = (double) (n + 1) * DT;\n");
    b.append("      /* 1. deliver the spikes due now */\n");
    List<Proj> delivering = projs.stream().filter(Proj::delivers).toList();
    if (!delivering.isEmpty()) {
      if (serialDeliver) {
        b.append("      if (tid == 0) {\n");
        for (Proj j : delivering) b.append("        ").append(j.id).append("_deliver(s, n, tn, 0, s->nt);\n");
        b.append("      }\n      nmc_wait(&s->bar, &sense);\n");
      } else {
        for (Proj j : delivering) b.append("      ").append(j.id).append("_deliver(s, n, tn, tid, tid + 1);\n");
      }
    }
    b.append("      /* 2. ports */\n");
    List<Pop> withPorts = pops.stream().filter(g -> g.kind == Kind.NEURONS && !g.portField.isEmpty()).toList();
    if (serialPorts) {
      if (!serialDeliver) b.append("      nmc_wait(&s->bar, &sense);\n");
      b.append("      if (tid == 0) {\n");
      for (Pop g : withPorts) b.append("        ").append(g.id).append("_ports(s, n, tn, 0, s->nt);\n");
      b.append("        nmc_ports_serial(s, n, tn);\n      }\n      nmc_wait(&s->bar, &sense);\n");
    } else {
      for (Pop g : withPorts) b.append("      ").append(g.id).append("_ports(s, n, tn, tid, tid + 1);\n");
    }
    b.append("      /* 3. integrate synapse state, then neurons; 4. thresholds; 5. sources */\n");
    for (Proj j : projs) {
      if (!j.postOdes.isEmpty()) b.append("      ").append(j.id).append("_post_odes(s, n, tn, tid);\n");
      if (!j.preOdes.isEmpty()) b.append("      ").append(j.id).append("_pre_odes(s, n, tn, tid);\n");
    }
    for (Pop g : pops) {
      if (g.kind == Kind.NEURONS) b.append("      ").append(g.id).append("_update(s, n, tn, tn1, tid);\n");
      else if (g.kind == Kind.POISSON) b.append("      ").append(g.id).append("_fire(s, n, tn, tid);\n");
    }
    b.append("      nmc_wait(&s->bar, &sense);\n");
    if (opt.parallelExchange()) {
      b.append("      /* 6. merge, record and send the spikes of this step, on every thread */\n      nmc_exchange_par(s, n, tn1, tid, &sense);\n")
          .append("      if (tid == 0 && n + 1 < to && (s->failed || !nmc_room(s))) s->stop = n + 1;\n      nmc_wait(&s->bar, &sense);\n");
    } else {
      b.append("      /* 6. merge, record and send the spikes of this step */\n      if (tid == 0) {\n        nmc_exchange(s, n, tn1);\n")
          .append("        if (n + 1 < to && (s->failed || !nmc_room(s))) s->stop = n + 1;\n      }\n      nmc_wait(&s->bar, &sense);\n");
    }
    b.append("      if (n + 1 >= s->stop) break;\n    }\n  }\n");
    if (opt.cuda()) b.append("  if (tid == 0) *result = s->failed ? -s->failed : s->stop;\n}\n");
    else b.append("  return s->failed ? -s->failed : s->stop;\n}\n");
    return b.toString();
  }

}
