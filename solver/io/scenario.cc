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
  using dealii::Patterns::Selection;

  namespace
  {
    /// The problem types with their names in scenario files.
    const std::vector<std::pair<ProblemType, std::string>> problem_types = {
      {ProblemType::indentation, "indentation"},
      {ProblemType::stroke, "stroke"},
      {ProblemType::treatment, "treatment"}};

    const std::vector<std::pair<BlockGeometry, std::string>> block_geometries = {
      {BlockGeometry::full, "full"},
      {BlockGeometry::half, "half"},
      {BlockGeometry::quarter, "quarter"},
      {BlockGeometry::axisymmetric, "axisymmetric"}};

    /// The name of @p value in @p names.
    template <typename Value>
    std::string
    name_of(const Value value, const std::vector<std::pair<Value, std::string>> &names)
    {
      for (const auto &[v, text] : names)
        if (v == value)
          return text;
      return "";
    }

    /// The skin layers with their names, for the layer a mesh file takes.
    std::vector<std::pair<unsigned int, std::string>>
    layer_choices()
    {
      std::vector<std::pair<unsigned int, std::string>> choices;
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        choices.emplace_back(l, layer_name(l));
      return choices;
    }

    /// A relative path of a scenario is relative to the scenario file @p source.
    std::string
    relative_to(const std::string &source, const std::string &path)
    {
      if (std::filesystem::path(path).is_absolute())
        return path;
      return (std::filesystem::path(source).parent_path() / path).string();
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

  } // namespace



  ScenarioInput::ScenarioInput()
  {
    thickness.fill("region");
    add_skin();
    add_mesh();
    add_indentation();
    add_stroke();
    add_solvers();
    add_treatment();
    add_output();
  }



  void
  ScenarioInput::add_skin()
  {
    prm.enter_subsection("Problem");
    add_choice(prm,
               "Type",
               s.problem,
               problem_types,
               "what to simulate: indentation = rigid punch pressed into the "
               "layered skin by a prescribed displacement; stroke = one needle of a "
               "pen (or a lab insertion) puncturing and cutting the skin; treatment = "
               "a device over a skin patch for a series of sessions, with the healing "
               "and collagen remodeling that follow");
    prm.leave_subsection();

    prm.enter_subsection("Skin");
    prm.add_parameter("Region",
                      s.region,
                      "facial region whose layer thicknesses are used where a layer "
                      "says 'region'",
                      Selection(facial_region_names()));
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        prm.enter_subsection(layer_name(l));
        add_text(prm,
                 "Thickness",
                 thickness[l],
                 "[mm] thickness of this layer. Allowed: 'region' or a number in " +
                   format_range(min_thickness, max_thickness, "mm"));
        materials[l].add_parameters(prm);
        for (const auto &[path, value] : layer_defaults[l])
          set_path(prm, path, value);
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }



  void
  ScenarioInput::add_mesh()
  {
    prm.enter_subsection("Mesh");
    add_choice(prm,
               "Geometry",
               s.mesh.geometry,
               block_geometries,
               "full 3-d block, 3-d half block y >= 0 with the symmetry plane y = 0, "
               "3-d quarter block with symmetry planes x = 0 and y = 0, or 2-d "
               "axisymmetric (isotropic layers only); the needle's mirror planes decide "
               "which it allows");
    add_quantity(prm,
                 "Half width",
                 s.mesh.half_width,
                 "mm",
                 0.01,
                 100,
                 "lateral extent of the block from the needle axis");
    add_quantity(prm,
                 "Element size at needle",
                 s.mesh.h_min,
                 "mm",
                 1e-4,
                 10,
                 "element size at the needle axis and the skin surface");
    add_quantity(prm,
                 "Growth factor",
                 s.mesh.growth,
                 "-",
                 1.0,
                 3.0,
                 "size ratio of neighbouring elements away from axis and surface");
    add_quantity(
      prm, "Maximum element size", s.mesh.h_max, "mm", 1e-4, 100, "largest element size");
    add_count(prm,
              "Global refinements",
              s.global_refinements,
              0,
              "uniform refinements of the graded mesh (each halves all sizes)",
              6);
    add_text(prm,
             "File",
             s.mesh.file,
             "Gmsh 2.2 file of a 3-d quarter block (x, y >= 0, top face the skin "
             "surface; units mm) to use instead of the graded layered block, e.g. "
             "the shared indentation benchmark's meshes; relative to the scenario "
             "file; empty: the graded block. Boundaries are found by position");
    add_choice(prm,
               "File layer",
               s.mesh.file_layer,
               layer_choices(),
               "the layer whose material every cell of Mesh/File takes");
    add_choice(prm,
               "Lateral boundary",
               s.lateral_roller,
               {{true, "roller"}, {false, "free"}},
               "lateral faces: roller (normal displacement 0) or traction-free");
    prm.leave_subsection();

    prm.enter_subsection("Discretization");
    add_count(prm,
              "Polynomial degree",
              s.solid.degree,
              1,
              "degree of the Lagrange elements (1: Q1, 2: Q2)",
              2);
    add_flag(prm,
             "Locking-free formulation",
             s.solid.locking_free,
             "F-bar projection of the dilatation (needed for nearly "
             "incompressible layers)");
    prm.leave_subsection();
  }



  void
  ScenarioInput::add_indentation()
  {
    IndentationSettings &ind = s.indentation;
    using Shape              = IndentationSettings::Shape;
    prm.enter_subsection("Indentation");
    add_choice(prm,
               "Indenter",
               ind.shape,
               {{Shape::flat, "flat"}, {Shape::sphere, "sphere"}, {Shape::needle, "needle"}},
               "rigid punch shape: flat cylinder or sphere (prescribed surface "
               "displacement over the Hertz contact radius), or the needle of "
               "subsection Needle pressed in along its axis, in penalty contact with the "
               "surface (subsection Contact; friction 0 for the frictionless benchmark)");
    add_quantity(prm,
                 "Indenter radius",
                 ind.radius,
                 "mm",
                 1e-4,
                 50,
                 "punch radius (flat) or sphere radius (not used by the needle)");
    add_quantity(prm, "Depth", ind.depth, "mm", 0, 20, "indentation depth at the end of the ramp");
    add_quantity(
      prm, "Ramp time", ind.ramp_time, "s", 1e-9, 1e6, "time to press the punch to full depth");
    add_count(prm, "Ramp steps", ind.ramp_steps, 1, "load steps of the ramp", 100000);
    add_quantity(
      prm, "Hold time", ind.hold_time, "s", 0, 1e6, "time the depth is held (relaxation)");
    add_count(prm,
              "Hold steps",
              ind.hold_steps,
              0,
              "load steps of the hold (geometrically growing)",
              100000);
    prm.leave_subsection();
  }



  void
  ScenarioInput::add_stroke()
  {
    StrokeSettings &st = s.stroke;
    prm.enter_subsection("Needle");
    st.needle.add_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Needle motion");
    st.motion.add_parameters(prm);
    add_count(prm,
              "Steps per stroke",
              st.steps_per_stroke,
              4,
              "largest load steps per stroke, down and up, in equal needle travel "
              "(the steps adapt to the Newton iterations below this size)",
              100000);
    prm.leave_subsection();

    prm.enter_subsection("Contact");
    add_quantity(prm,
                 "Penalty factor",
                 st.contact.penalty_factor,
                 "-",
                 1,
                 1e6,
                 "kappa of the contact penalty kappa E / h (E of the stratum corneum, h the "
                 "size of the contact face): the penetration is about p h / (kappa E)");
    add_quantity(prm,
                 "Penalty length",
                 st.contact.penalty_length,
                 "mm",
                 0,
                 10,
                 "l in place of h in the penalty kappa E / l, the same on every mesh (e.g. "
                 "the tip radius): the Newton iterations that settle which points touch "
                 "stop growing with the mesh; 0: the size h of each contact face");
    add_quantity(prm,
                 "Friction coefficient",
                 st.contact.friction,
                 "-",
                 0,
                 2,
                 "Coulomb friction between needle and skin, on the surface and in the "
                 "split channel (needle-tissue measurements: 0.12-0.34)");
    add_choice(prm,
               "Contact points",
               st.contact.lobatto,
               {{true, "nodes"}, {false, "Gauss"}},
               "where the skin surface meets the needle: at the nodes of the surface "
               "faces (2x2 Gauss-Lobatto points, lumped: no oscillating pressures) or "
               "at 2x2 Gauss points of each face (consistent integration, like "
               "FEBio's facet-on-facet contact)");
    add_flag(prm,
             "Augmented Lagrangian",
             st.contact.augmented,
             "the penalty pressure of each point at the end of a load step becomes a "
             "Lagrange multiplier in the next (augmentation per step, Simo & Laursen "
             "1992): the penetration falls to the pressure change of one step over "
             "the penalty, so a softer penalty factor (20 in the benchmarks) gives "
             "about the same force in fewer Newton iterations");
    prm.leave_subsection();

    prm.enter_subsection("Cutting");
    st.toughness.add_parameters(prm);
    add_text(prm,
             "Section table cache",
             st.section_cache,
             "directory of the wedged-crack section tables of the layer laws, one file "
             "per law shape (relative paths: to the scenario file's directory; empty: "
             "solve them in every run)");
    prm.leave_subsection();

    prm.enter_subsection("Injury");
    injury.add_parameters(prm);
    prm.leave_subsection();
  }



  void
  ScenarioInput::add_solvers()
  {
    prm.enter_subsection("Nonlinear solver");
    add_count(prm,
              "Maximum Newton iterations",
              s.solid.newton.max_iterations,
              1,
              "Newton iterations per load step before the step is cut",
              200);
    add_quantity(
      prm,
      "Residual tolerance",
      s.solid.newton.residual_tolerance,
      "-",
      1e-14,
      1e-2,
      "converged when |residual| <= tolerance |internal forces| (the largest of the run so far)");
    add_count(prm,
              "Maximum step cuts",
              s.max_step_cuts,
              0,
              "halvings of a load step before the run stops",
              30);
    prm.leave_subsection();

    LinearSolverSettings &linear = s.solid.linear;
    using Type                   = LinearSolverSettings::Type;
    prm.enter_subsection("Linear solver");
    add_choice(prm,
               "Type",
               linear.type,
               {{Type::automatic, "automatic"},
                {Type::iterative, "iterative"},
                {Type::direct, "direct"}},
               "GMRES with multigrid (iterative), sparse LU (direct), "
               "or direct below the size limit (automatic)");
    using Preconditioner = LinearSolverSettings::Preconditioner;
    add_choice(prm,
               "Preconditioner",
               linear.preconditioner,
               {{Preconditioner::automatic, "automatic"},
                {Preconditioner::algebraic_multigrid, "algebraic multigrid"},
                {Preconditioner::geometric_multigrid, "geometric multigrid"}},
               "of GMRES: Galerkin multigrid on the grid lines (meshes whose nodes form "
               "a tensor-product grid), smoothed-aggregation AMG (any mesh), or the "
               "first where the mesh allows it, else the second (automatic)");
    add_quantity(prm,
                 "Relative tolerance",
                 linear.relative_tolerance,
                 "-",
                 1e-14,
                 1e-1,
                 "Krylov solver tolerance relative to the right-hand side (an "
                 "inexact Newton step; the Newton residual decides the accuracy)");
    add_flag(prm,
             "Adaptive tolerance",
             linear.adaptive_tolerance,
             "Newton's Krylov tolerances by Eisenstat-Walker: the relative tolerance in a "
             "load step's first iteration, then loose while Newton converges slowly and "
             "no tighter than the Newton tolerance needs (else the relative tolerance "
             "throughout)");
    add_count(prm,
              "Maximum iterations",
              linear.max_iterations,
              1,
              "Krylov iterations before falling back to the direct solver",
              100000);
    add_count(prm,
              "Direct solver below unknowns",
              linear.direct_below_dofs,
              0,
              "automatic: use the direct solver below this many unknowns");
    prm.leave_subsection();
  }



  void
  ScenarioInput::add_treatment()
  {
    TreatmentSettings &tr = s.treatment;
    prm.enter_subsection("Device");
    tr.device.add_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Protocol");
    tr.protocol.add_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Patient");
    tr.patient.add_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Healing");
    tr.healing.add_parameters(prm);
    add_quantity(prm,
                 "Step tolerance",
                 tr.step_tolerance,
                 "-",
                 1e-5,
                 1,
                 "largest local error per time step (fields are normalised)");
    add_quantity(prm, "Maximum step", tr.max_step, "day", 0.01, 60, "largest time step");
    prm.enter_subsection("Epidermis");
    tr.epidermis.add_parameters(prm);
    prm.leave_subsection();
    prm.leave_subsection();

    prm.enter_subsection("Patch");
    add_quantity(prm, "Width", tr.patch_width, "mm", 0.5, 50, "side of the square skin patch");
    add_quantity(prm,
                 "Treated width",
                 tr.treated_width,
                 "mm",
                 0.1,
                 50,
                 "side of the treated square, centred on the patch");
    add_quantity(prm,
                 "Element size",
                 tr.patch_element_size,
                 "mm",
                 0.01,
                 1,
                 "lateral element size of the patch (vertical: graded from it)");
    add_count(prm,
              "Injury samples",
              tr.injury_samples,
              1,
              "[-] sample points per direction and cell for the injury field",
              10);
    add_text(prm,
             "Kernel cache",
             tr.kernel_cache,
             "directory of the computed stroke kernels, one per stroke configuration "
             "(relative paths: to the scenario file's directory)");
    prm.leave_subsection();

    prm.enter_subsection("Clinical");
    add_quantity(prm,
                 "Erythema threshold",
                 tr.erythema_threshold,
                 "-",
                 1e-6,
                 1,
                 "papillary-dermis inflammation above which the skin looks red");
    add_quantity(prm,
                 "Visibility threshold",
                 tr.visibility_threshold,
                 "%",
                 0.1,
                 1000,
                 "papillary-dermis collagen gain at which the improvement is visible");
    prm.leave_subsection();
  }



  void
  ScenarioInput::add_output()
  {
    OutputSettings &out = s.output;
    prm.enter_subsection("Output");
    add_flag(prm, "Write fields", out.write_fields, "write VTU/PVD fields for ParaView");
    add_count(prm,
              "Field output interval",
              out.field_interval,
              1,
              "write fields every n-th load step (and always the last)",
              100000);
    add_flag(prm,
             "Allow suspect results",
             out.allow_suspect,
             "accept a run whose own physics checks fail (energy balance, negative "
             "dissipation, steps at the step-cut limit): status suspect, exit 0 instead "
             "of 2");
    add_quantity(prm,
                 "Energy balance tolerance",
                 out.energy_tolerance,
                 "-",
                 0.0,
                 1.0,
                 "largest energy balance error of a stroke (remainder / needle work) that "
                 "is not suspect");
    prm.leave_subsection();
  }



  Scenario
  ScenarioInput::scenario(const std::string &source)
  {
    s.source_file = source;
    complete_skin();
    complete_mesh();
    complete_indentation();
    complete_stroke();
    if (s.problem == ProblemType::treatment)
      complete_treatment();

    std::ostringstream prm_text, json_text;
    prm.print_parameters(prm_text, ParameterHandler::PRM);
    prm.print_parameters(json_text, ParameterHandler::ShortJSON);
    s.parameters_prm  = prm_text.str();
    s.parameters_json = json_text.str();
    return s;
  }



  void
  ScenarioInput::complete_skin()
  {
    const LayerStack                 &preset = facial_region(s.region).layers;
    std::array<double, n_skin_layers> t;
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        const std::string path = "Skin/" + layer_name(l);
        t[l]      = layer_thickness(thickness[l], path + "/Thickness", preset.thickness(l));
        s.laws[l] = materials[l].create(path);
      }
    s.layers = LayerStack(t);
  }



  void
  ScenarioInput::complete_mesh()
  {
    SkinMeshSettings &mesh = s.mesh;
    if (!mesh.file.empty())
      {
        const std::string given = mesh.file;
        mesh.file               = relative_to(s.source_file, given);
        if (!std::filesystem::exists(mesh.file))
          throw InputError("Mesh/File",
                           given,
                           "an existing Gmsh file",
                           "not found (" + mesh.file + ")");
        if (mesh.geometry != BlockGeometry::quarter)
          throw InputError("Mesh/Geometry",
                           name_of(mesh.geometry, block_geometries),
                           "quarter with Mesh/File",
                           "a mesh file is read as a quarter block");
        // read once here, so that a bad file is rejected before the run starts
        dealii::Triangulation<3> check;
        read_skin_block(check, mesh.file, mesh.file_layer);
        mesh.file_cells    = check.n_active_cells();
        mesh.file_vertices = check.n_used_vertices();
      }
    if (mesh.h_min > mesh.h_max)
      throw InputError("Mesh/Element size at needle",
                       shortest_text(mesh.h_min),
                       "at most Mesh/Maximum element size = " + shortest_text(mesh.h_max) + " mm",
                       "larger than the maximum element size");
    if (mesh.h_min >= mesh.half_width)
      throw InputError("Mesh/Element size at needle",
                       shortest_text(mesh.h_min),
                       "less than Mesh/Half width = " + shortest_text(mesh.half_width) + " mm",
                       "the mesh would have no grading");

    if (mesh.geometry == BlockGeometry::axisymmetric)
      for (unsigned int l = 0; l < n_skin_layers; ++l)
        if (s.laws[l]->name().find(GasserOgdenHolzapfel::registered_name) != std::string::npos)
          throw InputError("Mesh/Geometry",
                           "axisymmetric",
                           "full, half or quarter when a layer is anisotropic",
                           "layer '" + layer_name(l) + "' uses the anisotropic " +
                             GasserOgdenHolzapfel::registered_name + " law");
    s.solid.geometry = mesh.geometry == BlockGeometry::axisymmetric ? Geometry::axisymmetric :
                                                                      Geometry::three_dimensional;
  }



  void
  ScenarioInput::complete_indentation() const
  {
    const IndentationSettings &ind = s.indentation;
    if (ind.radius >= s.mesh.half_width)
      throw InputError("Indentation/Indenter radius",
                       shortest_text(ind.radius),
                       "less than Mesh/Half width = " + std::to_string(s.mesh.half_width) + " mm",
                       "the punch would not fit on the block");
    if (s.mesh.file.empty() && ind.depth >= 0.5 * s.layers.total_thickness())
      throw InputError("Indentation/Depth",
                       shortest_text(ind.depth),
                       "less than half the skin thickness (" +
                         std::to_string(0.5 * s.layers.total_thickness()) + " mm)",
                       "too deep for a quasi-static indentation of this skin");
    if (ind.shape == IndentationSettings::Shape::sphere && ind.depth >= ind.radius)
      throw InputError("Indentation/Depth",
                       shortest_text(ind.depth),
                       "less than the sphere radius " + shortest_text(ind.radius) + " mm",
                       "the sphere would be buried");
    if (ind.hold_time > 0 && ind.hold_steps == 0)
      throw InputError("Indentation/Hold steps", "0", "at least 1 when Hold time > 0");
    // the part of the block the needle's mirror planes allow
    if (ind.shape == IndentationSettings::Shape::needle)
      {
        const auto needle       = make_needle_shape(s.stroke.needle);
        using Symmetry          = NeedleShape::Symmetry;
        const Symmetry symmetry = needle->symmetry();
        // every shape has the mirror plane y = 0; a half-symmetric one not x = 0
        const bool mirror_x = symmetry != Symmetry::half;
        const bool allowed  = s.mesh.geometry == BlockGeometry::axisymmetric ?
                                symmetry == Symmetry::axisymmetric :
                                mirror_x || !mirrored_in_x(s.mesh.geometry);
        if (!allowed)
          throw InputError("Mesh/Geometry",
                           name_of(s.mesh.geometry, block_geometries),
                           (mirror_x ? "quarter, half or full" : "half or full") +
                             std::string(" for a ") + needle->name(),
                           "the needle does not have the block's mirror planes");
      }
  }



  void
  ScenarioInput::complete_stroke()
  {
    StrokeSettings &st = s.stroke;
    st.needle.check("Needle");
    const double hypodermis = s.layers.thickness(index(SkinLayer::hypodermis));
    const double deepest    = s.layers.total_thickness() - 0.2 * hypodermis;
    if (s.problem != ProblemType::indentation && st.motion.depth > deepest)
      throw InputError("Needle motion/Depth setting",
                       shortest_text(st.motion.depth),
                       "at most " + std::to_string(deepest) +
                         " mm (the skin stack down to 80 % of the hypodermis)",
                       "the needle would reach the bottom of the modelled skin");

    // the contact penalty scales with the material under the needle
    st.contact.modulus = youngs_modulus(
      *s.laws[s.mesh.file.empty() ? index(SkinLayer::stratum_corneum) : s.mesh.file_layer]);
    st.channel.friction = st.contact.friction;
    st.toughness.check();
    if (!st.section_cache.empty()) // empty: no cache
      st.section_cache = relative_to(s.source_file, st.section_cache);
    injury.check("Injury");
    st.injury = std::make_shared<const InjuryLaw>(injury);

    // a treatment's kernels are strokes of the same scenario
    if (s.problem != ProblemType::indentation && s.mesh.geometry != BlockGeometry::axisymmetric)
      throw InputError("Mesh/Geometry",
                       name_of(s.mesh.geometry, block_geometries),
                       "axisymmetric for a stroke or a treatment (its stroke kernels)",
                       "the stroke model is axisymmetric (round needles)");
    // the axisymmetric stroke's round needle
    const double diameter = st.needle.axisymmetric_equivalent().shaft_diameter;
    if (s.problem != ProblemType::indentation && 4.0 * diameter >= s.mesh.half_width)
      throw InputError("Mesh/Half width",
                       std::to_string(s.mesh.half_width),
                       "more than 4 shaft diameters (" + std::to_string(4.0 * diameter) + " mm)",
                       "the block is too narrow for the needle");
  }



  void
  ScenarioInput::complete_treatment()
  {
    TreatmentSettings &tr = s.treatment;
    tr.device.check();
    if (tr.device.cartridge != DevicePattern::Cartridge::roller &&
        s.stroke.motion.type != NeedleMotion::Type::pulsating)
      throw InputError("Needle motion/Motion",
                       "constant speed",
                       "pulsating for a pen (a roller ignores the motion's timing)",
                       "a pen strikes at its stroke frequency");
    tr.protocol.check(s.layers);
    tr.patient.check();
    tr.warnings     = TreatmentProtocol::contraindications(tr.patient);
    tr.kernel_cache = relative_to(s.source_file, tr.kernel_cache);
    if (tr.treated_width > tr.patch_width)
      throw InputError("Patch/Treated width",
                       shortest_text(tr.treated_width),
                       "at most the patch width (" + shortest_text(tr.patch_width) + " mm)");
    const double cartridge = DevicePattern(tr.device, s.stroke.motion.frequency).cartridge_width();
    if (tr.treated_width < cartridge)
      throw InputError("Patch/Treated width",
                       shortest_text(tr.treated_width),
                       "at least the cartridge width (" + std::to_string(cartridge) + " mm)",
                       "the patch is smaller than the cartridge");
  }



  Scenario
  Scenario::from_file(const std::string &filename)
  {
    ScenarioInput input;
    apply_assignments(input.parameters(), read_parameter_file(filename));
    return input.scenario(filename);
  }



  std::string
  to_string(const ProblemType type)
  {
    return name_of(type, problem_types);
  }
} // namespace needlesim
