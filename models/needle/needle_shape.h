#pragma once
// The surface of a rigid needle as the skin meets it: its exact signed
// distance phi(x) with the gradient (the outward normal of the nearest
// surface point) and the Hessian, which is all frictional contact with an
// analytic rigid body needs (solver/fem/needle_contact.h), the symmetry that
// decides which part of the skin block a 3-d model needs, and the footprint
// of its cross-sections.
//
// Each shape is one class and one entry of make_needle_shape(): the round
// cone (needle.h) and the pyramid of 3 or 4 faces (pyramidal_needle.h). The
// axisymmetric stroke model sees every shape as a round needle
// (NeedleGeometry::Parameters::axisymmetric_equivalent()).

#include "continuum_tensors.h"

#include <memory>
#include <string>

namespace needlesim
{
  class NeedleShape
  {
  public:
    /// Signed distance with its gradient and Hessian.
    struct Distance
    {
      double     value;   ///< [mm], negative inside the needle
      Tensor1    normal;  ///< grad phi
      SymTensor2 hessian; ///< grad grad phi [1/mm]
    };

    /// The mirror planes through the axis the shape has.
    enum class Symmetry
    {
      axisymmetric, ///< a surface of revolution
      quarter,      ///< mirror planes x = 0 and y = 0
      half          ///< the mirror plane y = 0 only
    };

    /// A cross-section at the height zeta above the tip.
    struct Footprint
    {
      double area      = 0.0; ///< [mm^2]
      double perimeter = 0.0; ///< [mm]
    };

    virtual ~NeedleShape() = default;

    /// The shape's name in scenario files.
    virtual std::string
    name() const = 0;

    /// Signed distance of the point @p x [mm] when the lowest point of the
    /// needle (its tip) is at z = @p z_tip; the axis is the z axis.
    virtual Distance
    signed_distance(const Tensor1 &x, double z_tip) const = 0;

    virtual Symmetry
    symmetry() const = 0;

    /// The cross-section @p zeta [mm] above the tip.
    virtual Footprint
    footprint(double zeta) const = 0;
  };
} // namespace needlesim
