#include "treatment_protocol.h"

#include "parameters.h"

#include <cmath>

namespace needlesim
{
  namespace
  {
    std::string
    number(const double x)
    {
      return dealii::Utilities::to_string(x);
    }
  } // namespace



  TreatmentProtocol::TreatmentProtocol(const Parameters  &parameters,
                                       const double       depth_setting,
                                       const unsigned int passes)
    : param(parameters)
  {
    std::vector<double> days = param.session_days;
    if (days.empty())
      for (unsigned int k = 0; k < param.sessions; ++k)
        days.push_back(k * param.interval);
    for (unsigned int k = 0; k < days.size(); ++k)
      plan.push_back({days[k],
                      param.session_depths.empty() ? depth_setting : param.session_depths[k],
                      param.session_passes.empty() ?
                        passes :
                        static_cast<unsigned int>(std::lround(param.session_passes[k]))});
  }



  std::vector<std::string>
  TreatmentProtocol::contraindications(const Patient &p)
  {
    std::vector<std::string> reasons;
    if (p.active_infection)
      reasons.push_back("Patient/Active skin infection = true: needling spreads the infection");
    if (p.pregnant)
      reasons.push_back("Patient/Pregnancy = true: microneedling is contraindicated in pregnancy");
    if (p.breastfeeding)
      reasons.push_back("Patient/Breastfeeding = true: microneedling is contraindicated while "
                        "breastfeeding");
    if (p.cancer)
      reasons.push_back("Patient/Cancer = true: no needling of patients with (skin) cancer");
    if (p.anticoagulants)
      reasons.push_back("Patient/Anticoagulants = true: blood thinners make the channels bleed");
    if (p.haemophilia)
      reasons.push_back("Patient/Haemophilia = true: bleeding from every channel that reaches the "
                        "vascular plexus");
    return reasons;
  }



  void
  TreatmentProtocol::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_count(
      prm, "Sessions", sessions, 1, "[-] number of sessions (unless Session days is given)", 50);
    add_quantity(prm, "Interval", interval, "day", 1, 365, "days between two sessions");
    add_quantity_list(prm,
                      "Session days",
                      session_days,
                      "day",
                      0,
                      3650,
                      "explicit session days from the first session (overrides Sessions "
                      "and Interval)");
    add_quantity_list(prm,
                      "Session depths",
                      session_depths,
                      "mm",
                      0.05,
                      5,
                      "depth setting of each session (default: Needle motion/Depth setting)");
    add_quantity_list(prm,
                      "Session passes",
                      session_passes,
                      "-",
                      1,
                      100,
                      "passes of each session (default: Device/Passes)");
    add_quantity(prm,
                 "Follow-up",
                 follow_up,
                 "day",
                 1,
                 3650,
                 "end of the simulation, in days after the first session");
    add_quantity(prm,
                 "Output interval",
                 output_interval,
                 "day",
                 0.1,
                 365,
                 "days between two ParaView snapshots of the patch");
  }



  void
  TreatmentProtocol::Parameters::check(const LayerStack &layers) const
  {
    const unsigned int n    = session_days.empty() ? sessions : session_days.size();
    const double       last = session_days.empty() ? (n - 1) * interval : session_days.back();
    for (unsigned int k = 1; k < session_days.size(); ++k)
      if (session_days[k] < session_days[k - 1] + 1.0)
        throw InputError("Protocol/Session days",
                         list_text(session_days),
                         "increasing days at least 1 day apart",
                         "sessions " + std::to_string(k) + " and " + std::to_string(k + 1) +
                           " overlap");
    if (!session_days.empty() && session_days.front() != 0.0)
      throw InputError("Protocol/Session days",
                       list_text(session_days),
                       "a list starting with day 0 (the first session)");
    if (last >= follow_up)
      throw InputError("Protocol/Follow-up",
                       shortest_text(follow_up),
                       "more than the last session day (" + number(last) + " day)",
                       "the follow-up ends before the last session");
    const auto check_count = [&](const std::vector<double> &list, const std::string &name) {
      if (!list.empty() && list.size() != n)
        throw InputError("Protocol/" + name,
                         list_text(list),
                         "one value per session (" + std::to_string(n) + ")",
                         std::to_string(list.size()) + " values");
    };
    check_count(session_depths, "Session depths");
    check_count(session_passes, "Session passes");
    for (const double d : session_depths)
      if (d >= layers.total_thickness())
        throw InputError("Protocol/Session depths",
                         list_text(session_depths),
                         "below the region's skin thickness " + number(layers.total_thickness()) +
                           " mm",
                         "a needle would go through the skin");
    for (const double x : session_passes)
      if (x != std::round(x))
        throw InputError("Protocol/Session passes", list_text(session_passes), "whole numbers");
  }



  void
  TreatmentProtocol::Patient::add_parameters(dealii::ParameterHandler &prm)
  {
    add_flag(prm, "Active skin infection", active_infection, "[-] infection in the area");
    add_flag(prm, "Pregnancy", pregnant, "[-] the patient is pregnant");
    add_flag(prm, "Breastfeeding", breastfeeding, "[-] the patient is breastfeeding");
    add_flag(prm, "Cancer", cancer, "[-] active cancer");
    add_flag(prm, "Anticoagulants", anticoagulants, "[-] the patient takes blood thinners");
    add_flag(prm, "Haemophilia", haemophilia, "[-] the patient has haemophilia");
    add_choice(prm,
               "Contraindication policy",
               refuse,
               {{true, "refuse"}, {false, "warn"}},
               "refuse a contraindicated plan, or simulate it with a warning in every "
               "output");
  }



  void
  TreatmentProtocol::Patient::check() const
  {
    const std::vector<std::string> reasons = contraindications(*this);
    if (refuse && !reasons.empty())
      {
        std::string all = reasons.front();
        for (unsigned int k = 1; k < reasons.size(); ++k)
          all += "; " + reasons[k];
        throw InputError("Patient",
                         "contraindicated plan",
                         "no contraindication (or "
                         "Contraindication policy = warn)",
                         all);
      }
  }
} // namespace needlesim
