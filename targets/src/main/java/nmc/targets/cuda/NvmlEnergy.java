package nmc.targets.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The GPU's energy counter through NVML ({@code libnvidia-ml.so.1}, java.lang.foreign): millijoules consumed since
 * the driver loaded ({@code nvmlDeviceGetTotalEnergyConsumption}, Volta and later), and the board's power limit,
 * for an estimate where the counter is missing. Device 0, as the CUDA runtime's default device on a one-GPU machine.
 * NVML is loaded and initialised once per JVM (the first run that asks), not once per run; its handles and the
 * result slot are shared, so the two reads are synchronized.
 */
final class NvmlEnergy {
  private static final Linker LINKER = Linker.nativeLinker();
  private final MethodHandle energy, limit;
  private final MemorySegment device, out;

  private NvmlEnergy(MethodHandle energy, MethodHandle limit, MemorySegment device, MemorySegment out) {
    this.energy = energy;
    this.limit = limit;
    this.device = device;
    this.out = out;
  }

  /** Loaded on first use: dlopen and nvmlInit_v2 once per JVM. */
  private static final class Holder {
    static final Optional<NvmlEnergy> NVML = load();
  }

  /** NVML on device 0, or empty when the library, its initialisation or the device is missing. */
  static Optional<NvmlEnergy> open() {
    return Holder.NVML;
  }

  private static Optional<NvmlEnergy> load() {
    try {
      Arena arena = Arena.global();
      SymbolLookup nvml = SymbolLookup.libraryLookup("libnvidia-ml.so.1", arena);
      MethodHandle init = LINKER.downcallHandle(nvml.find("nvmlInit_v2").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
      MethodHandle handle = LINKER.downcallHandle(nvml.find("nvmlDeviceGetHandleByIndex_v2").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
      MethodHandle energy = LINKER.downcallHandle(nvml.find("nvmlDeviceGetTotalEnergyConsumption").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      MethodHandle limit = LINKER.downcallHandle(nvml.find("nvmlDeviceGetPowerManagementLimit").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      if ((int) init.invokeExact() != 0) return Optional.empty();
      MemorySegment slot = arena.allocate(ValueLayout.ADDRESS);
      if ((int) handle.invokeExact(0, slot) != 0) return Optional.empty();
      return Optional.of(new NvmlEnergy(energy, limit, slot.get(ValueLayout.ADDRESS, 0), arena.allocate(ValueLayout.JAVA_LONG)));
    } catch (Throwable e) {
      return Optional.empty(); // no NVML here: the caller reports no measured energy
    }
  }

  /** Millijoules since the driver loaded, or -1 when this GPU has no counter. */
  synchronized long millijoules() {
    try {
      return (int) energy.invokeExact(device, out) == 0 ? out.get(ValueLayout.JAVA_LONG, 0) : -1;
    } catch (Throwable e) {
      return -1;
    }
  }

  /** The board's power limit in watts, or -1. */
  synchronized double powerLimitWatts() {
    try {
      return (int) limit.invokeExact(device, out) == 0 ? (out.get(ValueLayout.JAVA_INT, 0) & 0xffffffffL) / 1000.0 : -1;
    } catch (Throwable e) {
      return -1;
    }
  }
}
