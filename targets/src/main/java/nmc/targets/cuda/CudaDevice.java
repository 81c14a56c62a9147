package nmc.targets.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds out cheaply whether this machine has a usable CUDA device: first the device nodes ({@code /dev/nvidia*}),
 * then the driver library ({@code libcuda.so.1}, through java.lang.foreign) with {@code cuInit} and
 * {@code cuDeviceGetCount}. Nothing is installed or started; no process is run.
 */
public final class CudaDevice {
  private CudaDevice() {}

  /** Empty when a device is usable; else why not, in a few words ("no /dev/nvidia* device nodes"). */
  public static Optional<String> unavailableReason() {
    return unavailableReason(Path.of("/dev"), "libcuda.so.1");
  }

  static Optional<String> unavailableReason(Path dev, String library) {
    if (!hasDeviceNodes(dev)) return Optional.of("no " + dev.resolve("nvidia*") + " device nodes (no NVIDIA GPU or driver on this machine)");
    try (Arena arena = Arena.ofConfined()) {
      SymbolLookup cuda;
      try {
        cuda = SymbolLookup.libraryLookup(library, arena);
      } catch (IllegalArgumentException e) {
        return Optional.of("the CUDA driver library " + library + " cannot be loaded");
      }
      Linker linker = Linker.nativeLinker();
      MethodHandle init = linker.downcallHandle(cuda.find("cuInit").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      MethodHandle count = linker.downcallHandle(cuda.find("cuDeviceGetCount").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
      int rc = (int) init.invokeExact(0);
      if (rc != 0) return Optional.of("cuInit failed with CUDA error " + rc);
      MemorySegment n = arena.allocate(ValueLayout.JAVA_INT);
      rc = (int) count.invokeExact(n);
      if (rc != 0) return Optional.of("cuDeviceGetCount failed with CUDA error " + rc);
      if (n.get(ValueLayout.JAVA_INT, 0) < 1) return Optional.of("the CUDA driver reports no device");
      return Optional.empty();
    } catch (java.util.NoSuchElementException e) {
      return Optional.of("the CUDA driver library " + library + " lacks cuInit or cuDeviceGetCount");
    } catch (Throwable e) {
      return Optional.of("probing the CUDA driver failed: " + e);
    }
  }

  private static boolean hasDeviceNodes(Path dev) {
    try (Stream<Path> s = Files.list(dev)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith("nvidia"));
    } catch (java.io.IOException | SecurityException e) {
      return false;
    }
  }
}
