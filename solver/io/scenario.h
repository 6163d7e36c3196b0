#pragma once
// A scenario: everything a run of needlesim needs, read from a .prm or .json
// file, validated, in the units mm, N, MPa, s. ScenarioInput is the single
// place that defines the file format, each parameter declared once and bound
// to the value it sets; `needlesim --print-parameters` prints it with units,
// ranges and meanings.

#include "constitutive_law.h"
#include "device_pattern.h"
#include "epidermis.h"
#include "finite_strain_solid.h"
#include "healing_kinetics.h"
#include "injury_law.h"
#include "material_library.h"
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
    std::string                      section_cache = "sections"; ///< wedged-crack tables ("" none)
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

    std::string                                                       region = "cheek";
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

    /// Reads, validates and builds a scenario; throws InputError with a
    /// message naming the parameter, its value and what is allowed.
    static Scenario
    from_file(const std::string &filename);
  };

  /// Every scenario parameter with unit, range and meaning, each declared
  /// once in a ParameterHandler and bound to the scenario value it sets
  /// (or to the text a value is made from: layer thicknesses, materials, the
  /// injury law). Reading a file into parameters() fills the values;
  /// scenario() checks them against each other and completes the scenario.
  class ScenarioInput
  {
  public:
    ScenarioInput();
    ScenarioInput(const ScenarioInput &) = delete;
    ScenarioInput &
    operator=(const ScenarioInput &) = delete;

    dealii::ParameterHandler &
    parameters()
    {
      return prm;
    }

    /// The scenario of the parameters as they are now, read from the file
    /// @p source (relative paths are relative to it); throws InputError.
    Scenario
    scenario(const std::string &source);

  private:
    // the parameters, section by section
    void
    add_skin();
    void
    add_mesh();
    void
    add_indentation();
    void
    add_stroke();
    void
    add_solvers();
    void
    add_treatment();
    void
    add_output();

    // the checks between parameters and the values made from them
    void
    complete_skin();
    void
    complete_mesh();
    void
    complete_indentation() const;
    void
    complete_stroke();
    void
    complete_treatment();

    dealii::ParameterHandler                 prm;
    Scenario                                 s;
    std::array<std::string, n_skin_layers>   thickness; ///< "region" or [mm]
    std::array<MaterialInput, n_skin_layers> materials;
    InjuryLaw::Parameters                    injury;
  };
} // namespace needlesim
