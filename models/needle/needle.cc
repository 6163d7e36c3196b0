#include "needle.h"

#include "bevelled_needle.h"
#include "parameters.h"
#include "pyramidal_needle.h"

#include <cmath>

namespace needlesim
{
  namespace
  {
    struct Point2
    {
      double rho, zeta;
    };

    // Closest point to p on the segment a-b (b may equal a).
    Point2
    closest_on_segment(const Point2 &p, const Point2 &a, const Point2 &b)
    {
      const double dr = b.rho - a.rho, dz = b.zeta - a.zeta;
      const double len2 = dr * dr + dz * dz;
      double       s    = 0.0;
      if (len2 > 0.0)
        s = std::clamp(((p.rho - a.rho) * dr + (p.zeta - a.zeta) * dz) / len2, 0.0, 1.0);
      return {a.rho + s * dr, a.zeta + s * dz};
    }
  } // namespace



  NeedleGeometry::NeedleGeometry(const Parameters &p)
    : R(0.5 * p.shaft_diameter)
    , r_t(p.tip_radius)
    , alpha(p.cone_half_angle * M_PI / 180.0)
    , tip(r_t, alpha)
  {}



  double
  NeedleGeometry::core_apex_height() const
  {
    return R > r_t ? tip.core_apex_height() : r_t;
  }



  double
  NeedleGeometry::shoulder_height() const
  {
    // Core radius R - r_t reached (R - r_t)/tan(alpha) above the core apex.
    return core_apex_height() + std::max(R - r_t, 0.0) / std::tan(alpha);
  }



  double
  NeedleGeometry::radius_at_height(const double zeta) const
  {
    if (zeta <= 0.0)
      return 0.0;
    const double R_core = std::max(R - r_t, 0.0), zeta_s = shoulder_height();
    // A ball end: the hemisphere of radius r_t.
    if (R_core == 0.0)
      {
        const double h = std::max(r_t - zeta, 0.0);
        return std::sqrt(std::max(r_t * r_t - h * h, 0.0));
      }
    // The cap blended into the cone (needle_tip.h).
    if (zeta < tip.end_height())
      return tip.radius_at_height(zeta);
    // Offset cone, then the arc of radius r_t about the core shoulder, then
    // the shaft.
    if (zeta < zeta_s - r_t * std::sin(alpha))
      return (zeta - core_apex_height()) * std::tan(alpha) + r_t / std::cos(alpha);
    if (zeta < zeta_s)
      return R_core + std::sqrt(r_t * r_t - (zeta_s - zeta) * (zeta_s - zeta));
    return R;
  }



  NeedleGeometry::SectionRadius
  NeedleGeometry::section_radius(const double zeta, const double shoulder_radius) const
  {
    SectionRadius s;
    if (zeta <= 0.0)
      return s;
    // The offset cone rho = tan(alpha) z + c0 meets the shaft rho = R in an
    // arc of radius r_s tangent to both: centre (R - r_s, z_c) at the distance
    // r_s from the cone, (tan(alpha) z_c + c0 - R + r_s) cos(alpha) = r_s;
    // the arc starts on the cone at z_c - r_s sin(alpha). r_s = r_t is the
    // needle itself; a larger r_s (not beyond the cone's start at r_t, not
    // beyond R) blends the shoulder over more of the channel.
    const double c0  = r_t / std::cos(alpha) - core_apex_height() * std::tan(alpha);
    const auto   z_c = [&](const double r_s) {
      return (r_s / std::cos(alpha) + R - r_s - c0) / std::tan(alpha);
    };
    double r_s = std::clamp(shoulder_radius, r_t, std::max(R, r_t));
    if (z_c(r_s) - r_s * std::sin(alpha) < r_t)
      r_s = r_t;
    const double zeta_c = z_c(r_s);
    // the profile with its derivatives at height z >= r_t
    const auto exact = [&](const double z) {
      SectionRadius e;
      if (R <= r_t)
        e.value = radius_at_height(z);
      else if (z >= zeta_c)
        e.value = R;
      else if (z < zeta_c - r_s * std::sin(alpha))
        {
          e.value = z * std::tan(alpha) + c0;
          e.slope = std::tan(alpha);
        }
      else
        {
          // the arc: rho = R - r_s + sqrt(r_s^2 - w^2), w = z_c - z
          const double w = zeta_c - z, root = std::sqrt(std::max(r_s * r_s - w * w, 1e-30));
          e.value     = R - r_s + root;
          e.slope     = w / root;
          e.curvature = -r_s * r_s / (root * root * root);
        }
      return e;
    };
    if (zeta >= r_t)
      return exact(zeta);
    // rho = A zeta + B zeta^2 with rho(r_t) and rho'(r_t) of the profile
    const SectionRadius b = exact(r_t);
    const double        B = (b.slope * r_t - b.value) / (r_t * r_t);
    const double        A = b.slope - 2.0 * B * r_t;
    s.value               = A * zeta + B * zeta * zeta;
    s.slope               = A + 2.0 * B * zeta;
    s.curvature           = 2.0 * B;
    return s;
  }



  NeedleShape::Footprint
  NeedleGeometry::footprint(const double zeta) const
  {
    const double r = radius_at_height(zeta);
    return {M_PI * r * r, 2.0 * M_PI * r};
  }



  NeedleShape::Distance
  NeedleGeometry::signed_distance(const Tensor1 &x, const double z_tip) const
  {
    const double rho = std::hypot(x[0], x[1]);
    const Point2 p{rho, x[2] - z_tip};
    const double R_core = std::max(R - r_t, 0.0);
    const Point2 apex{0.0, core_apex_height()};
    const Point2 shoulder{R_core, shoulder_height()};

    // Distance to K and its 2-d gradient (n_rho, n_zeta) and Hessian.
    double          d, n_rho, n_zeta, h_rr = 0.0, h_rz = 0.0, h_zz = 0.0;
    NeedleTip::Foot foot;
    const bool      inside =
      p.zeta >= apex.zeta && p.rho <= std::min((p.zeta - apex.zeta) * std::tan(alpha), R_core);
    if (R_core > 0.0 && tip.closest(p.rho, p.zeta, foot))
      {
        // nearest to the blended cap: d_K = phi + r_t
        d      = foot.value + r_t;
        n_rho  = foot.n_rho;
        n_zeta = foot.n_zeta;
        h_rr   = foot.curvature * n_zeta * n_zeta;
        h_rz   = -foot.curvature * n_rho * n_zeta;
        h_zz   = foot.curvature * n_rho * n_rho;
      }
    else if (!inside)
      {
        const Point2 q_cone = closest_on_segment(p, apex, shoulder);
        const Point2 q_cyl{R_core, std::max(p.zeta, shoulder.zeta)};
        const double d_cone = std::hypot(p.rho - q_cone.rho, p.zeta - q_cone.zeta);
        const double d_cyl  = std::hypot(p.rho - q_cyl.rho, p.zeta - q_cyl.zeta);
        const Point2 q      = d_cone <= d_cyl ? q_cone : q_cyl;
        d                   = std::min(d_cone, d_cyl);
        n_rho               = (p.rho - q.rho) / d;
        n_zeta              = (p.zeta - q.zeta) / d;
        // Curvature where the nearest point is a vertex (apex or shoulder).
        const bool at_vertex = (q.rho == apex.rho && q.zeta == apex.zeta) ||
                               (q.rho == shoulder.rho && q.zeta == shoulder.zeta);
        if (at_vertex)
          {
            h_rr = (1.0 - n_rho * n_rho) / d;
            h_rz = -n_rho * n_zeta / d;
            h_zz = (1.0 - n_zeta * n_zeta) / d;
          }
      }
    else
      {
        // Inside: nearer of the cone line and the cylinder line.
        const double d_cone = (p.zeta - apex.zeta) * std::sin(alpha) - p.rho * std::cos(alpha);
        const double d_cyl  = R_core - p.rho;
        if (d_cone <= d_cyl)
          {
            d      = -d_cone;
            n_rho  = std::cos(alpha);
            n_zeta = -std::sin(alpha);
          }
        else
          {
            d      = -d_cyl;
            n_rho  = 1.0;
            n_zeta = 0.0;
          }
      }

    // Back to 3-d: e_rho radial unit vector, e_z axis.
    Tensor1 e_rho, e_z;
    e_z[2] = 1.0;
    if (rho > 1e-14)
      {
        e_rho[0] = x[0] / rho;
        e_rho[1] = x[1] / rho;
      }
    else
      e_rho[0] = 1.0;

    Distance out;
    out.value           = d - r_t;
    out.normal          = n_rho * e_rho + n_zeta * e_z;
    const SymTensor2 rr = dealii::symmetrize(dealii::outer_product(e_rho, e_rho));
    const SymTensor2 zz = dealii::symmetrize(dealii::outer_product(e_z, e_z));
    const SymTensor2 rz = dealii::symmetrize(dealii::outer_product(e_rho, e_z));
    out.hessian         = h_rr * rr + 2.0 * h_rz * rz + h_zz * zz;
    // Hoop curvature of a surface of revolution: (dphi/drho / rho) e_theta (x) e_theta.
    if (rho > 1e-14)
      out.hessian += (n_rho / rho) * (identity2() - rr - zz);
    return out;
  }



  void
  NeedleGeometry::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_choice(prm,
               "Tip shape",
               tip,
               {{Tip::cone, "cone"},
                {Tip::pyramid_3, "3-sided pyramid"},
                {Tip::pyramid_4, "4-sided pyramid"},
                {Tip::bevel, "bevel"}},
               "cone: round, on a round shaft; n-sided pyramid: faces at the cone half-angle "
               "to the axis, on a prism shaft as wide across flats as the shaft diameter; "
               "bevel: the round shaft cut by one face at the cone half-angle to it. The "
               "axisymmetric stroke uses a round cone in place of a pyramid (the same section "
               "perimeter) or a bevel (as wide as the shaft at the heel); a 3-d indentation "
               "the exact shape");
    add_quantity(prm,
                 "Shaft diameter",
                 shaft_diameter,
                 "mm",
                 0.01,
                 2.0,
                 "diameter of the needle shaft (33G: 0.21, 32G: 0.235, 30G: 0.31)");
    add_quantity(prm,
                 "Tip radius",
                 tip_radius,
                 "mm",
                 1e-4,
                 1.0,
                 "radius of the rounded apex of the conical tip");
    add_quantity(prm,
                 "Cone half-angle",
                 cone_half_angle,
                 "deg",
                 1.0,
                 89.0,
                 "half of the opening angle of the conical tip");
  }



  void
  NeedleGeometry::Parameters::check(const std::string &path) const
  {
    if (tip_radius > 0.5 * shaft_diameter)
      throw InputError(path + "/Tip radius",
                       shortest_text(tip_radius),
                       "at most half the shaft diameter (" + std::to_string(0.5 * shaft_diameter) +
                         " mm)",
                       "the tip would be wider than the shaft");
  }



  NeedleGeometry::Parameters
  NeedleGeometry::Parameters::axisymmetric_equivalent() const
  {
    if (tip == Tip::cone)
      return *this;
    if (tip == Tip::bevel)
      {
        Parameters round = *this;
        round.tip        = Tip::cone;
        round.cone_half_angle =
          std::atan(0.5 * std::tan(cone_half_angle * M_PI / 180.0)) * 180.0 / M_PI;
        return round;
      }
    const double n = tip == Tip::pyramid_3 ? 3.0 : 4.0, c = n * std::tan(M_PI / n) / M_PI;
    Parameters   round = *this;
    round.tip          = Tip::cone;
    round.shaft_diameter *= c;
    round.cone_half_angle = std::atan(c * std::tan(cone_half_angle * M_PI / 180.0)) * 180.0 / M_PI;
    return round;
  }



  std::shared_ptr<const NeedleShape>
  make_needle_shape(const NeedleGeometry::Parameters &p)
  {
    using Tip = NeedleGeometry::Parameters::Tip;
    switch (p.tip)
      {
        case Tip::cone:
          return std::make_shared<NeedleGeometry>(p);
        case Tip::bevel:
          return std::make_shared<BevelledNeedle>(0.5 * p.shaft_diameter,
                                                  p.tip_radius,
                                                  p.cone_half_angle * M_PI / 180.0);
        case Tip::pyramid_3:
        case Tip::pyramid_4:
          return std::make_shared<PyramidalNeedle>(p.tip == Tip::pyramid_3 ? 3 : 4,
                                                   0.5 * p.shaft_diameter,
                                                   p.tip_radius,
                                                   p.cone_half_angle * M_PI / 180.0);
      }
    return nullptr;
  }



  NeedleMotion::NeedleMotion(const Parameters &p)
    : param(p)
  {}



  double
  NeedleMotion::stroke_duration() const
  {
    return param.type == Type::pulsating ? 1.0 / param.frequency : 2.0 * param.depth / param.speed;
  }



  double
  NeedleMotion::tip_position(const double t) const
  {
    const double T   = stroke_duration();
    const double tau = std::clamp(t - std::floor(t / T) * T, 0.0, T);
    if (t >= total_duration())
      return 0.0;
    if (param.type == Type::pulsating)
      return -0.5 * param.depth * (1.0 - std::cos(2.0 * M_PI * tau / T));
    return -param.speed * std::min(tau, T - tau);
  }



  double
  NeedleMotion::tip_velocity(const double t) const
  {
    const double T   = stroke_duration();
    const double tau = t - std::floor(t / T) * T;
    if (t >= total_duration())
      return 0.0;
    if (param.type == Type::pulsating)
      return -M_PI * param.depth * param.frequency * std::sin(2.0 * M_PI * tau / T);
    return tau < 0.5 * T ? -param.speed : param.speed;
  }



  double
  NeedleMotion::peak_speed() const
  {
    return param.type == Type::pulsating ? M_PI * param.depth * param.frequency : param.speed;
  }



  void
  NeedleMotion::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_choice(prm,
               "Motion",
               type,
               {{Type::pulsating, "pulsating"}, {Type::constant_speed, "constant speed"}},
               "pulsating: a pen, down and up once per period; constant speed: a lab "
               "insertion test, in and out at one speed");
    add_quantity(prm,
                 "Depth setting",
                 depth,
                 "mm",
                 0.05,
                 5.0,
                 "how far the needle tip travels below the undeformed skin surface");
    add_quantity(
      prm, "Frequency", frequency, "Hz", 1e-3, 1e4, "strokes per second of a pulsating pen");
    add_quantity(
      prm, "Speed", speed, "mm/s", 1e-6, 1e5, "needle speed of a constant-speed insertion");
    add_count(prm, "Strokes", strokes, 1, "strokes at the same spot", 100);
  }
} // namespace needlesim
