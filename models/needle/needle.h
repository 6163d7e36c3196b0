#pragma once
// The rigid needle of a microneedling pen: a cylindrical shaft ending in a
// cone whose apex is rounded with the tip radius, and its motion.
//
// Geometry (axis along z, tip pointing to -z, lowest point at z = z_tip).
// In the half plane (rho, zeta) with rho the distance from the axis and
// zeta = z - z_tip the height above the tip, the needle is the set of points
// within r_t of the "core" K: the sharp cone of half-angle alpha with its
// apex at zeta = zeta_K, widening to the radius R - r_t and continuing as a
// cylinder. The Minkowski sum of a convex set and a ball is exact, so
//     phi(p) = d_K(p) - r_t
// is the exact signed distance to the needle surface (negative inside), with
// d_K the signed distance to K: the distance to the nearer of the cone segment
// and the cylinder ray outside K, minus the distance to the nearer supporting
// line inside. The tip radius is r_t, the cone half-angle alpha, the shaft
// radius R (the cone-shaft shoulder is rounded with r_t as well). The apex
// itself is the cap of radius r_t blended into the cone with continuous
// curvature (needle_tip.h), which sets zeta_K (about 0.96 r_t; r_t for a
// ball-ended needle, R = r_t, whose cap is a hemisphere).

#include "continuum_tensors.h"
#include "needle_shape.h"
#include "needle_tip.h"

#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <string>

namespace needlesim
{
  class NeedleGeometry : public NeedleShape
  {
  public:
    /// The needle as a scenario gives it (subsection Needle), whatever its
    /// tip: a round cone, a pyramid whose faces make the cone half-angle
    /// with the axis on a prism shaft as wide across flats as the shaft
    /// diameter (pyramidal_needle.h), or a round shaft cut by one face at
    /// the cone half-angle to it (bevelled_needle.h).
    struct Parameters
    {
      enum class Tip
      {
        cone,
        pyramid_3, ///< three faces
        pyramid_4, ///< four faces
        bevel      ///< one oblique face (bevelled_needle.h)
      };
      double shaft_diameter  = 0.25;  ///< [mm]
      double tip_radius      = 0.005; ///< [mm]
      double cone_half_angle = 15.0;  ///< [deg]
      Tip    tip             = Tip::cone;

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
      /// Throws InputError (naming @p path/Tip radius) if the tip is wider
      /// than the shaft.
      void
      check(const std::string &path) const;
      /// The round needle a model of revolution (the stroke) uses in place
      /// of this one: the needle itself if it is round; for a pyramid of n
      /// faces the cone whose sections have the pyramid's perimeter,
      /// tan(alpha_eq) = c tan(alpha), R_eq = c R with c = n tan(pi/n) / pi
      /// (the split skin wraps the perimeter; c = 1.27 for four faces, 1.65
      /// for three); for a bevel the cone as wide as the shaft where the
      /// heel is, tan(alpha_eq) = tan(beta) / 2; the same tip radius.
      Parameters
      axisymmetric_equivalent() const;
    };

    /// The round needle of @p p (its shaft, tip radius and cone; @p p.tip
    /// is not looked at).
    explicit NeedleGeometry(const Parameters &p);

    std::string
    name() const override
    {
      return "cone";
    }

    /// Signed distance of the point @p x [mm] when the tip is at z = @p z_tip.
    Distance
    signed_distance(const Tensor1 &x, double z_tip) const override;

    Symmetry
    symmetry() const override
    {
      return Symmetry::axisymmetric;
    }

    /// The circle of radius radius_at_height(@p zeta).
    Footprint
    footprint(double zeta) const override;

    /// Radius of the needle cross-section at height zeta above the tip [mm].
    double
    radius_at_height(double zeta) const;

    /// The needle's cross-section radius rho(zeta) as the split skin sees it
    /// (the wedged-crack sections of the stroke model), with its first two
    /// derivatives: the exact profile above zeta = r_t, except that the
    /// cone meets the shaft in an arc of radius @p shoulder_radius (r_t: the
    /// needle itself; larger: the shoulder blended over more of the channel,
    /// see SplitChannel); below r_t, the rounded apex replaced by the parabola
    /// rho = A zeta + B zeta^2 that meets the profile with value and slope at
    /// r_t (so that the slope stays bounded at the apex, where a plane section
    /// is no model of the tip anyway).
    struct SectionRadius
    {
      double value     = 0.0; ///< rho [mm]
      double slope     = 0.0; ///< d rho / d zeta [-]
      double curvature = 0.0; ///< d^2 rho / d zeta^2 [1/mm]
    };
    SectionRadius
    section_radius(double zeta, double shoulder_radius) const;

    double
    shaft_radius() const
    {
      return R;
    }
    double
    tip_radius() const
    {
      return r_t;
    }
    /// Cone half-angle [rad].
    double
    cone_half_angle() const
    {
      return alpha;
    }
    /// Height of the cone-shaft shoulder above the tip [mm].
    double
    shoulder_height() const;


  private:
    /// Height of the apex of the core K above the tip [mm].
    double
    core_apex_height() const;

    double    R, r_t, alpha;
    NeedleTip tip;
  };



  /// The shape of the needle @p p describes (the registration of the shapes:
  /// Parameters::Tip -> class).
  std::shared_ptr<const NeedleShape>
  make_needle_shape(const NeedleGeometry::Parameters &p);



  /// How the needle tip moves: z_tip(t) [mm], 0 at the undeformed skin
  /// surface, negative inside the skin.
  class NeedleMotion
  {
  public:
    enum class Type
    {
      /// A pen: down and up once per period, z = -d (1 - cos(2 pi f t))/2,
      /// peak speed pi f d.
      pulsating,
      /// A lab insertion test: in at constant speed v to the depth d, then out.
      constant_speed
    };

    struct Parameters
    {
      Type         type      = Type::pulsating;
      double       depth     = 1.0;   ///< depth setting d [mm]
      double       frequency = 100.0; ///< strokes per second f [Hz] (pulsating)
      double       speed     = 1.0;   ///< needle speed v [mm/s] (constant speed)
      unsigned int strokes   = 1;     ///< strokes at the same spot

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
    };

    explicit NeedleMotion(const Parameters &p);

    double
    tip_position(double t) const;
    /// dz_tip/dt [mm/s].
    double
    tip_velocity(double t) const;
    /// Duration of one stroke, down and up [s].
    double
    stroke_duration() const;
    double
    total_duration() const
    {
      return param.strokes * stroke_duration();
    }
    /// Largest needle speed during a stroke [mm/s].
    double
    peak_speed() const;
    const Parameters &
    parameters() const
    {
      return param;
    }

  private:
    Parameters param;
  };
} // namespace needlesim
