#pragma once
// A microneedling treatment plan: when the sessions happen, what the device
// does in each, how long the skin is followed, and the patient factors that
// decide whether the plan may be simulated at all.
//
// Sessions: n sessions at a fixed interval (days), or an explicit list of
// session days; each session may have its own depth setting and number of
// passes (otherwise the device's). Follow-up ends a given number of days after
// the first session. Times in days.
//
// Contraindications (the project brief; e.g. Alster & Graham 2018, Iriarte et
// al. 2017): active skin infection, pregnancy, breastfeeding, cancer,
// anticoagulants, haemophilia. A contraindicated plan is refused with the
// reason, or, with policy 'warn', simulated with the reason recorded in
// every output.

#include "skin_layers.h"

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace needlesim
{
  struct TreatmentSession
  {
    double       day;           ///< [day] from the first session
    double       depth_setting; ///< [mm]
    unsigned int passes;
  };

  class TreatmentProtocol
  {
  public:
    struct Parameters
    {
      unsigned int        sessions = 3;
      double              interval = 28.0;         ///< [day]
      std::vector<double> session_days;            ///< [day], overrides sessions/interval
      std::vector<double> session_depths;          ///< [mm], one per session or empty
      std::vector<double> session_passes;          ///< one per session or empty
      double              follow_up       = 180.0; ///< [day] after the first session
      double              output_interval = 7.0;   ///< [day] between ParaView snapshots

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
      /// Checks the plan (increasing session days at least one day apart,
      /// within the follow-up; one depth/passes per session; depths within
      /// the region's skin @p layers); throws InputError.
      void
      check(const LayerStack &layers) const;
    };

    struct Patient
    {
      bool active_infection = false;
      bool pregnant         = false;
      bool breastfeeding    = false;
      bool cancer           = false;
      bool anticoagulants   = false;
      bool haemophilia      = false;
      bool refuse           = true; ///< policy: refuse (true) or warn

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
      /// Throws InputError for a contraindicated plan when the policy is
      /// 'refuse'.
      void
      check() const;
    };

    /// @p depth_setting and @p passes: the device's defaults.
    TreatmentProtocol(const Parameters &parameters, double depth_setting, unsigned int passes);

    const std::vector<TreatmentSession> &
    sessions() const
    {
      return plan;
    }

    double
    end_day() const
    {
      return param.follow_up;
    }

    double
    output_interval() const
    {
      return param.output_interval;
    }

    /// The contraindications present, one sentence each.
    static std::vector<std::string>
    contraindications(const Patient &patient);


  private:
    Parameters                    param;
    std::vector<TreatmentSession> plan;
  };
} // namespace needlesim
