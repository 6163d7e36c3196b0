#pragma once
// A scenario: everything a run of needlesim needs, read from a .prm or .json
// file, validated, in the units mm, N, MPa, s. Scenario::declare_parameters()
// is the single place that defines the file format; `needlesim
// --print-parameters` prints it with units, ranges and meanings.

#include "constitutive_law.h"
#include "device_pattern.h"
#include "epidermis.h"
#include "finite_strain_solid.h"
#include "healing_kinetics.h"
#include "injury_law.h"
#include "needle.h"
#include "needle_channel.h"
#include "needle_contact.h"
#include "skin_layers.h"
#include "skin_mesh.h"
#include "toughness_law.h"
#include "treatment_protocol.h"

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <memory>
#include <string>

namespace needlesim
{
  /// A rigid punch pressed into the skin surface by a prescribed
  /// displacement (ramp, then hold).
  struct IndentationSettings
  {
    enum class Shape
    {
      flat,   ///< flat cylinder: u_z = -d on r <= a
      sphere, ///< sphere of radius R: u_z = -(d - r^2/2R) on r <= sqrt(R d)
      needle  ///< the rigid needle (StrokeSettings::needle) in contact, tip at z = -d
    };
    Shape        shape      = Shape::flat;
    double       radius     = 0.2; ///< [mm]
    double       depth      = 0.1; ///< [mm]
    double       ramp_time  = 0.1; ///< [s]
    unsigned int ramp_steps = 10;
    double       hold_time  = 1.0; ///< [s]
    unsigned int hold_steps = 10;
  };

  /// One needle of a pen striking the skin: rigid needle, frictional
  /// contact, puncture and the crack it drives and wedges open by energy,
  /// the injury left (solver/problems/stroke_problem.h).
  struct StrokeSettings
  {
    NeedleGeometry::Parameters       needle;
    NeedleMotion::Parameters         motion;
    ContactSettings                  contact; ///< penalty factor and friction
    NeedleChannel::Parameters        channel; ///< friction in the split channel
    ToughnessLaw                     toughness;
    std::shared_ptr<const InjuryLaw> injury;
    unsigned int                     steps_per_stroke = 24; ///< largest load steps, down and up
    std::string                      section_cache;         ///< wedged-crack tables ("" none)
  };

  /// A treatment: a device glides over a skin patch, session after session,
  /// and the dermis heals and remodels (solver/problems/treatment_problem.h).
  struct TreatmentSettings
  {
    DevicePattern::Parameters     device;
    TreatmentProtocol::Parameters protocol;
    TreatmentProtocol::Patient    patient;
    std::vector<std::string>      warnings; ///< contraindications simulated on request
    HealingKinetics::Parameters   healing;
    Epidermis::Parameters         epidermis;
    double                        patch_width        = 5.0;   ///< [mm]
    double                        treated_width      = 5.0;   ///< [mm]
    double                        patch_element_size = 0.125; ///< lateral [mm]
    unsigned int                  injury_samples     = 3; ///< sample points per direction and cell
    std::string                   kernel_cache       = "kernels";
    double                        step_tolerance     = 0.02; ///< local error per step [-]
    double                        max_step           = 7.0;  ///< [day]
    double erythema_threshold   = 0.005; ///< inflammation visible as redness [-]
    double visibility_threshold = 10.0;  ///< papillary collagen gain seen [%]
  };

  struct OutputSettings
  {
    bool         write_fields   = true;
    unsigned int field_interval = 1; ///< write every n-th load step
    /// Accept a run whose self-checks fail (status "suspect") with exit 0.
    bool allow_suspect = false;
    /// Largest |energy balance error| (share of the needle work) of a
    /// stroke that is not suspect [-].
    double energy_tolerance = 0.02;
  };

  /// The problems needlesim solves (`Problem/Type`). What each one runs is
  /// in one table, solver/problems/problem_registry.h.
  enum class ProblemType
  {
    indentation,
    stroke,
    treatment
  };

  /// The name of @p type in scenario files and outputs.
  std::string
  to_string(ProblemType type);

  struct Scenario
  {
    ProblemType problem = ProblemType::indentation;

    std::string                                                       region;
    LayerStack                                                        layers{{}};
    std::array<std::shared_ptr<const ConstitutiveLaw>, n_skin_layers> laws;

    SkinMeshSettings mesh;
    unsigned int     global_refinements = 0;
    bool             lateral_roller     = true;

    SolidSettings       solid;
    unsigned int        max_step_cuts = 6;
    IndentationSettings indentation;
    StrokeSettings      stroke;
    TreatmentSettings   treatment;
    OutputSettings      output;

    std::string source_file;     ///< the scenario file read
    std::string parameters_prm;  ///< full parameter set, PRM format
    std::string parameters_json; ///< full parameter set, JSON format

    /// Declares every scenario parameter with unit, range and meaning.
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads, validates and builds a scenario; throws InputError with a
    /// message naming the parameter, its value and what is allowed.
    static Scenario
    from_file(const std::string &filename);

    /// Builds the scenario from an already filled handler.
    static Scenario
    from_parameters(dealii::ParameterHandler &prm, const std::string &source);
  };
} // namespace needlesim
