#pragma once
// Forces that act on part of the body besides its stress: contact with the
// rigid needle on boundary faces, the split channel along the needle in a
// volume. An interaction contributes an energy Pi_I(u) (with a history), whose
// derivative f(X, u) at its points the solid adds to the internal forces:
//   f_a  += sum_q N_a(q) f(X_q, u_q) w_q,
//   K_ab += sum_q N_a(q) N_b(q) df/du(X_q, u_q) w_q,
// with w_q the reference weight of the point: area on faces, volume in
// cells (times 2 pi R for axisymmetry). Every point keeps a fixed index for
// its state.

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/base/types.h>

#include <set>
#include <string>
#include <vector>

namespace needlesim
{
  /// A quadrature point of an interaction.
  template <int dim>
  struct InteractionPoint
  {
    dealii::Point<dim> X;      ///< reference position [mm]
    double             weight; ///< reference area or volume weight [mm^2 or mm^3]
    double             size;   ///< size of its face or cell [mm]
  };

  template <int dim>
  class Interaction
  {
  public:
    virtual ~Interaction() = default;

    /// What it models, for the timing report (e.g. "needle contact").
    virtual std::string
    name() const = 0;

    /// Where the interaction acts: on boundary faces or in cells.
    enum class Support
    {
      boundary_faces,
      cells
    };
    virtual Support
    support() const
    {
      return Support::boundary_faces;
    }
    /// The boundaries it acts on (boundary_faces only).
    virtual std::set<dealii::types::boundary_id>
    boundaries() const
    {
      return {};
    }
    /// Whether it acts on the face or cell with this reference centre.
    virtual bool
    acts_on(const dealii::Point<dim> &centre) const = 0;
    /// Points per direction of the quadrature rule: Gauss-Lobatto (nodal)
    /// points if lobatto(), Gauss points otherwise.
    virtual unsigned int
    points_per_direction() const = 0;
    virtual bool
    lobatto() const = 0;

    /// Receives this rank's points (once, at setup).
    virtual void
    set_points(std::vector<InteractionPoint<dim>> points)
    {
      point_list = std::move(points);
    }
    const std::vector<InteractionPoint<dim>> &
    points() const
    {
      return point_list;
    }

    /// Force f at point @p i (added to the internal forces) and df/du, for
    /// the trial displacement @p u and the committed @p u_n, at time @p t
    /// after a step @p dt. Records the point's trial state.
    virtual void
    evaluate(unsigned int                  i,
             const dealii::Tensor<1, dim> &u,
             const dealii::Tensor<1, dim> &u_n,
             double                        t,
             double                        dt,
             dealii::Tensor<1, dim>       &force,
             dealii::Tensor<2, dim>       &stiffness) = 0;

    /// Makes the trial state of every point the committed one.
    virtual void
    commit() = 0;

  protected:
    std::vector<InteractionPoint<dim>> point_list;
  };
} // namespace needlesim
