/*
 * nmc_host_cuda.h: the host side of a generated CUDA network, built with `nvcc -shared` into the same library as
 * its kernels. It offers nmc_kernel.h's interface (nmc_abi, nmc_buffer_count, nmc_create, nmc_run, nmc_destroy),
 * so the cpu target's driver (NativeRun, through java.lang.foreign) runs a GPU network unchanged: the host's
 * buffers are copied to the device once, every step runs on the device, and after each nmc_run call only what the
 * host reads comes back: the counters, then the pending entries of each spike record (as many as its counter says),
 * and traces and rate bins only once the run has reached its last step (or failed); the counters go back down
 * before the next call, because the host empties the spike records between calls.
 *
 * Expects before it: NMC_NBUF, NMC_CTL (the counters' buffer), NMC_LAST_STEP (the run's steps),
 * nmc_host_bytes[] (each buffer's size), nmc_host_read[] (0: never read; 1: after every call; 2: its first
 * ctl[nmc_host_count[b]] elements of nmc_host_elem[b] bytes, after every call; 3: when the run ends),
 * nmc_host_written[] (1: the host writes it between calls), and the kernels nmc_dev_create, nmc_dev_run,
 * nmc_dev_destroy.
 */
#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#undef calloc /* the device code's heap allocation (nmc_runtime_cuda.h); host memory from here on */
#undef malloc /* (the host emulation of CUDA defines these two for device code) */
#undef free

#define NMC_KERNEL_ABI 1 /* nmc_kernel.h's */
#ifndef NMC_BLOCK_MAX
#define NMC_BLOCK_MAX 256 /* threads per block at most */
#endif

static char nmc_error_text[512];

/* False, with the reason in nmc_error_text, when a CUDA call failed. */
static int nmc_cuda_ok(cudaError_t e, const char *what) {
  if (e == cudaSuccess) return 1;
  snprintf(nmc_error_text, sizeof nmc_error_text, "%s failed: %s (%s)", what, cudaGetErrorString(e), cudaGetErrorName(e));
  return 0;
}

typedef struct {
  void *host[NMC_NBUF + 1];
  void *dev[NMC_NBUF + 1];
  void **table;   /* dev[] on the device */
  nmc_sim **out;  /* where nmc_dev_create leaves the simulation */
  int64_t *result;
  nmc_sim *sim;
  int32_t threads, block, grid;
} nmc_host;

static void nmc_host_free(nmc_host *h) {
  if (h == NULL) return;
  if (h->sim != NULL) {
    void *args[] = {&h->sim};
    if (cudaLaunchKernel(nmc_dev_destroy, dim3(1), dim3(1), args, 0, 0) == cudaSuccess) cudaDeviceSynchronize();
  }
  for (int b = 0; b < NMC_NBUF; b++) if (h->dev[b] != NULL) cudaFree(h->dev[b]);
  if (h->table != NULL) cudaFree(h->table);
  if (h->out != NULL) cudaFree(h->out);
  if (h->result != NULL) cudaFree(h->result);
  free(h);
}

/* Why the last nmc_create or nmc_run failed (empty when nothing failed). */
extern "C" const char *nmc_error(void) { return nmc_error_text; }

extern "C" int32_t nmc_abi(void) { return NMC_KERNEL_ABI; }

extern "C" int32_t nmc_buffer_count(void) { return NMC_NBUF; }

extern "C" void *nmc_create(void *const *buffers, int32_t count, int32_t threads, uint64_t seed, void *const *math) {
  (void) math; /* device code cannot call the host's functions: CUDA's exp, log ... are used */
  nmc_error_text[0] = 0;
  if (count != NMC_NBUF || threads < 1) {
    snprintf(nmc_error_text, sizeof nmc_error_text, "expected %d buffers and at least one thread", NMC_NBUF);
    return NULL;
  }
  int dev = 0, coop = 0, sms = 0, perSm = 0;
  if (!nmc_cuda_ok(cudaGetDevice(&dev), "cudaGetDevice")) return NULL;
  if (!nmc_cuda_ok(cudaDeviceGetAttribute(&coop, cudaDevAttrCooperativeLaunch, dev), "cudaDeviceGetAttribute")) return NULL;
  if (!coop) {
    snprintf(nmc_error_text, sizeof nmc_error_text, "device %d cannot launch cooperative kernels (the step loop syncs the whole grid)", dev);
    return NULL;
  }
  /* the grid is exactly `threads` threads in blocks of equal size, all resident at once (a cooperative launch) */
  int block = 1;
  for (int b = threads < NMC_BLOCK_MAX ? threads : NMC_BLOCK_MAX; b >= 1; b--) {
    if (threads % b == 0) {
      block = b;
      break;
    }
  }
  int grid = threads / block;
  if (!nmc_cuda_ok(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev), "cudaDeviceGetAttribute")) return NULL;
  if (!nmc_cuda_ok(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, nmc_dev_run, block, 0), "cudaOccupancyMaxActiveBlocksPerMultiprocessor")) return NULL;
  if ((int64_t) perSm * sms < grid) {
    snprintf(nmc_error_text, sizeof nmc_error_text, "--threads %d needs %d blocks of %d threads resident at once; this device holds %d (%d per multiprocessor x %d)",
        threads, grid, block, perSm * sms, perSm, sms);
    return NULL;
  }
  /* the network's buffers (state, synapse tables, probes) are cudaMalloc'ed; the kernels' scratch (spike lists,
   * spike rings, refractory counters) comes from the device heap, sized before the first launch that allocates
   * (later calls in this process keep the size already set): twice the fixed scratch plus 64 MB for the heap's own
   * bookkeeping and rings that grow, at least 256 MB, within the free memory less 16 MB for the driver */
  const size_t mb = (size_t) 1 << 20;
  size_t need = 0, heap = 0, freeBytes = 0, totalBytes = 0;
  for (int b = 0; b < NMC_NBUF; b++) need += nmc_host_bytes[b];
  const size_t scratch = NMC_SCRATCH_BYTES((size_t) threads);
  if (!nmc_cuda_ok(cudaMemGetInfo(&freeBytes, &totalBytes), "cudaMemGetInfo")) return NULL;
  const size_t room = freeBytes > need + 16 * mb ? freeBytes - need - 16 * mb : 0;
  if (room < scratch + 16 * mb) {
    snprintf(nmc_error_text, sizeof nmc_error_text, "the network needs %.0f MB of device memory (%.0f MB of state, synapse tables and probes, "
        "%.0f MB of scratch for %d threads); the device has %.0f MB free of %.0f MB", (double) (need + scratch + 32 * mb) / mb, (double) need / mb,
        (double) scratch / mb, threads, (double) freeBytes / mb, (double) totalBytes / mb);
    return NULL;
  }
  size_t want = 2 * scratch + 64 * mb;
  if (want < 256 * mb) want = 256 * mb;
  if (want > room) want = room;
  if (cudaDeviceGetLimit(&heap, cudaLimitMallocHeapSize) == cudaSuccess && heap < want) {
    if (cudaDeviceSetLimit(cudaLimitMallocHeapSize, want) != cudaSuccess) cudaGetLastError(); /* fixed after the process's first launch */
    if (cudaDeviceGetLimit(&heap, cudaLimitMallocHeapSize) != cudaSuccess) heap = 0;
  }
  nmc_host *h = (nmc_host *) calloc(1, sizeof(nmc_host));
  if (h == NULL) {
    snprintf(nmc_error_text, sizeof nmc_error_text, "out of host memory");
    return NULL;
  }
  h->threads = threads;
  h->block = block;
  h->grid = grid;
  for (int b = 0; b < NMC_NBUF; b++) {
    h->host[b] = buffers[b];
    if (!nmc_cuda_ok(cudaMalloc(&h->dev[b], nmc_host_bytes[b]), "cudaMalloc (network state)")
        || !nmc_cuda_ok(cudaMemcpy(h->dev[b], buffers[b], nmc_host_bytes[b], cudaMemcpyHostToDevice), "cudaMemcpy to the device")) {
      nmc_host_free(h);
      return NULL;
    }
  }
  if (!nmc_cuda_ok(cudaMalloc((void **) &h->table, (NMC_NBUF + 1) * sizeof(void *)), "cudaMalloc")
      || !nmc_cuda_ok(cudaMemcpy(h->table, h->dev, (NMC_NBUF + 1) * sizeof(void *), cudaMemcpyHostToDevice), "cudaMemcpy")
      || !nmc_cuda_ok(cudaMalloc((void **) &h->out, sizeof(nmc_sim *)), "cudaMalloc")
      || !nmc_cuda_ok(cudaMalloc((void **) &h->result, sizeof(int64_t)), "cudaMalloc")) {
    nmc_host_free(h);
    return NULL;
  }
  void *args[] = {&h->table, &count, &threads, &seed, &h->out};
  if (!nmc_cuda_ok(cudaLaunchKernel(nmc_dev_create, dim3(1), dim3(1), args, 0, 0), "launching nmc_dev_create") || !nmc_cuda_ok(cudaDeviceSynchronize(), "nmc_dev_create")
      || !nmc_cuda_ok(cudaMemcpy(&h->sim, h->out, sizeof(nmc_sim *), cudaMemcpyDeviceToHost), "cudaMemcpy")) {
    nmc_host_free(h);
    return NULL;
  }
  if (h->sim == NULL) {
    snprintf(nmc_error_text, sizeof nmc_error_text, "the device heap (%.0f MB) is too small for the kernels' scratch (%.0f MB); it is set before "
        "the first launch of a process: run this network in a process of its own", (double) heap / mb, (double) scratch / mb);
    nmc_host_free(h);
    return NULL;
  }
  return h;
}

/* Steps [from, to) on the device; returns the step reached, -1 when the device heap ran short, -3 on a CUDA
 * error (nmc_error says which). */
extern "C" int64_t nmc_run(void *sp, int64_t from, int64_t to) {
  nmc_host *h = (nmc_host *) sp;
  for (int b = 0; b < NMC_NBUF; b++) {
    if (nmc_host_written[b] && !nmc_cuda_ok(cudaMemcpy(h->dev[b], h->host[b], nmc_host_bytes[b], cudaMemcpyHostToDevice), "cudaMemcpy to the device")) return -3;
  }
  void *args[] = {&h->sim, &from, &to, &h->result};
  if (!nmc_cuda_ok(cudaLaunchCooperativeKernel(nmc_dev_run, dim3(h->grid), dim3(h->block), args, 0, 0), "cudaLaunchCooperativeKernel")
      || !nmc_cuda_ok(cudaDeviceSynchronize(), "nmc_dev_run")) {
    return -3;
  }
  int64_t reached = -3;
  if (!nmc_cuda_ok(cudaMemcpy(&reached, h->result, sizeof(int64_t), cudaMemcpyDeviceToHost), "cudaMemcpy from the device")) return -3;
  if (reached == -2) snprintf(nmc_error_text, sizeof nmc_error_text, "the grid (%d x %d) does not match --threads %d", h->grid, h->block, h->threads);
  /* the counters first: they say how much of each spike record is pending */
  if (!nmc_cuda_ok(cudaMemcpy(h->host[NMC_CTL], h->dev[NMC_CTL], nmc_host_bytes[NMC_CTL], cudaMemcpyDeviceToHost), "cudaMemcpy from the device")) return -3;
  const int64_t *ctl = (const int64_t *) h->host[NMC_CTL];
  const int end = reached >= NMC_LAST_STEP || reached < 0; /* traces and rate bins are read once, at the end */
  for (int b = 0; b < NMC_NBUF; b++) {
    size_t bytes = 0;
    if (nmc_host_read[b] == 2) {
      const int64_t n = ctl[nmc_host_count[b]];
      bytes = n > 0 ? (size_t) n * nmc_host_elem[b] : 0;
      if (bytes > nmc_host_bytes[b]) bytes = nmc_host_bytes[b];
    } else if (nmc_host_read[b] == 3 && end) {
      bytes = nmc_host_bytes[b];
    }
    if (bytes > 0 && !nmc_cuda_ok(cudaMemcpy(h->host[b], h->dev[b], bytes, cudaMemcpyDeviceToHost), "cudaMemcpy from the device")) return -3;
  }
  return reached;
}

extern "C" void nmc_destroy(void *sp) {
  nmc_host_free((nmc_host *) sp);
}
