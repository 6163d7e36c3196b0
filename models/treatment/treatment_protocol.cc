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
  TreatmentProtocol::declare_parameters(dealii::ParameterHandler &prm)
  {
    prm.declare_entry("Sessions",
                      "3",
                      dealii::Patterns::Integer(1, 50),
                      "[-] number of sessions (unless Session days is given)");
    declare_quantity(prm, "Interval", "28", "day", 1, 365, "days between two sessions");
    declare_quantity_list(prm,
                          "Session days",
                          "",
                          "day",
                          0,
                          3650,
                          "explicit session days from the first session (overrides Sessions "
                          "and Interval)");
    declare_quantity_list(prm,
                          "Session depths",
                          "",
                          "mm",
                          0.05,
                          5,
                          "depth setting of each session (default: Needle motion/Depth setting)");
    declare_quantity_list(
      prm, "Session passes", "", "-", 1, 100, "passes of each session (default: Device/Passes)");
    declare_quantity(prm,
                     "Follow-up",
                     "180",
                     "day",
                     1,
                     3650,
                     "end of the simulation, in days after the first session");
    declare_quantity(prm,
                     "Output interval",
                     "7",
                     "day",
                     0.1,
                     365,
                     "days between two ParaView snapshots of the patch");
  }



  TreatmentProtocol::Parameters
  TreatmentProtocol::parse_parameters(dealii::ParameterHandler &prm, const LayerStack &layers)
  {
    Parameters p;
    p.sessions        = prm.get_integer("Sessions");
    p.interval        = prm.get_double("Interval");
    p.session_days    = get_quantity_list(prm, "Session days");
    p.session_depths  = get_quantity_list(prm, "Session depths");
    p.session_passes  = get_quantity_list(prm, "Session passes");
    p.follow_up       = prm.get_double("Follow-up");
    p.output_interval = prm.get_double("Output interval");

    const unsigned int n    = p.session_days.empty() ? p.sessions : p.session_days.size();
    const double       last = p.session_days.empty() ? (n - 1) * p.interval : p.session_days.back();
    for (unsigned int k = 1; k < p.session_days.size(); ++k)
      if (p.session_days[k] < p.session_days[k - 1] + 1.0)
        throw InputError("Protocol/Session days",
                         prm.get("Session days"),
                         "increasing days at least 1 day apart",
                         "sessions " + std::to_string(k) + " and " + std::to_string(k + 1) +
                           " overlap");
    if (!p.session_days.empty() && p.session_days.front() != 0.0)
      throw InputError("Protocol/Session days",
                       prm.get("Session days"),
                       "a list starting with day 0 (the first session)");
    if (last >= p.follow_up)
      throw InputError("Protocol/Follow-up",
                       prm.get("Follow-up"),
                       "more than the last session day (" + number(last) + " day)",
                       "the follow-up ends before the last session");
    const auto check_count = [&](const std::vector<double> &list, const std::string &name) {
      if (!list.empty() && list.size() != n)
        throw InputError("Protocol/" + name,
                         prm.get(name),
                         "one value per session (" + std::to_string(n) + ")",
                         std::to_string(list.size()) + " values");
    };
    check_count(p.session_depths, "Session depths");
    check_count(p.session_passes, "Session passes");
    for (const double d : p.session_depths)
      if (d >= layers.total_thickness())
        throw InputError("Protocol/Session depths",
                         prm.get("Session depths"),
                         "below the region's skin thickness " + number(layers.total_thickness()) +
                           " mm",
                         "a needle would go through the skin");
    for (const double x : p.session_passes)
      if (x != std::round(x))
        throw InputError("Protocol/Session passes", prm.get("Session passes"), "whole numbers");
    return p;
  }



  void
  TreatmentProtocol::declare_patient(dealii::ParameterHandler &prm)
  {
    using dealii::Patterns::Bool;
    prm.declare_entry("Active skin infection", "false", Bool(), "[-] infection in the area");
    prm.declare_entry("Pregnancy", "false", Bool(), "[-] the patient is pregnant");
    prm.declare_entry("Breastfeeding", "false", Bool(), "[-] the patient is breastfeeding");
    prm.declare_entry("Cancer", "false", Bool(), "[-] active cancer");
    prm.declare_entry("Anticoagulants", "false", Bool(), "[-] the patient takes blood thinners");
    prm.declare_entry("Haemophilia", "false", Bool(), "[-] the patient has haemophilia");
    prm.declare_entry("Contraindication policy",
                      "refuse",
                      dealii::Patterns::Selection("refuse|warn"),
                      "refuse a contraindicated plan, or simulate it with a warning in every "
                      "output");
  }



  TreatmentProtocol::Patient
  TreatmentProtocol::parse_patient(dealii::ParameterHandler &prm)
  {
    Patient p;
    p.active_infection                     = prm.get_bool("Active skin infection");
    p.pregnant                             = prm.get_bool("Pregnancy");
    p.breastfeeding                        = prm.get_bool("Breastfeeding");
    p.cancer                               = prm.get_bool("Cancer");
    p.anticoagulants                       = prm.get_bool("Anticoagulants");
    p.haemophilia                          = prm.get_bool("Haemophilia");
    p.refuse                               = prm.get("Contraindication policy") == "refuse";
    const std::vector<std::string> reasons = contraindications(p);
    if (p.refuse && !reasons.empty())
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
    return p;
  }
} // namespace needlesim
