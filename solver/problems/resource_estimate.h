#pragma once
// What a scenario will need, from its parameters alone, before any mesh,
// vector or matrix is allocated: the cells and unknowns of its largest
// problem and the memory of the run. The memory model is fitted to measured
// runs (Release, peak resident memory per rank, docs/theory.md "Resources"):
//   memory = ranks * 180 MB                 the libraries (deal.II, Trilinos, MPI)
//          + unknowns * bytes per unknown   34 kB for the 3-d finite-strain
//            solid (indentation benchmark n20-n32: 26-34 kB), 7.5 kB for the
//            axisymmetric stroke (section tables and crack state included:
//            35 770 unknowns, 314 MB per rank on 2 ranks), 1.5 kB for the
//            healing fields of a treatment patch (5 per node).
// A scenario whose estimate exceeds the memory the machine can give its
// ranks is refused before the run, naming the parameter that sets the size.

#include "scenario.h"

#include <mpi.h>

#include <string>

namespace needlesim
{
  struct ResourceEstimate
  {
    std::string problem; ///< e.g. "3-d finite-strain solid"
    double      cells     = 0.0;
    double      unknowns  = 0.0;
    double      memory_MB = 0.0; ///< all ranks together
    /// The parameter that sets the size, and its value.
    std::string parameter, value;
  };

  /// The estimate for @p s on @p ranks MPI ranks: of a treatment, the larger
  /// of its healing patch and the stroke that makes its deepest kernel.
  ResourceEstimate
  estimate_resources(const Scenario &s, unsigned int ranks);

  /// The memory the operating system can give now (MemAvailable) [MB].
  double
  available_memory_MB();

  /// Throws InputError naming the size parameter, with the estimate, if the
  /// ranks of @p comm on this machine would need more than it has available.
  void
  require_memory(const Scenario &s, MPI_Comm comm);
} // namespace needlesim
