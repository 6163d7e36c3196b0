#pragma once
// The wedged-crack sections of the five skin layers of a stroke
// (wedged_crack_solver.h), each layer's law taken with its response at the
// stroke's time scale (ConstitutiveLaw::elastic_response_at).
//
// A hyperelastic law without a length scale gives psi(q) proportional to its
// shear modulus mu once its shape is fixed, so a table is kept per law shape:
// psi / mu, N / mu and the stretch maps, keyed by the law's name, its energy
// per mu at three fixed deformations and the section settings. Distinct
// tables are solved in parallel, one rank each, read from and written to a
// cache directory (one file per key, written atomically), and shared by all
// ranks.

#include "constitutive_law.h"
#include "skin_layers.h"
#include "wedged_crack_section.h"
#include "wedged_crack_solver.h"

#include <mpi.h>

#include <array>
#include <functional>
#include <memory>
#include <string>

namespace needlesim
{
  class SectionTables
  {
  public:
    /// @p cache: directory of cached tables ("" for none); @p report: one
    /// line per table solved or read.
    SectionTables(const std::array<std::shared_ptr<const ConstitutiveLaw>, n_skin_layers> &laws,
                  double                                          time_scale,
                  const WedgedCrackSettings                      &settings,
                  const std::string                              &cache,
                  MPI_Comm                                        comm,
                  const std::function<void(const std::string &)> &report = {});

    /// The section of a layer, in its own modulus.
    const std::shared_ptr<const WedgedCrackSection> &
    section(unsigned int layer) const
    {
      return sections[layer];
    }
    const std::array<std::shared_ptr<const WedgedCrackSection>, n_skin_layers> &
    all() const
    {
      return sections;
    }
    /// The table of a layer (psi and N per unit shear modulus; the stretch maps).
    const WedgedCrackTable &
    table(unsigned int layer) const
    {
      return *tables[layer];
    }

    /// The cache key of a law's shape with these settings.
    static std::string
    key(const HyperelasticLaw &law, const WedgedCrackSettings &settings);

  private:
    std::array<std::shared_ptr<const WedgedCrackTable>, n_skin_layers>   tables;
    std::array<std::shared_ptr<const WedgedCrackSection>, n_skin_layers> sections;
  };
} // namespace needlesim
