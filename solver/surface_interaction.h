#pragma once
// Tractions that act on parts of the boundary: penalty contact with the rigid
// needle, the cohesive crack on a symmetry plane. The solid integrates them
// over the boundary faces with the interaction's quadrature rule:
//   f_a  += sum_q N_a(q) t(X_q, u_q) w_q,
//   K_ab += sum_q N_a(q) N_b(q) dt/du(X_q, u_q) w_q,
// with w_q the reference area weight (times 2 pi R for axisymmetry), and
// gives every quadrature point a fixed index for its state.

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/base/types.h>

#include <set>
#include <vector>

namespace needlesim
{
  /// A quadrature point of an interaction surface.
  template <int dim>
  struct SurfacePoint
  {
    dealii::Point<dim> X;         ///< reference position [mm]
    double             weight;    ///< reference area weight [mm^2]
    double             face_size; ///< square root of its face's area [mm]
  };

  template <int dim>
  class SurfaceInteraction
  {
  public:
    virtual ~SurfaceInteraction() = default;

    /// The boundaries the interaction acts on.
    virtual std::set<dealii::types::boundary_id>
    boundaries() const = 0;
    /// Whether it acts at a point of those boundaries (reference position).
    virtual bool
    acts_on(const dealii::Point<dim> &X) const = 0;
    /// Points per face direction of the quadrature rule; Gauss-Lobatto
    /// (nodal) points if @p lobatto, Gauss points otherwise.
    virtual unsigned int
    points_per_direction() const = 0;
    virtual bool
    lobatto() const = 0;

    /// Receives this rank's points (once, at setup).
    virtual void
    set_points(std::vector<SurfacePoint<dim>> points)
    {
      point_list = std::move(points);
    }
    const std::vector<SurfacePoint<dim>> &
    points() const
    {
      return point_list;
    }

    /// Traction at point @p i that is added to the internal forces [MPa] and
    /// its derivative with respect to the displacement [MPa/mm], for the
    /// trial displacement @p u, the committed @p u_n, at time @p t after a
    /// step @p dt. Records the point's trial state.
    virtual void
    evaluate(unsigned int                   i,
             const dealii::Tensor<1, dim> &u,
             const dealii::Tensor<1, dim> &u_n,
             double                         t,
             double                         dt,
             dealii::Tensor<1, dim>        &traction,
             dealii::Tensor<2, dim>        &stiffness) = 0;

    /// Makes the trial state of every point the committed one.
    virtual void
    commit() = 0;

  protected:
    std::vector<SurfacePoint<dim>> point_list;
  };
} // namespace needlesim
