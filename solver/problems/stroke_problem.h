#pragma once
// One needle stroke (Problem/Type = stroke): a rigid round needle driven into
// the layered skin and pulled out again, on the axisymmetric (r, z) block.
//
//   indentation   the needle presses the skin surface (frictional contact,
//                 needle_contact.h); the skin tents;
//   puncture      the penetrated configuration is followed along the stroke as
//                 a second branch of the same skin: split along the needle
//                 from the surface down to the tip, the crack widths chosen
//                 by energy (split_channel.h), every load step solved for
//                 both. The needle punctures where the split skin stores
//                 less than the indented one, with its crack's fracture
//                 energy, E_ind >= E_pen + G_c A (the energy-minimum switch
//                 of Fregonese & Bacca 2021; finite fracture mechanics,
//                 Leguillon 2002), located by regula falsi between load
//                 steps; the snap to the split state releases the
//                 difference, lost as kinetic energy;
//   cutting       the crack follows the tip, each depth a wedged-crack section
//                 that the needle's cone opens and the shaft holds open, with
//                 friction on the split faces;
//   retraction    friction reverses, the sections close, the crack remains.
//
// Load steps follow the needle travel (equal travel at most, fewer where
// Newton works hard, StepSizeController; before the puncture at most the
// element size at the needle per step); energy bookkeeping in
// stroke_energy.h; the injury kernel in stroke_injury.h.

#include "field_output.h"
#include "finite_strain_solid.h"
#include "load_stepping.h"
#include "needle_contact.h"
#include "needle_output.h"
#include "progress.h"
#include "run_results.h"
#include "scenario.h"
#include "section_tables.h"
#include "split_channel.h"
#include "stroke_energy.h"
#include "stroke_injury.h"

#include <deal.II/distributed/tria.h>

#include <mpi.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace needlesim
{
  /// Changes with every change of the stroke model that changes its results;
  /// part of the key of cached stroke kernels (treatment_problem.h).
  constexpr const char *stroke_model_version =
    "stroke model 5: energy puncture, wedged sections, curvature-continuous tip; kernel footprint; "
    "finite-strain Maxwell branches; Coulomb return map from first touch, travel-limited steps "
    "before the puncture";

  class NeedleStroke
  {
  public:
    NeedleStroke(const Scenario &scenario, MPI_Comm comm, Progress &progress);

    /// Runs the stroke, writing fields into @p directory; returns the scalar
    /// results and the curves (force_depth, energy_balance, injury_kernel).
    /// Throws ConvergenceFailure if a load step cannot be solved.
    RunResults
    run(const std::string &directory);

  private:
    /// Everything the committed state consists of, to go back to it.
    struct State
    {
      FiniteStrainSolid<2>::Snapshot solid;
      NeedleContact<2>::Snapshot     contact;
      SplitChannel::Snapshot         channel;
    };
    /// What the force-depth history shows of the puncture.
    struct Puncture
    {
      bool   found          = false;
      double travel         = 0.0; ///< needle travel [mm]
      double force          = 0.0; ///< needle force just before [N]
      double force_drop     = 0.0; ///< [N]
      double tenting        = 0.0; ///< surface beside the needle [mm]
      double energy_release = 0.0; ///< stored energy released by the snap [mJ]
      double fracture       = 0.0; ///< crack energy created by the snap [mJ]
    };
    /// Extremes and statistics over the stroke.
    struct Statistics
    {
      double       peak_force = 0.0, min_force = 0.0, force_at_depth = 0.0; ///< [N]
      double       crack_front = 0.0; ///< deepest depth split [mm]
      unsigned int steps = 0, newton = 0, krylov = 0, rejected = 0;
      unsigned int at_step_cut_limit = 0; ///< steps that converged only at the smallest size
    };

    // set-up
    void
    make_mesh();
    /// Size of the cells in the needle's footprint r < R [mm].
    double
    channel_cell_size() const;
    /// Element size at the needle's tip after the global refinements [mm].
    double
    tip_cell_size() const;
    void
    make_solid();
    std::vector<double>
    step_times() const;

    // stepping
    void
    advance_to(double t_target);
    /// The end of a step from @p t_from towards @p t_to: before the
    /// puncture the needle travels at most the element size at the needle.
    double
    step_end(double t_from, double t_to) const;
    bool
    try_step(double t_new);
    bool
    solve_and_commit(double t_new);
    /// Restores @p from and solves to @p t_target, in up to 2^4 substeps
    /// where the whole step fails; false if even those fail.
    bool
    solve_from(const State &from, double t_target, unsigned int depth = 0);
    /// E_ind - (E_pen + fracture) of the current (indented) state against
    /// the penetrated state @p pen at the same needle position [mJ].
    double
    penetration_gain(const State &pen);
    /// Locates the switch between the states @p ind_a, @p pen_a at the
    /// start of the step and the current ones (gain @p g_b >= 0) and goes
    /// through it, recording its rows.
    void
    locate_puncture(State ind_a, State pen_a, double g_b);
    /// Adopts the penetrated state @p split (the puncture).
    void
    puncture(const State &split);

    // state and measurements
    State
    save() const;
    void
    restore(const State &s);
    double
    needle_force() const;
    double
    surface_deflection() const;
    double
    split_depth_at_tip() const;
    StrokeEnergy
    energy() const;
    void
    record();
    void
    write_fields(unsigned int index);

    // results
    /// The injury the stroke leaves, from the cells of all ranks, and the
    /// widest crack half-length of the channel [mm].
    std::pair<StrokeInjury, double>
    injury_field() const;
    RunResults
    results() const;
    void
    add_energy(RunResults &r, const StrokeEnergy &e) const;

    const Scenario                                 &scenario;
    const StrokeSettings                            settings; ///< with the round needle
    const MPI_Comm                                  comm;
    Progress                                       &progress;
    const NeedleMotion                              motion;
    const NeedleGeometry                            needle;
    dealii::parallel::distributed::Triangulation<2> tria;
    std::unique_ptr<SectionTables>                  sections;
    std::unique_ptr<FiniteStrainSolid<2>>           solid;
    std::shared_ptr<NeedleContact<2>>               contact;
    std::shared_ptr<SplitChannel>                   channel;
    unsigned int                                    contact_index = 0, channel_index = 0;
    std::unique_ptr<StepSizeController>             step_size;
    bool                                            extrapolate = true;
    StepReport                                      last_report;
    unsigned int                                    last_newton_iterations = 0;

    State  penetrated;        ///< the penetrated branch, before the puncture
    double gain_before = 0.0; ///< penetration gain at the last step [mJ]
    double work = 0.0, snap_loss = 0.0;
    /// Dissipation of the path the needle took that the adopted penetrated
    /// state does not carry [mJ].
    struct
    {
      double friction = 0.0, viscous = 0.0;
    } dissipation_offset;
    Puncture                        punctured;
    Statistics                      statistics;
    Curve                           force_depth, energy_balance;
    std::vector<double>             max_stretch; ///< per locally owned cell
    std::vector<double>             energy_at_depth{0.0,
                                        0.0,
                                        0.0}; ///< fracture, sections, friction at the bottom [mJ]
    std::unique_ptr<FieldWriter<2>> fields;
    std::unique_ptr<NeedleOutput>   needle_output; ///< rank 0 only
  };

  /// The cell sizes of the stroke's (r, z) mesh before its global
  /// refinements: graded from where the tip meets the skin, the needle's
  /// footprint r < R resolved by 4 cells at least down to below the deepest
  /// tip position.
  std::vector<std::vector<double>>
  stroke_mesh_steps(const Scenario &s);

  /// Runs the stroke scenario @p s into @p directory (NeedleStroke::run).
  RunResults
  run_stroke(const Scenario &s, const std::string &directory, Progress &progress, MPI_Comm comm);
} // namespace needlesim
