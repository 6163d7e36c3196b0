#include "clinical_metrics.h"

#include <cmath>
#include <string>

namespace needlesim
{
  namespace
  {
    /// The time at which f crosses @p level between (t0, f0) and (t1, f1):
    /// linear interpolation, or, for a decaying positive signal, linear in
    /// log f (exact for an exponential decay: a step of days then does not
    /// delay the crossing).
    double
    crossing(const double t0,
             const double f0,
             const double t1,
             const double f1,
             const double level,
             const bool   exponential = false)
    {
      if (f1 == f0)
        return t1;
      if (exponential && f0 > 0.0 && f1 > 0.0 && level > 0.0)
        return t0 + std::log(level / f0) * (t1 - t0) / std::log(f1 / f0);
      return t0 + (level - f0) * (t1 - t0) / (f1 - f0);
    }

    constexpr unsigned int papillary = index(SkinLayer::papillary_dermis);
  } // namespace



  double
  collagen(const HealingState &y)
  {
    return y[HealingField::new_collagen] + y[HealingField::mature_collagen];
  }



  ClinicalMetrics::ClinicalMetrics(const TreatmentSettings &treatment_,
                                   const TreatmentProtocol &plan_)
    : treatment(treatment_)
    , plan(plan_)
    , erythema_days(plan.sessions().size(), -1.0)
  {}



  void
  ClinicalMetrics::start(const LayerMeans &means, const Epidermis &epidermis)
  {
    open_after_first      = epidermis.open_fraction();
    open_previous         = open_after_first;
    inflammation_previous = means[papillary][HealingField::inflammation];
    red                   = inflammation_previous > treatment.erythema_threshold;
  }



  void
  ClinicalMetrics::step(const double      now,
                        const LayerMeans &means,
                        const Epidermis  &epidermis,
                        const bool        after_first_session)
  {
    // re-epithelialisation: 95 % of the first session's open surface closed
    if (reepithelialisation_day < 0 && after_first_session &&
        epidermis.open_fraction() <= 0.05 * open_after_first)
      reepithelialisation_day = crossing(
        t_previous, open_previous, now, epidermis.open_fraction(), 0.05 * open_after_first, true);
    open_previous = epidermis.open_fraction();
    // redness: papillary-dermis inflammation back under the threshold
    const double a = means[papillary][HealingField::inflammation];
    if (red && a <= treatment.erythema_threshold)
      {
        erythema_days[erythema_session] =
          crossing(t_previous, inflammation_previous, now, a, treatment.erythema_threshold, true) -
          plan.sessions()[erythema_session].day;
        red = false;
      }
    // visible improvement: papillary collagen gain over the threshold
    const double gain = 100.0 * (collagen(means[papillary]) - 1.0);
    if (visible_day < 0 && gain >= treatment.visibility_threshold)
      visible_day = crossing(t_previous, gain_previous, now, gain, treatment.visibility_threshold);
    inflammation_previous = a;
    gain_previous         = gain;
    t_previous            = now;
  }



  void
  ClinicalMetrics::report(const double      day,
                          const double      dermis_gain,
                          const LayerMeans &means,
                          const Epidermis  &epidermis)
  {
    dermis_gain_at[day]      = dermis_gain;
    epidermis_change_at[day] = epidermis.thickness_change_percent();
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      layer_gain_at[day][l] = 100.0 * (collagen(means[l]) - 1.0);
  }



  void
  ClinicalMetrics::session(const unsigned int k, const double now, const LayerMeans &means)
  {
    if (red) // still red at the next session
      erythema_days[erythema_session] = now - plan.sessions()[erythema_session].day;
    erythema_session      = k;
    inflammation_previous = means[papillary][HealingField::inflammation];
    red                   = inflammation_previous > treatment.erythema_threshold;
  }



  void
  ClinicalMetrics::finish(const double end_day)
  {
    if (red)
      erythema_days[erythema_session] = end_day - plan.sessions()[erythema_session].day;
  }



  void
  ClinicalMetrics::add_redness(RunResults &results, Curve &sessions) const
  {
    const std::size_t column = sessions.column("erythema_days");
    for (unsigned int k = 0; k < erythema_days.size(); ++k)
      {
        results.add("session_" + std::to_string(k + 1) + "_erythema_days", erythema_days[k]);
        sessions.rows[k][column] = erythema_days[k];
      }
    results.add("erythema_duration_days", erythema_days.front());
  }



  void
  ClinicalMetrics::add_outcomes(RunResults &results) const
  {
    for (const double d : days_reported)
      if (dermis_gain_at.count(d))
        {
          const std::string day = "_day" + std::to_string(int(d));
          results.add("collagen_gain_percent" + day, dermis_gain_at.at(d));
          for (unsigned int l = 0; l < n_skin_layers; ++l)
            results.add("collagen_gain_percent_" + layer_key(l) + day, layer_gain_at.at(d)[l]);
          results.add("epidermis_thickness_change_percent" + day, epidermis_change_at.at(d));
        }
    results.add("reepithelialisation_days", reepithelialisation_day);
    results.add("time_to_visible_days", visible_day);
  }
} // namespace needlesim
