/*
 * A CUDA runtime for the host CPU, for testing the cuda target's generated code without a GPU (Toolchain.cudaOnHost):
 * the generated .cu file is compiled by g++ as C++ with this header forced in first (-include cuda_runtime.h) and its
 * folder on the include path (for cooperative_groups.h). Every launch runs synchronously, each CUDA thread of the
 * grid as a host thread, a grid sync as a barrier of them all; device memory is host memory.
 *
 * It covers what the generated kernels and their host side (nmc_host_cuda.h) use, no more. What it cannot show:
 * CUDA's own exp/log/pow (the host's libm is used), timing, or memory ordering weaker than a barrier's.
 *
 * There is one emulated device per process, as there is one CUDA context: its state (the heap limit, fixed at the
 * first launch; the heap in use; the launch in progress) is in C++ inline variables, which g++ makes unique across
 * every library loaded, so every network built against this header in one JVM shares it, as on a GPU.
 *
 * The emulated device: NMC_EMU_SMS multiprocessors (default 4), each holding NMC_EMU_THREADS_PER_SM threads
 * (default 64), so a grid larger than 256 threads is refused as a real device would refuse it; the machine's memory,
 * or NMC_EMU_MEMORY bytes.
 */
#ifndef NMC_CUDA_EMULATION_H
#define NMC_CUDA_EMULATION_H
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#ifndef NMC_EMU_SMS
#define NMC_EMU_SMS 4
#endif
#ifndef NMC_EMU_THREADS_PER_SM
#define NMC_EMU_THREADS_PER_SM 64
#endif

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline

struct dim3 {
  unsigned x, y, z;
  dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};
struct uint3 {
  unsigned x, y, z;
};

namespace nmc_emu {
inline thread_local uint3 thread_idx, block_idx;
inline thread_local dim3 block_dim, grid_dim;
/* the barrier of the cooperative launch in progress (NULL in an ordinary launch, where a grid sync is an error) */
inline pthread_barrier_t *grid_barrier;
inline size_t heap_limit = 8u << 20; /* CUDA's default device heap */
inline bool launched;                /* the heap size is fixed after the first launch */
}  // namespace nmc_emu

#define threadIdx nmc_emu::thread_idx
#define blockIdx nmc_emu::block_idx
#define blockDim nmc_emu::block_dim
#define gridDim nmc_emu::grid_dim

static inline int __ffsll(long long x) { return __builtin_ffsll(x); }
static inline unsigned long long atomicAdd(unsigned long long *p, unsigned long long v) { return __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }

typedef enum cudaError {
  cudaSuccess = 0,
  cudaErrorInvalidValue = 1,
  cudaErrorMemoryAllocation = 2,
  cudaErrorLaunchFailure = 719,
  cudaErrorCooperativeLaunchTooLarge = 720
} cudaError_t;
enum cudaMemcpyKind { cudaMemcpyHostToHost = 0, cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2, cudaMemcpyDeviceToDevice = 3 };
enum cudaDeviceAttr { cudaDevAttrMultiProcessorCount = 16, cudaDevAttrCooperativeLaunch = 95 };
enum cudaLimit { cudaLimitMallocHeapSize = 2 };
typedef struct nmc_emu_stream *cudaStream_t;

namespace nmc_emu {
inline cudaError_t last_error = cudaSuccess;
inline cudaError_t fail(cudaError_t e) {
  last_error = e;
  return e;
}

template <class... A, size_t... I>
void call(void (*f)(A...), void **args, std::index_sequence<I...>) {
  f(*static_cast<std::remove_reference_t<A> *>(args[I])...);
}

/* Runs f on every thread of the grid (1-D grids and blocks: all the generated code uses), then returns. */
template <class... A>
cudaError_t launch(void (*f)(A...), dim3 grid, dim3 block, void **args, bool cooperative) {
  if (grid.y * grid.z * block.y * block.z != 1 || grid.x < 1 || block.x < 1) return fail(cudaErrorInvalidValue);
  unsigned n = grid.x * block.x;
  if (cooperative && n > (unsigned) NMC_EMU_SMS * NMC_EMU_THREADS_PER_SM) return fail(cudaErrorCooperativeLaunchTooLarge);
  pthread_barrier_t bar;
  if (cooperative) pthread_barrier_init(&bar, NULL, n);
  grid_barrier = cooperative ? &bar : NULL;
  launched = true;
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (unsigned t = 0; t < n; t++) {
    threads.emplace_back([=] {
      thread_idx = uint3{t % block.x, 0, 0};
      block_idx = uint3{t / block.x, 0, 0};
      block_dim = block;
      grid_dim = grid;
      call(f, args, std::index_sequence_for<A...>{});
    });
  }
  for (std::thread &th : threads) th.join();
  if (cooperative) pthread_barrier_destroy(&bar);
  grid_barrier = NULL;
  return cudaSuccess;
}
}  // namespace nmc_emu

static inline const char *cudaGetErrorString(cudaError_t e) {
  switch (e) {
    case cudaSuccess: return "no error";
    case cudaErrorInvalidValue: return "invalid argument";
    case cudaErrorMemoryAllocation: return "out of memory";
    case cudaErrorCooperativeLaunchTooLarge: return "too many blocks in cooperative launch";
    default: return "unspecified launch failure";
  }
}
static inline const char *cudaGetErrorName(cudaError_t e) {
  switch (e) {
    case cudaSuccess: return "cudaSuccess";
    case cudaErrorInvalidValue: return "cudaErrorInvalidValue";
    case cudaErrorMemoryAllocation: return "cudaErrorMemoryAllocation";
    case cudaErrorCooperativeLaunchTooLarge: return "cudaErrorCooperativeLaunchTooLarge";
    default: return "cudaErrorLaunchFailure";
  }
}
static inline cudaError_t cudaGetLastError(void) {
  cudaError_t e = nmc_emu::last_error;
  nmc_emu::last_error = cudaSuccess;
  return e;
}
static inline cudaError_t cudaGetDevice(int *dev) {
  *dev = 0;
  return cudaSuccess;
}
static inline cudaError_t cudaDeviceGetAttribute(int *value, cudaDeviceAttr attr, int dev) {
  if (dev != 0) return nmc_emu::fail(cudaErrorInvalidValue);
  *value = attr == cudaDevAttrMultiProcessorCount ? NMC_EMU_SMS : attr == cudaDevAttrCooperativeLaunch ? 1 : 0;
  return cudaSuccess;
}
template <class T>
static inline cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int *blocks, T *func, int blockSize, size_t sharedMem) {
  (void) func;
  (void) sharedMem;
  if (blockSize < 1) return nmc_emu::fail(cudaErrorInvalidValue);
  *blocks = NMC_EMU_THREADS_PER_SM / blockSize;
  return cudaSuccess;
}
/* the emulated device's memory is this machine's: its available and its physical memory (or NMC_EMU_MEMORY bytes) */
static inline cudaError_t cudaMemGetInfo(size_t *freeBytes, size_t *totalBytes) {
#ifdef NMC_EMU_MEMORY
  *freeBytes = *totalBytes = (size_t) NMC_EMU_MEMORY;
  return cudaSuccess;
#endif
  size_t page = (size_t) sysconf(_SC_PAGESIZE);
  *freeBytes = (size_t) sysconf(_SC_AVPHYS_PAGES) * page;
  *totalBytes = (size_t) sysconf(_SC_PHYS_PAGES) * page;
  return cudaSuccess;
}
static inline cudaError_t cudaDeviceGetLimit(size_t *value, cudaLimit limit) {
  if (limit != cudaLimitMallocHeapSize) return nmc_emu::fail(cudaErrorInvalidValue);
  *value = nmc_emu::heap_limit;
  return cudaSuccess;
}
static inline cudaError_t cudaDeviceSetLimit(cudaLimit limit, size_t value) {
  if (limit != cudaLimitMallocHeapSize || nmc_emu::launched) return nmc_emu::fail(cudaErrorInvalidValue);
  nmc_emu::heap_limit = value;
  return cudaSuccess;
}
static inline cudaError_t cudaMalloc(void **p, size_t bytes) {
  /* like cudaMalloc, the contents are not zeroed: fill them so that reading before writing shows */
  *p = malloc(bytes == 0 ? 1 : bytes);
  if (*p == NULL) return nmc_emu::fail(cudaErrorMemoryAllocation);
  memset(*p, 0xA5, bytes);
  return cudaSuccess;
}
static inline cudaError_t cudaFree(void *p) {
  free(p);
  return cudaSuccess;
}
static inline cudaError_t cudaMemcpy(void *dst, const void *src, size_t bytes, cudaMemcpyKind kind) {
  (void) kind;
  memcpy(dst, src, bytes);
  return cudaSuccess;
}
static inline cudaError_t cudaDeviceSynchronize(void) { return cudaSuccess; }

template <class... A>
static inline cudaError_t cudaLaunchKernel(void (*f)(A...), dim3 grid, dim3 block, void **args, size_t sharedMem = 0, cudaStream_t stream = 0) {
  (void) sharedMem;
  (void) stream;
  return nmc_emu::launch(f, grid, block, args, false);
}
template <class... A>
static inline cudaError_t cudaLaunchCooperativeKernel(void (*f)(A...), dim3 grid, dim3 block, void **args, size_t sharedMem = 0,
    cudaStream_t stream = 0) {
  (void) sharedMem;
  (void) stream;
  return nmc_emu::launch(f, grid, block, args, true);
}

/* Device code's malloc and free draw on a heap of cudaLimitMallocHeapSize bytes, as on a GPU, where the default
 * (8 MB) is far too small for a large network's scratch; nmc_host_cuda.h undefines both for its host code. */
#include <atomic>
namespace nmc_emu {
inline std::atomic<size_t> heap_used{0};
inline void *dev_malloc(size_t bytes) {
  size_t need = bytes + 16;
  if (heap_used.fetch_add(need) + need > heap_limit) {
    heap_used.fetch_sub(need);
    return NULL;
  }
  char *p = (char *) ::malloc(need);
  if (p == NULL) {
    heap_used.fetch_sub(need);
    return NULL;
  }
  *(size_t *) p = need;
  return p + 16;
}
inline void dev_free(void *q) {
  if (q == NULL) return;
  char *p = (char *) q - 16;
  heap_used.fetch_sub(*(size_t *) p);
  ::free(p);
}
}  // namespace nmc_emu
#define malloc(n) nmc_emu::dev_malloc(n)
#define free(p) nmc_emu::dev_free(p)

/* several blocks even in the small grids of the tests */
#define NMC_BLOCK_MAX 32
#endif
