#include "stroke_energy.h"

namespace needlesim
{
  std::vector<std::string>
  StrokeEnergy::columns()
  {
    return {"time_s",
            "needle_work_mJ",
            "strain_energy_mJ",
            "viscous_stored_energy_mJ",
            "contact_energy_mJ",
            "section_energy_mJ",
            "fracture_energy_mJ",
            "friction_dissipation_mJ",
            "viscous_dissipation_mJ",
            "snap_dissipation_mJ",
            "balance_error"};
  }



  std::vector<double>
  StrokeEnergy::row(const double time) const
  {
    return {time,
            needle_work,
            strain,
            viscous_stored,
            contact,
            section,
            fracture,
            friction,
            viscous,
            snap,
            balance_error()};
  }
} // namespace needlesim
