package nmc.targets.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.AssignOp;
import nmc.ir.Decls.Binding;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.StateVar;
import nmc.ir.Dimension;
import nmc.ir.ExprText;
import nmc.ir.Ints;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cpu target's compiler handling, cache, options and emitted source, on a small CUBA-like network. */
class CpuTargetTest {
  @TempDir
  Path tmp;

  static final NeuronModel CUBA = new NeuronModel("CubaLIF",
      List.of(new Param("taum", Dimension.NONE, "s", ExprText.parse("0.02")), new Param("taue", Dimension.NONE, "s", ExprText.parse("0.005")),
          new Param("Vt", Dimension.NONE, "V", ExprText.parse("-0.05")), new Param("Vr", Dimension.NONE, "V", ExprText.parse("-0.06")),
          new Param("El", Dimension.NONE, "V", ExprText.parse("-0.049"))),
      List.of(new StateVar("v", Dimension.NONE, "V", ExprText.parse("Vr")), new StateVar("ge", Dimension.NONE, "V", ExprText.parse("0.0"))),
      List.of(),
      List.of(new Ode("v", ExprText.parse("(ge - (v - El)) / taum"), true), new Ode("ge", ExprText.parse("-ge / taue"), false)),
      ExprText.parse("v > Vt"), false, List.of(new Assign("v", AssignOp.SET, ExprText.parse("Vr"))), ExprText.parse("0.005"),
      IntegrationMethod.EXPONENTIAL_EULER, Span.NONE);

  static Network network(String name, double weight) {
    return network(name, weight, 400);
  }

  static Network network(String name, double weight, int size) {
    return new Network(name, List.of(CUBA), List.of(),
        List.of(new Population("exc", size, new Population.Neurons("CubaLIF", List.of(), List.of(new Binding("v", new ValueSpec.Uniform(-0.06, -0.05)))), Span.NONE)),
        List.of(new Projection("ee", "exc", "exc", "ge", null, List.of(), new Connectivity.FixedProbability(0.05, false), new ValueSpec.Const(weight),
            null, Projection.Sign.EXCITATORY, Span.NONE)),
        List.of(),
        List.of(new Probe("exc", Probe.Kind.SPIKES, "exc", null, Ints.EMPTY, 0, Span.NONE),
            new Probe("v", Probe.Kind.STATE, "exc", "v", Ints.of(0, 5), 0, Span.NONE)),
        new RunSettings(0.3, 1e-4, 3));
  }

  static SimResult run(CpuTarget t, Network net, Map<String, String> options) {
    return t.run(net, new TargetOptions(options), Target.Progress.NONE);
  }

  private List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void secondRunHitsTheCache() throws IOException {
    Path cache = tmp.resolve("cache");
    Network net = network("cache_test", 0.0004);
    SimResult first = run(new CpuTarget(new Toolchain("cc", cache)), net, Map.of());
    assertTrue(first.metrics().get("compile_s") > 0, "the first run compiles");
    assertEquals(1, files(cache).stream().filter(p -> p.toString().endsWith(".so")).count(), "one library in the cache");
    // a new target (a new process, as far as the cache knows) finds the library on disk
    SimResult second = run(new CpuTarget(new Toolchain("cc", cache)), net, Map.of());
    assertEquals(0.0, second.metrics().get("compile_s"), "the second run reuses the compiled kernel");
    assertTrue(second.metrics().get("run_s") > 0);
    assertArrayEquals(first.spikes().get(0).times(), second.spikes().get(0).times());
    // the seed, the duration and the thread count are data, not code: they reuse the kernel too
    SimResult reseeded = run(new CpuTarget(new Toolchain("cc", cache)), net.withRun(net.run().withSeed(99).withDuration(0.5)), Map.of("threads", "2"));
    assertEquals(0.0, reseeded.metrics().get("compile_s"), "other seeds, durations and thread counts reuse the kernel");
    assertEquals(5001, reseeded.traces().get(0).values()[0].length);
    assertTrue(files(cache).stream().noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left: " + files(cache));
  }

  @Test
  void missingCompilerIsAClearUserError() throws IOException {
    Path cache = tmp.resolve("cache");
    UserError e = assertThrows(UserError.class, () -> run(new CpuTarget(new Toolchain(tmp.resolve("no-such-cc").toString(), cache)),
        network("no_cc", 0.0004), Map.of()));
    assertTrue(e.render().contains("needs a C compiler"), e.render());
    assertTrue(e.render().contains("NMC_CC"), "the hint says how to choose a compiler: " + e.render());
    assertTrue(files(cache).stream().noneMatch(p -> p.toString().endsWith(".so")), "no cache entry");
  }

  @Test
  void failingCompilerIsAClearUserErrorAndLeavesNoCacheEntry() throws IOException {
    Path cache = tmp.resolve("cache");
    Path cc = tmp.resolve("broken-cc");
    // answers --version like a compiler, writes half an output file, then fails as a compile error would
    Files.writeString(cc, """
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo "broken-cc 1.0"; exit 0; fi
        while [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then echo partial > "$2"; fi; shift; done
        echo "kernel.c:1:1: error: simulated compiler failure" >&2
        exit 1
        """);
    Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwx------"));
    UserError e = assertThrows(UserError.class, () -> run(new CpuTarget(new Toolchain(cc.toString(), cache)), network("broken", 0.0004), Map.of()));
    assertTrue(e.render().contains("simulated compiler failure"), "the compiler's message is shown: " + e.render());
    assertTrue(e.render().contains("failed on the kernel generated for network broken"), e.render());
    List<Path> left = files(cache);
    assertTrue(left.stream().noneMatch(p -> p.toString().endsWith(".so") || p.toString().endsWith(".tmp")), "no library, no temporary: " + left);
  }

  @Test
  void optionsAreChecked() {
    CpuTarget t = new CpuTarget(new Toolchain("cc", tmp.resolve("cache")));
    Network net = network("options", 0.0004);
    assertTrue(assertThrows(UserError.class, () -> run(t, net, Map.of("precision", "float16"))).render().contains("must be 'float64' or 'float32', not 'float16'"));
    assertTrue(assertThrows(UserError.class, () -> run(t, net, Map.of("chips", "2"))).render().contains("has no option 'chips'"));
    assertTrue(assertThrows(UserError.class, () -> run(t, net, Map.of("math", "java", "precision", "float32"))).render().contains("float64"));
  }

  @Test
  void emittedSourceIsReadableAndCompiles() throws Exception {
    Network net = network("emit_test", 0.0004);
    String c = new CpuTarget(new Toolchain("cc", tmp.resolve("cache"))).emit(net, "c", TargetOptions.NONE, null);
    assertTrue(c.contains("/* population exc: 400 x CubaLIF"), "the population is named in a comment");
    assertTrue(c.contains("/* projection ee: exc -> exc.ge"), "the projection is named in a comment");
    assertTrue(c.contains("/* dv/dt = (ge - (v - El)) / taum"), "the equation is quoted");
    assertTrue(c.contains("int64_t nmc_run(void *sp, int64_t from, int64_t to)"), "it implements the kernel interface");
    Path src = tmp.resolve("emit.c");
    Files.writeString(src, c);
    Process p = new ProcessBuilder("cc", "-fsyntax-only", "-Wall", "-Werror=implicit-function-declaration", "-fopenmp", src.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "the emitted source compiles:\n" + out);
  }

  @Test
  void sameSpikesAsTheReferenceWithRecordsDrainedManyTimes() {
    // 400 neurons firing strongly: more spikes than one record buffer holds, so the kernel stops and the host
    // drains the records several times during the run
    Network net = network("drain", 0.002).withRun(new RunSettings(10.0, 1e-4, 5));
    SimResult ref = new ReferenceTarget().run(net, Target.Progress.NONE);
    SimResult cpu = run(new CpuTarget(new Toolchain("cc", tmp.resolve("cache"))), net, Map.of("threads", "2"));
    assertTrue(ref.populations().get(0).spikes() > 3 * 65536, "enough spikes to fill the record buffer: " + ref.populations().get(0).spikes());
    assertEquals(ref.populations(), cpu.populations());
    assertEquals(ref.synapticEvents(), cpu.synapticEvents());
    assertArrayEquals(ref.spikes().get(0).neuron(), cpu.spikes().get(0).neuron());
    assertArrayEquals(ref.spikes().get(0).times(), cpu.spikes().get(0).times());
    assertArrayEquals(ref.traces().get(0).values()[1], cpu.traces().get(0).values()[1], 0.0);
  }
}
