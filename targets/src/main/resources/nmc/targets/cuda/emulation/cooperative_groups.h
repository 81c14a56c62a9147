/* cooperative_groups for the host emulation of CUDA (see cuda_runtime.h beside it): a grid sync is a barrier of
 * every thread of the cooperative launch in progress. */
#ifndef NMC_CUDA_EMULATION_CG_H
#define NMC_CUDA_EMULATION_CG_H
#include "cuda_runtime.h"

namespace cooperative_groups {
struct grid_group {
  void sync() const {
    if (nmc_emu::grid_barrier == NULL) {
      fprintf(stderr, "grid sync outside a cooperative launch\n");
      abort();
    }
    pthread_barrier_wait(nmc_emu::grid_barrier);
  }
};
inline grid_group this_grid() { return grid_group{}; }
}  // namespace cooperative_groups
#endif
