#include "scenario.h"

#include "gasser_ogden_holzapfel.h"
#include "material_library.h"
#include "parameter_input.h"
#include "parameters.h"

#include <filesystem>
#include <sstream>

namespace needlesim
{
  using dealii::ParameterHandler;
  using dealii::Patterns::Bool;
  using dealii::Patterns::Integer;
  using dealii::Patterns::Selection;

  namespace
  {
    constexpr std::array<ProblemType, 3> all_problem_types = {
      {ProblemType::indentation, ProblemType::stroke, ProblemType::treatment}};

    /// "indentation|stroke|treatment", the allowed values of Problem/Type
    std::string
    problem_type_names()
    {
      std::string names;
      for (const ProblemType p : all_problem_types)
        names += (names.empty() ? "" : "|") + to_string(p);
      return names;
    }

    // Default material of each layer (values and sources: docs/theory.md).
    const std::array<std::vector<std::pair<std::string, std::string>>, n_skin_layers>
      layer_defaults = {{
        // Stratum corneum: Neo-Hookean, E = 4 MPa (Feng 2022), nu = 0.48 (Tran 2007).
        {{"Material", "Neo-Hookean"},
         {"Neo-Hookean/Young modulus", "4"},
         {"Neo-Hookean/Poisson ratio", "0.48"}},
        // Viable epidermis: E = 1.5 MPa (Geerligs 2011: 1-2 MPa), nu = 0.48.
        {{"Material", "Neo-Hookean"},
         {"Neo-Hookean/Young modulus", "1.5"},
         {"Neo-Hookean/Poisson ratio", "0.48"}},
        // Papillary and reticular dermis: GOH (Ni Annaidh 2012b) with the
        // Prony series fitted to Crichton 2013 / Wang 2015.
        {{"Material", "Gasser-Ogden-Holzapfel"},
         {"Viscoelasticity/Prony relative moduli", "0.853, 0.369"},
         {"Viscoelasticity/Prony relaxation times", "0.2, 8.3"}},
        {{"Material", "Gasser-Ogden-Holzapfel"},
         {"Viscoelasticity/Prony relative moduli", "0.853, 0.369"},
         {"Viscoelasticity/Prony relaxation times", "0.2, 8.3"}},
        // Hypodermis: E = 15 kPa (Feng 2022), nu = 0.49 (Tran 2007), same relaxation.
        {{"Material", "Neo-Hookean"},
         {"Neo-Hookean/Young modulus", "0.015"},
         {"Neo-Hookean/Poisson ratio", "0.49"},
         {"Viscoelasticity/Prony relative moduli", "0.853, 0.369"},
         {"Viscoelasticity/Prony relaxation times", "0.2, 8.3"}},
      }};

    void
    set_path(ParameterHandler &prm, const std::string &path, const std::string &value)
    {
      std::vector<std::string> parts;
      std::stringstream        ss(path);
      for (std::string p; std::getline(ss, p, '/');)
        parts.push_back(p);
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        prm.enter_subsection(parts[i]);
      prm.set(parts.back(), value);
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        prm.leave_subsection();
    }

    constexpr double min_thickness = 0.001, max_thickness = 50.0;

    double
    layer_thickness(const std::string &value, const std::string &path, const double preset)
    {
      if (value == "region")
        return preset;
      const std::string allowed =
        "'region' or a number in " + format_range(min_thickness, max_thickness, "mm");
      double      t    = 0.0;
      std::size_t used = 0;
      try
        {
          t = std::stod(value, &used);
        }
      catch (const std::exception &)
        {
          throw InputError(path, value, allowed, "not a number");
        }
      if (used != value.size())
        throw InputError(path, value, allowed, "not a number");
      if (!(t >= min_thickness && t <= max_thickness))
        throw InputError(path, value, allowed, "outside the allowed range");
      return t;
    }

    void
    read_stroke(ParameterHandler &prm, Scenario &s)
    {
      StrokeSettings &st = s.stroke;
      prm.enter_subsection("Needle");
      st.needle = NeedleGeometry::parse_parameters(prm, "Needle");
      prm.leave_subsection();

      prm.enter_subsection("Needle motion");
      st.motion            = NeedleMotion::parse_parameters(prm);
      st.steps_per_stroke  = prm.get_integer("Steps per stroke");
      const double deepest = s.layers.total_thickness() - s.layers.thickness(n_skin_layers - 1) +
                             0.8 * s.layers.thickness(n_skin_layers - 1);
      if (s.problem != ProblemType::indentation && st.motion.depth > deepest)
        throw InputError("Needle motion/Depth setting",
                         prm.get("Depth setting"),
                         "at most " + std::to_string(deepest) +
                           " mm (the skin stack down to 80 % of the hypodermis)",
                         "the needle would reach the bottom of the modelled skin");
      prm.leave_subsection();

      prm.enter_subsection("Contact");
      st.contact.penalty_factor = prm.get_double("Penalty factor");
      st.contact.friction       = prm.get_double("Friction coefficient");
      st.contact.lobatto        = prm.get("Contact points") == "nodes";
      st.contact.augmented      = prm.get_bool("Augmented Lagrangian");
      st.contact.modulus        = youngs_modulus(*s.laws[0]);
      st.channel.friction       = st.contact.friction;
      prm.leave_subsection();

      prm.enter_subsection("Cutting");
      st.toughness = ToughnessLaw::parse_parameters(prm);
      // a relative cache directory is relative to the scenario file
      st.section_cache = prm.get("Section table cache");
      if (!st.section_cache.empty() && std::filesystem::path(st.section_cache).is_relative())
        st.section_cache =
          (std::filesystem::path(s.source_file).parent_path() / st.section_cache).string();
      prm.leave_subsection();

      prm.enter_subsection("Injury");
      st.injury = std::make_shared<const InjuryLaw>(InjuryLaw::parse_parameters(prm, "Injury"));
      prm.leave_subsection();

      // a treatment's kernels are strokes of the same scenario
      if (s.problem != ProblemType::indentation && s.mesh.geometry != BlockGeometry::axisymmetric)
        throw InputError("Mesh/Geometry",
                         s.mesh.geometry == BlockGeometry::full ? "full" : "quarter",
                         "axisymmetric for a stroke or a treatment (its stroke kernels)",
                         "the stroke model is axisymmetric (round needles)");
      if (s.problem != ProblemType::indentation &&
          4.0 * st.needle.shaft_diameter >= s.mesh.half_width)
        throw InputError("Mesh/Half width",
                         std::to_string(s.mesh.half_width),
                         "more than 4 shaft diameters (" +
                           std::to_string(4.0 * st.needle.shaft_diameter) + " mm)",
                         "the block is too narrow for the needle");
    }

    void
    read_treatment(ParameterHandler &prm, Scenario &s)
    {
      TreatmentSettings &tr = s.treatment;
      prm.enter_subsection("Device");
      tr.device = DevicePattern::parse_parameters(prm);
      prm.leave_subsection();
      if (tr.device.cartridge != DevicePattern::Cartridge::roller &&
          s.stroke.motion.type != NeedleMotion::Type::pulsating)
        throw InputError("Needle motion/Motion",
                         "constant speed",
                         "pulsating for a pen (a roller ignores the motion's timing)",
                         "a pen strikes at its stroke frequency");

      prm.enter_subsection("Protocol");
      tr.protocol = TreatmentProtocol::parse_parameters(prm, s.layers);
      prm.leave_subsection();

      prm.enter_subsection("Patient");
      tr.patient  = TreatmentProtocol::parse_patient(prm);
      tr.warnings = TreatmentProtocol::contraindications(tr.patient);
      prm.leave_subsection();

      prm.enter_subsection("Healing");
      tr.healing        = HealingKinetics::parse_parameters(prm);
      tr.step_tolerance = prm.get_double("Step tolerance");
      tr.max_step       = prm.get_double("Maximum step");
      prm.enter_subsection("Epidermis");
      tr.epidermis = Epidermis::parse_parameters(prm);
      prm.leave_subsection();
      prm.leave_subsection();

      prm.enter_subsection("Patch");
      tr.patch_width        = prm.get_double("Width");
      tr.treated_width      = prm.get_double("Treated width");
      tr.patch_element_size = prm.get_double("Element size");
      tr.injury_samples     = prm.get_integer("Injury samples");
      // a relative cache directory is relative to the scenario file
      tr.kernel_cache = prm.get("Kernel cache");
      if (std::filesystem::path(tr.kernel_cache).is_relative())
        tr.kernel_cache =
          (std::filesystem::path(s.source_file).parent_path() / tr.kernel_cache).string();
      if (tr.treated_width > tr.patch_width)
        throw InputError("Patch/Treated width",
                         prm.get("Treated width"),
                         "at most the patch width (" + prm.get("Width") + " mm)");
      const double cartridge =
        DevicePattern(tr.device, s.stroke.motion.frequency).cartridge_width();
      if (tr.treated_width < cartridge)
        throw InputError("Patch/Treated width",
                         prm.get("Treated width"),
                         "at least the cartridge width (" + std::to_string(cartridge) + " mm)",
                         "the patch is smaller than the cartridge");
      prm.leave_subsection();

      prm.enter_subsection("Clinical");
      tr.erythema_threshold   = prm.get_double("Erythema threshold");
      tr.visibility_threshold = prm.get_double("Visibility threshold");
      prm.leave_subsection();
    }
  } // namespace



  namespace
  {
    /// The layer names as a selection pattern, "a|b|...".
    std::string
    layer_names()
    {
      std::string names;
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        names += (l ? "|" : "") + layer_name(l);
      return names;
    }
  } // namespace



  void
  Scenario::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Problem");
    prm.declare_entry("Type",
                      "indentation",
                      Selection(problem_type_names()),
                      "what to simulate: indentation = rigid punch pressed into the "
                      "layered skin by a prescribed displacement; stroke = one needle of a "
                      "pen (or a lab insertion) puncturing and cutting the skin; treatment = "
                      "a device over a skin patch for a series of sessions, with the healing "
                      "and collagen remodeling that follow");
    prm.leave_subsection();

    prm.enter_subsection("Skin");
    prm.declare_entry("Region",
                      "cheek",
                      Selection(facial_region_names()),
                      "facial region whose layer thicknesses are used where a layer "
                      "says 'region'");
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        prm.enter_subsection(layer_name(l));
        prm.declare_entry("Thickness",
                          "region",
                          dealii::Patterns::Anything(),
                          "[mm] thickness of this layer. Allowed: 'region' or a number in " +
                            format_range(min_thickness, max_thickness, "mm"));
        declare_material_parameters(prm, "Neo-Hookean");
        for (const auto &[path, value] : layer_defaults[l])
          set_path(prm, path, value);
        prm.leave_subsection();
      }
    prm.leave_subsection();

    prm.enter_subsection("Mesh");
    prm.declare_entry("Geometry",
                      "quarter",
                      Selection("full|quarter|axisymmetric"),
                      "full 3-d block, 3-d quarter block with symmetry planes x = 0 and "
                      "y = 0, or 2-d axisymmetric (isotropic layers only)");
    declare_quantity(
      prm, "Half width", "2", "mm", 0.01, 100, "lateral extent of the block from the needle axis");
    declare_quantity(prm,
                     "Element size at needle",
                     "0.02",
                     "mm",
                     1e-4,
                     10,
                     "element size at the needle axis and the skin surface");
    declare_quantity(prm,
                     "Growth factor",
                     "1.25",
                     "-",
                     1.0,
                     3.0,
                     "size ratio of neighbouring elements away from axis and surface");
    declare_quantity(prm, "Maximum element size", "0.5", "mm", 1e-4, 100, "largest element size");
    prm.declare_entry("Global refinements",
                      "0",
                      Integer(0, 6),
                      "uniform refinements of the graded mesh (each halves all sizes)");
    prm.declare_entry("File",
                      "",
                      dealii::Patterns::Anything(),
                      "Gmsh 2.2 file of a 3-d quarter block (x, y >= 0, top face the skin "
                      "surface; units mm) to use instead of the graded layered block, e.g. "
                      "the shared indentation benchmark's meshes; relative to the scenario "
                      "file; empty: the graded block. Boundaries are found by position");
    prm.declare_entry("File layer",
                      "Reticular dermis",
                      Selection(layer_names()),
                      "the layer whose material every cell of Mesh/File takes");
    prm.declare_entry("Lateral boundary",
                      "roller",
                      Selection("roller|free"),
                      "lateral faces: roller (normal displacement 0) or traction-free");
    prm.leave_subsection();

    prm.enter_subsection("Discretization");
    prm.declare_entry("Polynomial degree",
                      "1",
                      Integer(1, 2),
                      "degree of the Lagrange elements (1: Q1, 2: Q2)");
    prm.declare_entry("Locking-free formulation",
                      "true",
                      Bool(),
                      "F-bar projection of the dilatation (needed for nearly "
                      "incompressible layers)");
    prm.leave_subsection();

    prm.enter_subsection("Indentation");
    prm.declare_entry("Indenter",
                      "flat",
                      Selection("flat|sphere|needle"),
                      "rigid punch shape: flat cylinder or sphere (prescribed surface "
                      "displacement over the Hertz contact radius), or the needle of "
                      "subsection Needle pressed in along its axis, in penalty contact with the "
                      "surface (subsection Contact; friction 0 for the frictionless benchmark)");
    declare_quantity(prm,
                     "Indenter radius",
                     "0.2",
                     "mm",
                     1e-4,
                     50,
                     "punch radius (flat) or sphere radius (not used by the needle)");
    declare_quantity(prm, "Depth", "0.1", "mm", 0, 20, "indentation depth at the end of the ramp");
    declare_quantity(
      prm, "Ramp time", "0.1", "s", 1e-9, 1e6, "time to press the punch to full depth");
    prm.declare_entry("Ramp steps", "10", Integer(1, 100000), "load steps of the ramp");
    declare_quantity(prm, "Hold time", "1", "s", 0, 1e6, "time the depth is held (relaxation)");
    prm.declare_entry("Hold steps",
                      "10",
                      Integer(0, 100000),
                      "load steps of the hold (geometrically growing)");
    prm.leave_subsection();

    prm.enter_subsection("Needle");
    NeedleGeometry::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Needle motion");
    NeedleMotion::declare_parameters(prm);
    prm.declare_entry("Steps per stroke",
                      "24",
                      Integer(4, 100000),
                      "largest load steps per stroke, down and up, in equal needle travel "
                      "(the steps adapt to the Newton iterations below this size)");
    prm.leave_subsection();

    prm.enter_subsection("Contact");
    declare_quantity(prm,
                     "Penalty factor",
                     "100",
                     "-",
                     1,
                     1e6,
                     "kappa of the contact penalty kappa E / h (E of the stratum corneum, h the "
                     "size of the contact face): the penetration is about p h / (kappa E)");
    declare_quantity(prm,
                     "Friction coefficient",
                     "0.2",
                     "-",
                     0,
                     2,
                     "Coulomb friction between needle and skin, on the surface and in the "
                     "split channel (needle-tissue measurements: 0.12-0.34)");
    prm.declare_entry("Contact points",
                      "nodes",
                      Selection("nodes|Gauss"),
                      "where the skin surface meets the needle: at the nodes of the surface "
                      "faces (2x2 Gauss-Lobatto points, lumped: no oscillating pressures) or "
                      "at 2x2 Gauss points of each face (consistent integration, like "
                      "FEBio's facet-on-facet contact)");
    prm.declare_entry("Augmented Lagrangian",
                      "false",
                      Bool(),
                      "the penalty pressure of each point at the end of a load step becomes a "
                      "Lagrange multiplier in the next (augmentation per step, Simo & Laursen "
                      "1992): the penetration falls to the pressure change of one step over "
                      "the penalty, so a softer penalty factor (20 in the benchmarks) gives "
                      "about the same force in fewer Newton iterations");
    prm.leave_subsection();

    prm.enter_subsection("Cutting");
    ToughnessLaw::declare_parameters(prm);
    prm.declare_entry("Section table cache",
                      "sections",
                      dealii::Patterns::Anything(),
                      "directory of the wedged-crack section tables of the layer laws, one file "
                      "per law shape (relative paths: to the scenario file's directory; empty: "
                      "solve them in every run)");
    prm.leave_subsection();

    prm.enter_subsection("Injury");
    InjuryLaw::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Nonlinear solver");
    prm.declare_entry("Maximum Newton iterations",
                      "15",
                      Integer(1, 200),
                      "Newton iterations per load step before the step is cut");
    declare_quantity(
      prm,
      "Residual tolerance",
      "1e-8",
      "-",
      1e-14,
      1e-2,
      "converged when |residual| <= tolerance |internal forces| (the largest of the run so far)");
    prm.declare_entry("Maximum step cuts",
                      "6",
                      Integer(0, 30),
                      "halvings of a load step before the run stops");
    prm.leave_subsection();

    prm.enter_subsection("Linear solver");
    prm.declare_entry("Type",
                      "automatic",
                      Selection("automatic|iterative|direct"),
                      "GMRES with algebraic multigrid (iterative), sparse LU (direct), "
                      "or direct below the size limit (automatic)");
    declare_quantity(prm,
                     "Relative tolerance",
                     "1e-4",
                     "-",
                     1e-14,
                     1e-1,
                     "Krylov solver tolerance relative to the right-hand side (an "
                     "inexact Newton step; the Newton residual decides the accuracy)");
    prm.declare_entry("Maximum iterations",
                      "200",
                      Integer(1, 100000),
                      "Krylov iterations before falling back to the direct solver");
    prm.declare_entry("Direct solver below unknowns",
                      "5000",
                      Integer(0),
                      "automatic: use the direct solver below this many unknowns");
    prm.leave_subsection();

    prm.enter_subsection("Device");
    DevicePattern::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Protocol");
    TreatmentProtocol::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Patient");
    TreatmentProtocol::declare_patient(prm);
    prm.leave_subsection();

    prm.enter_subsection("Healing");
    HealingKinetics::declare_parameters(prm);
    declare_quantity(prm,
                     "Step tolerance",
                     "0.02",
                     "-",
                     1e-5,
                     1,
                     "largest local error per time step (fields are normalised)");
    declare_quantity(prm, "Maximum step", "7", "day", 0.01, 60, "largest time step");
    prm.enter_subsection("Epidermis");
    Epidermis::declare_parameters(prm);
    prm.leave_subsection();
    prm.leave_subsection();

    prm.enter_subsection("Patch");
    declare_quantity(prm, "Width", "5", "mm", 0.5, 50, "side of the square skin patch");
    declare_quantity(
      prm, "Treated width", "5", "mm", 0.1, 50, "side of the treated square, centred on the patch");
    declare_quantity(prm,
                     "Element size",
                     "0.125",
                     "mm",
                     0.01,
                     1,
                     "lateral element size of the patch (vertical: graded from it)");
    prm.declare_entry("Injury samples",
                      "3",
                      Integer(1, 10),
                      "[-] sample points per direction and cell for the injury field");
    prm.declare_entry("Kernel cache",
                      "kernels",
                      dealii::Patterns::Anything(),
                      "directory of the computed stroke kernels, one per stroke configuration "
                      "(relative paths: to the scenario file's directory)");
    prm.leave_subsection();

    prm.enter_subsection("Clinical");
    declare_quantity(prm,
                     "Erythema threshold",
                     "0.005",
                     "-",
                     1e-6,
                     1,
                     "papillary-dermis inflammation above which the skin looks red");
    declare_quantity(prm,
                     "Visibility threshold",
                     "10",
                     "%",
                     0.1,
                     1000,
                     "papillary-dermis collagen gain at which the improvement is visible");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    prm.declare_entry("Write fields", "true", Bool(), "write VTU/PVD fields for ParaView");
    prm.declare_entry("Field output interval",
                      "1",
                      Integer(1, 100000),
                      "write fields every n-th load step (and always the last)");
    prm.declare_entry("Allow suspect results",
                      "false",
                      Bool(),
                      "accept a run whose own physics checks fail (energy balance, negative "
                      "dissipation, steps at the step-cut limit): status suspect, exit 0 instead "
                      "of 2");
    declare_quantity(prm,
                     "Energy balance tolerance",
                     "0.02",
                     "-",
                     0.0,
                     1.0,
                     "largest energy balance error of a stroke (remainder / needle work) that "
                     "is not suspect");
    prm.leave_subsection();
  }



  Scenario
  Scenario::from_file(const std::string &filename)
  {
    ParameterHandler prm;
    declare_parameters(prm);
    apply_assignments(prm, read_parameter_file(filename));
    return from_parameters(prm, filename);
  }



  std::string
  to_string(const ProblemType type)
  {
    switch (type)
      {
        case ProblemType::indentation:
          return "indentation";
        case ProblemType::stroke:
          return "stroke";
        case ProblemType::treatment:
          return "treatment";
      }
    return "";
  }



  Scenario
  Scenario::from_parameters(ParameterHandler &prm, const std::string &source)
  {
    Scenario s;
    s.source_file = source;

    prm.enter_subsection("Problem");
    const std::string problem_name = prm.get("Type");
    for (const ProblemType p : all_problem_types)
      if (to_string(p) == problem_name)
        s.problem = p;
    prm.leave_subsection();

    prm.enter_subsection("Skin");
    s.region                                 = prm.get("Region");
    const LayerStack                 &preset = facial_region(s.region).layers;
    std::array<double, n_skin_layers> thickness;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        const std::string path = "Skin/" + layer_name(l);
        prm.enter_subsection(layer_name(l));
        thickness[l] =
          layer_thickness(prm.get("Thickness"), path + "/Thickness", preset.thickness(l));
        s.laws[l] = create_material(prm, path);
        prm.leave_subsection();
      }
    s.layers = LayerStack(thickness);
    prm.leave_subsection();

    prm.enter_subsection("Mesh");
    const std::string geometry = prm.get("Geometry");
    s.mesh.geometry            = geometry == "full"    ? BlockGeometry::full :
                                 geometry == "quarter" ? BlockGeometry::quarter :
                                                         BlockGeometry::axisymmetric;
    s.mesh.half_width          = prm.get_double("Half width");
    s.mesh.h_min               = prm.get_double("Element size at needle");
    s.mesh.growth              = prm.get_double("Growth factor");
    s.mesh.h_max               = prm.get_double("Maximum element size");
    s.global_refinements       = prm.get_integer("Global refinements");
    s.lateral_roller           = prm.get("Lateral boundary") == "roller";
    s.mesh.file                = prm.get("File");
    if (!s.mesh.file.empty())
      {
        if (std::filesystem::path(s.mesh.file).is_relative())
          s.mesh.file = (std::filesystem::path(source).parent_path() / s.mesh.file).string();
        if (!std::filesystem::exists(s.mesh.file))
          throw InputError("Mesh/File",
                           prm.get("File"),
                           "an existing Gmsh file",
                           "not found (" + s.mesh.file + ")");
        if (s.mesh.geometry != BlockGeometry::quarter)
          throw InputError("Mesh/Geometry",
                           geometry,
                           "quarter with Mesh/File",
                           "a mesh file is read as a quarter block");
        for (unsigned int l = 0; l < n_skin_layers; ++l)
          if (layer_name(l) == prm.get("File layer"))
            s.mesh.file_layer = l;
        // read once here, so that a bad file is rejected before the run starts
        dealii::Triangulation<3> check;
        read_skin_block(check, s.mesh.file, s.mesh.file_layer);
        s.mesh.file_cells    = check.n_active_cells();
        s.mesh.file_vertices = check.n_used_vertices();
      }
    if (s.mesh.h_min > s.mesh.h_max)
      throw InputError("Mesh/Element size at needle",
                       prm.get("Element size at needle"),
                       "at most Mesh/Maximum element size = " + prm.get("Maximum element size") +
                         " mm",
                       "larger than the maximum element size");
    if (s.mesh.h_min >= s.mesh.half_width)
      throw InputError("Mesh/Element size at needle",
                       prm.get("Element size at needle"),
                       "less than Mesh/Half width = " + prm.get("Half width") + " mm",
                       "the mesh would have no grading");
    prm.leave_subsection();

    if (s.mesh.geometry == BlockGeometry::axisymmetric)
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        if (s.laws[l]->name().find(GasserOgdenHolzapfel::registered_name) != std::string::npos)
          throw InputError("Mesh/Geometry",
                           "axisymmetric",
                           "full or quarter when a layer is anisotropic",
                           "layer '" + layer_name(l) + "' uses the anisotropic " +
                             GasserOgdenHolzapfel::registered_name + " law");

    prm.enter_subsection("Discretization");
    s.solid.degree       = prm.get_integer("Polynomial degree");
    s.solid.locking_free = prm.get_bool("Locking-free formulation");
    s.solid.geometry     = s.mesh.geometry == BlockGeometry::axisymmetric ? Geometry::axisymmetric :
                                                                            Geometry::three_dimensional;
    prm.leave_subsection();

    prm.enter_subsection("Indentation");
    IndentationSettings &ind      = s.indentation;
    const std::string    indenter = prm.get("Indenter");
    ind.shape                     = indenter == "flat"   ? IndentationSettings::Shape::flat :
                                    indenter == "sphere" ? IndentationSettings::Shape::sphere :
                                                           IndentationSettings::Shape::needle;
    ind.radius                    = prm.get_double("Indenter radius");
    ind.depth                     = prm.get_double("Depth");
    ind.ramp_time                 = prm.get_double("Ramp time");
    ind.ramp_steps                = prm.get_integer("Ramp steps");
    ind.hold_time                 = prm.get_double("Hold time");
    ind.hold_steps                = prm.get_integer("Hold steps");
    if (ind.radius >= s.mesh.half_width)
      throw InputError("Indentation/Indenter radius",
                       prm.get("Indenter radius"),
                       "less than Mesh/Half width = " + std::to_string(s.mesh.half_width) + " mm",
                       "the punch would not fit on the block");
    if (s.mesh.file.empty() && ind.depth >= 0.5 * s.layers.total_thickness())
      throw InputError("Indentation/Depth",
                       prm.get("Depth"),
                       "less than half the skin thickness (" +
                         std::to_string(0.5 * s.layers.total_thickness()) + " mm)",
                       "too deep for a quasi-static indentation of this skin");
    if (ind.shape == IndentationSettings::Shape::sphere && ind.depth >= ind.radius)
      throw InputError("Indentation/Depth",
                       prm.get("Depth"),
                       "less than the sphere radius " + prm.get("Indenter radius") + " mm",
                       "the sphere would be buried");
    if (ind.hold_time > 0 && ind.hold_steps == 0)
      throw InputError("Indentation/Hold steps", "0", "at least 1 when Hold time > 0");
    prm.leave_subsection();

    read_stroke(prm, s);
    if (!s.mesh.file.empty()) // the contact penalty scales with the material under the needle
      s.stroke.contact.modulus = youngs_modulus(*s.laws[s.mesh.file_layer]);
    if (s.problem == ProblemType::treatment)
      read_treatment(prm, s);

    prm.enter_subsection("Nonlinear solver");
    s.solid.newton.max_iterations     = prm.get_integer("Maximum Newton iterations");
    s.solid.newton.residual_tolerance = prm.get_double("Residual tolerance");
    s.max_step_cuts                   = prm.get_integer("Maximum step cuts");
    prm.leave_subsection();

    prm.enter_subsection("Linear solver");
    const std::string type = prm.get("Type");
    s.solid.linear.type    = type == "automatic" ? LinearSolverSettings::Type::automatic :
                             type == "iterative" ? LinearSolverSettings::Type::iterative :
                                                   LinearSolverSettings::Type::direct;
    s.solid.linear.relative_tolerance = prm.get_double("Relative tolerance");
    s.solid.linear.max_iterations     = prm.get_integer("Maximum iterations");
    s.solid.linear.direct_below_dofs  = prm.get_integer("Direct solver below unknowns");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    s.output.write_fields     = prm.get_bool("Write fields");
    s.output.field_interval   = prm.get_integer("Field output interval");
    s.output.allow_suspect    = prm.get_bool("Allow suspect results");
    s.output.energy_tolerance = prm.get_double("Energy balance tolerance");
    prm.leave_subsection();

    std::ostringstream prm_text, json_text;
    prm.print_parameters(prm_text, ParameterHandler::PRM);
    prm.print_parameters(json_text, ParameterHandler::ShortJSON);
    s.parameters_prm  = prm_text.str();
    s.parameters_json = json_text.str();
    return s;
  }
} // namespace needlesim
