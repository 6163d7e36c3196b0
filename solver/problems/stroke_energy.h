#pragma once
// The energy of a needle stroke, in one place [mJ = N mm, whole body].
//
//   W = U_e + U_v + U_c + U_s  +  D_fracture + D_friction + D_viscous + D_snap  (+ remainder)
//
//   W           needle work, trapezoidal rule of the axial needle force over
//               the needle travel (positive: the needle works on the skin),
//   U_e         elastic strain energy of the skin (FiniteStrainSolid),
//   U_v         energy still stored in the viscous (Maxwell) branches,
//   U_c         contact energy on the skin surface (penalty and friction stick),
//   U_s         energy of the wedged-crack sections along the needle (and stick),
//   D_fracture  G_c times the crack area created (split_channel.h),
//   D_friction  Coulomb friction on the surface and in the channel (return maps),
//   D_viscous   energy the dashpots release, from the branches' internal variables,
//   D_snap      the energy the unstable puncture releases at fixed needle
//               position beyond what fracture and friction take in the snap,
//               lost as kinetic energy (>= 0 by the puncture criterion).
// Every term comes from its own mechanism; the remainder is the error of
// the time integration, reported relative to W.

#include <string>
#include <vector>

namespace needlesim
{
  struct StrokeEnergy
  {
    double needle_work    = 0.0;
    double strain         = 0.0;
    double viscous_stored = 0.0;
    double contact        = 0.0;
    double section        = 0.0;
    double fracture       = 0.0;
    double friction       = 0.0;
    double viscous        = 0.0;
    double snap           = 0.0;

    double
    stored() const
    {
      return strain + viscous_stored + contact + section;
    }
    double
    dissipated() const
    {
      return fracture + friction + viscous + snap;
    }
    /// W - stored - dissipated.
    double
    remainder() const
    {
      return needle_work - stored() - dissipated();
    }
    /// remainder / W (0 while no work has been done).
    double
    balance_error() const
    {
      return needle_work != 0.0 ? remainder() / needle_work : 0.0;
    }

    /// Column names of energy_balance.csv, and one row of it.
    static std::vector<std::string>
    columns();
    std::vector<double>
    row(double time) const;
  };
} // namespace needlesim
