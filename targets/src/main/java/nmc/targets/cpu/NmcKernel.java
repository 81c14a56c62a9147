package nmc.targets.cpu;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;

/**
 * Java bindings for {@code nmc_kernel.h}, written in the style jextract generates: C type layouts, one nested
 * class per function with its {@link FunctionDescriptor} and downcall {@link MethodHandle}, and a static wrapper
 * per function that invokes it exactly. One difference from jextract's output: every network compiles to its own
 * shared library, so the handles are bound per library ({@link #load}) instead of once per class.
 */
final class NmcKernel {
  static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
  static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
  static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
  static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

  /** NMC_KERNEL_ABI of the header this class binds. */
  static final int NMC_KERNEL_ABI = 1;
  /** NMC_MATH_COUNT: host math functions passed to nmc_create. */
  static final int NMC_MATH_COUNT = 12;

  private static final Linker LINKER = Linker.nativeLinker();

  /** {@code int32_t nmc_abi(void)} */
  static final class nmc_abi {
    static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
  }

  /** {@code int32_t nmc_buffer_count(void)} */
  static final class nmc_buffer_count {
    static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
  }

  /** {@code void *nmc_create(void *const *buffers, int32_t count, int32_t threads, uint64_t seed, void *const *math)} */
  static final class nmc_create {
    static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_INT, C_LONG_LONG, C_POINTER);
  }

  /** {@code int64_t nmc_run(void *sim, int64_t from, int64_t to)} */
  static final class nmc_run {
    static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG_LONG, C_POINTER, C_LONG_LONG, C_LONG_LONG);
  }

  /** {@code const char *nmc_error(void)}: optional (the cuda target's host side has it): why the last call failed. */
  static final class nmc_error {
    static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER);
  }

  /** {@code void nmc_destroy(void *sim)} */
  static final class nmc_destroy {
    static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
  }

  final Path library;
  private final MethodHandle abi, bufferCount, create, run, destroy, error;

  private NmcKernel(Path library, SymbolLookup lookup) {
    this.library = library;
    abi = handle(lookup, "nmc_abi", nmc_abi.DESC);
    bufferCount = handle(lookup, "nmc_buffer_count", nmc_buffer_count.DESC);
    create = handle(lookup, "nmc_create", nmc_create.DESC);
    run = handle(lookup, "nmc_run", nmc_run.DESC);
    destroy = handle(lookup, "nmc_destroy", nmc_destroy.DESC);
    error = lookup.find("nmc_error").map(a -> LINKER.downcallHandle(a, nmc_error.DESC)).orElse(null);
  }

  /** Loads a compiled kernel for the life of the JVM (a library in use is never unloaded). */
  static NmcKernel load(Path library) {
    return new NmcKernel(library, SymbolLookup.libraryLookup(library, Arena.global()));
  }

  private static MethodHandle handle(SymbolLookup lookup, String name, FunctionDescriptor desc) {
    MemorySegment address = lookup.find(name).orElseThrow(() -> new IllegalStateException("kernel symbol " + name + " not found"));
    return LINKER.downcallHandle(address, desc);
  }

  int nmc_abi() {
    try {
      return (int) abi.invokeExact();
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  int nmc_buffer_count() {
    try {
      return (int) bufferCount.invokeExact();
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  MemorySegment nmc_create(MemorySegment buffers, int count, int threads, long seed, MemorySegment math) {
    try {
      return (MemorySegment) create.invokeExact(buffers, count, threads, seed, math);
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  long nmc_run(MemorySegment sim, long from, long to) {
    try {
      return (long) run.invokeExact(sim, from, to);
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  /** The kernel's own account of its last failure; empty when it has none (or cannot tell). */
  String nmc_error() {
    if (error == null) return "";
    try {
      MemorySegment text = (MemorySegment) error.invokeExact();
      return text.equals(MemorySegment.NULL) ? "" : text.reinterpret(4096).getString(0);
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  void nmc_destroy(MemorySegment sim) {
    try {
      destroy.invokeExact(sim);
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  /**
   * The host math table for nmc_create: upcall stubs to the very functions the reference target calls (Java's
   * {@code Math}), in the header's order exp log log10 sin cos tan tanh sinh cosh atan expm1 pow. Created once.
   */
  static MemorySegment javaMath() {
    return JavaMath.TABLE;
  }

  private static final class JavaMath {
    static final MemorySegment TABLE = build();

    private static MemorySegment build() {
      String[] unary = {"exp", "log", "log10", "sin", "cos", "tan", "tanh", "sinh", "cosh", "atan", "expm1"};
      Arena arena = Arena.global();
      MemorySegment table = arena.allocate(C_POINTER, NMC_MATH_COUNT);
      try {
        MethodHandles.Lookup l = MethodHandles.lookup();
        FunctionDescriptor f1 = FunctionDescriptor.of(C_DOUBLE, C_DOUBLE);
        for (int k = 0; k < unary.length; k++) {
          MethodHandle mh = l.findStatic(Math.class, unary[k], MethodType.methodType(double.class, double.class));
          table.setAtIndex(C_POINTER, k, LINKER.upcallStub(mh, f1, arena));
        }
        MethodHandle pow = l.findStatic(Math.class, "pow", MethodType.methodType(double.class, double.class, double.class));
        table.setAtIndex(C_POINTER, 11, LINKER.upcallStub(pow, FunctionDescriptor.of(C_DOUBLE, C_DOUBLE, C_DOUBLE), arena));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      return table;
    }
  }
}
