#pragma once
// The skin split by the needle after puncture, at one depth of the channel,
// per unit length along the needle axis: the wedged-crack section of the
// layer (wedged_crack_section.h) opened by the needle's section radius
// rho(zeta), zeta = z - z_tip the height of the skin point above the tip, and
// Coulomb friction between the needle and the split faces.
//
// Energy per unit length: the reduced section energy Ũ(rho(zeta)) (the crack
// half-length a chosen by energy, irreversible) and the friction stick
// energy f_T^2 / (2 k_T). The skin point moves axially by u_z, so
// d zeta / d u_z = 1 and the axial force on the skin (added to the internal
// forces; the force on the needle is the same number)
//   f_w = dŨ/du_z = Ũ'(rho) rho'(zeta)          (the wedge: spreading and cutting),
//   df_w/du_z = Ũ''(rho) rho'^2 + Ũ'(rho) rho''.
// Friction acts on the axial slip s = (u_z - u_z,n) - (z_tip - z_tip,n) of the
// skin relative to the needle in the step, with the normal force per unit
// length N = Ũ'(rho) that the section presses on the needle (Shergold & Fleck
// 2005: friction makes the load rise with the inserted depth):
//   trial f_tr = f_T,n + k_T s;  stick |f_tr| <= mu N: f_T = f_tr, df_T/du_z = k_T;
//   slip f_T = mu N sign(f_tr),  df_T/du_z = mu sign(f_tr) Ũ'' rho',
// dissipating mu (N_n + N)/2 (|f_tr| - mu N) / k_T >= 0 in the step: the
// slip times the mean limit force of the step, second order like the
// trapezoidal needle work it is balanced against (mu N, the backward-Euler
// limit, left +4.5 % of the work unaccounted for a 20 um tip whose sections
// unload on retraction). The fracture
// energy 2 G_c (a - a_n) of the crack grown in the step is dissipated too.

#include "needle.h"
#include "wedged_crack_section.h"

namespace needlesim
{
  class NeedleChannel
  {
  public:
    struct Parameters
    {
      double friction        = 0.2;   ///< Coulomb coefficient mu [-]
      double stick_stiffness = 100.0; ///< k_T, axial stiffness of sticking per unit length [N/mm^2]
    };

    struct State
    {
      double crack_half_length = 0.0; ///< a [mm]
      double friction_force    = 0.0; ///< f_T [N/mm]
      double normal_force      = 0.0; ///< N [N/mm]
    };

    struct Response
    {
      double force     = 0.0;            ///< f_w + f_T [N/mm]
      double stiffness = 0.0;            ///< [N/mm^2]
      State  state;                      ///< new state
      double stored               = 0.0; ///< U + f_T^2 / (2 k_T) [N]
      double fracture             = 0.0; ///< fracture energy of the step [N]
      double friction_dissipation = 0.0; ///< [N]
      double normal_force         = 0.0; ///< N [N/mm]
    };

    explicit NeedleChannel(const Parameters &p);

    /// Response of a skin point at needle radius @p rho (at its height) with
    /// axial slip @p slip in the step, toughness @p G_c [N/mm], from the
    /// committed state @p n.
    Response
    evaluate(const WedgedCrackSection            &section,
             double                               G_c,
             const NeedleGeometry::SectionRadius &rho,
             double                               slip,
             const State                         &n) const;

    const Parameters &
    parameters() const
    {
      return param;
    }

  private:
    Parameters param;
  };
} // namespace needlesim
