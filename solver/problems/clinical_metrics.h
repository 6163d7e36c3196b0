#pragma once
// The clinical numbers of a treatment, read off the healing as it goes
// (docs/theory.md §10, docs/validation.md R1-R5):
//  - redness after each session: the days until the papillary-dermis
//    inflammation falls back under the erythema threshold (R1);
//  - re-epithelialisation: the day 95 % of the epidermis opened by the first
//    session has closed (R5);
//  - visible improvement: the day the papillary collagen gain reaches the
//    visibility threshold (R2);
//  - collagen gain per layer and epidermal thickening at the report days
//    90 and 180 (R2-R4).
// Crossings are interpolated between the committed steps: in log for the
// decaying signals (exact for an exponential decay), linearly otherwise.

#include "epidermis.h"
#include "healing_kinetics.h"
#include "run_results.h"
#include "scenario.h"
#include "skin_layers.h"
#include "treatment_protocol.h"

#include <array>
#include <map>
#include <vector>

namespace needlesim
{
  /// Means of every healing field over the treated square, per layer.
  using LayerMeans = std::array<HealingState, n_skin_layers>;

  /// Collagen, new and mature, relative to healthy skin [-].
  double
  collagen(const HealingState &y);

  class ClinicalMetrics
  {
  public:
    ClinicalMetrics(const TreatmentSettings &treatment, const TreatmentProtocol &plan);

    /// Day 0, right after the first session.
    void
    start(const LayerMeans &means, const Epidermis &epidermis);

    /// A committed healing step ending on day @p now; @p after_first_session:
    /// no later session has been applied yet.
    void
    step(double now, const LayerMeans &means, const Epidermis &epidermis, bool after_first_session);

    /// The report days (90 and 180) [day].
    const std::vector<double> &
    report_days() const
    {
      return days_reported;
    }

    /// The state on report day @p day, with the dermis' collagen gain
    /// @p dermis_gain [%] (papillary and reticular, volume weighted).
    void
    report(double day, double dermis_gain, const LayerMeans &means, const Epidermis &epidermis);

    /// Session @p k (k >= 1) was applied on day @p now: the redness of the
    /// one before ends there if it has not yet, and that of session k starts.
    void
    session(unsigned int k, double now, const LayerMeans &means);

    /// The follow-up ends on day @p end_day.
    void
    finish(double end_day);

    /// The redness after each session: session_<k>_erythema_days and
    /// erythema_duration_days in @p results, the column erythema_days of
    /// @p sessions.
    void
    add_redness(RunResults &results, Curve &sessions) const;

    /// The collagen gains and epidermal thickening at the report days, the
    /// re-epithelialisation and the time to a visible improvement.
    void
    add_outcomes(RunResults &results) const;

  private:
    const TreatmentSettings  &treatment;
    const TreatmentProtocol  &plan;
    const std::vector<double> days_reported = {90.0, 180.0};

    std::vector<double> erythema_days;        ///< per session (-1: not measured)
    unsigned int        erythema_session = 0; ///< session whose redness is being timed
    bool                red              = false;
    double              open_after_first = 0.0, open_previous = 0.0;
    double              reepithelialisation_day = -1.0, visible_day = -1.0;
    double              inflammation_previous = 0.0, gain_previous = 0.0, t_previous = 0.0;

    std::map<double, double>                            dermis_gain_at, epidermis_change_at;
    std::map<double, std::array<double, n_skin_layers>> layer_gain_at;
  };
} // namespace needlesim
