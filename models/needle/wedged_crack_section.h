#pragma once
// One cross-section of skin split by a sharp needle: a planar mode-I crack of
// half-length a, wedged open by the needle's circular section of radius rho
// (Shergold & Fleck 2004, Proc R Soc A 460:3037; Spagnoli et al. 2022, Procedia
// Struct Integr 41:656; Montanari et al. 2023, Soft Matter 19:3629: deep
// penetration of a sharp needle is a plane mode-I problem in the plane normal to
// the needle axis).
//
// Energy per unit length of the section (both faces, the whole section) [N]:
// a plane-strain hyperelastic solid has no length scale, so
//     U(a, rho) = a^2 psi(q),   q = rho / a,
// with psi(q) the energy of the section with a = 1 mm (tabulated by the
// plane-strain finite-element model, solver/fem/wedged_crack_solver.h). psi is
// interpolated by a natural cubic spline in (ln q, ln psi); below the table
// (long crack, thin needle) it is extended by the power law of its end slope,
// above it (needle much wider than the crack) by the cavity-expansion form
// psi = C q^2 ln(q / k) (incompressible plane strain: U = pi mu (rho^2 - A^2)
// ln(rho / A) for a hole of radius A opened to rho), C and k matching the
// value and slope of the spline at the last entry.
//
// The crack grows where it lowers the energy of the section by at least the
// toughness: at needle radius rho, from the committed half-length a_n,
//     a = argmin_{a >= a_n} U(a, rho) + 2 G_c (a - a_n)
// (the new crack area per unit length is 2 (a - a_n); Griffith in the section,
// the crack length that minimises the penetration load of Shergold & Fleck).
// The reduced energy Ũ(rho) = min_a [...] is what the needle feels; by the
// envelope theorem dŨ/drho = dU/drho, the normal force per unit length that
// the section presses on the needle, and while the crack grows
//     d^2Ũ/drho^2 = U_rr - U_ar^2 / U_aa.
// No crack ever closes: on retraction a stays and U(a, rho) is returned as rho
// falls to 0.

#include <vector>

namespace needlesim
{
  /// What the plane-strain model of a wedged crack (a = 1 mm) gives for one
  /// layer law: the energy psi(q) at needle radii q, and the largest principal
  /// stretch of every cell of its tensor-product mesh at each q (for the
  /// injury around the channel), cell (i, j) = [x_i, x_i+1] x [y_j, y_j+1] in
  /// the reference configuration of the quarter section (x along the crack).
  struct WedgedCrackTable
  {
    std::vector<double>             q;                ///< rho / a [-], ascending
    std::vector<double>             psi;              ///< energy per unit length at a = 1 mm [N]
    std::vector<double>             normal_force;     ///< N = dU/drho at a = 1 mm [N/mm]
    std::vector<double>             x_edges, y_edges; ///< cell edges [mm] (a = 1 mm)
    std::vector<std::vector<float>> stretch;          ///< [q][j * nx + i]

    /// Largest principal stretch at the reference point (x, y) of the quarter
    /// section, in units of a, at needle radius q (linear in q between the
    /// entries, constant beyond them); 1 outside the mesh.
    double
    stretch_at(double q, double x, double y) const;
  };

  class WedgedCrackSection
  {
  public:
    /// @p q ascending needle radii over the crack half-length (> 0), @p psi the
    /// energy per unit length at a = 1 mm [N] (> 0, at least 3 points).
    WedgedCrackSection(const std::vector<double> &q, const std::vector<double> &psi);

    /// U and its first and second derivatives with respect to a and rho.
    struct Energy
    {
      double U   = 0.0;                          ///< [N]
      double U_a = 0.0, U_r = 0.0;               ///< [N/mm]
      double U_aa = 0.0, U_ar = 0.0, U_rr = 0.0; ///< [N/mm^2]
    };
    Energy
    energy(double a, double rho) const;

    /// The state of the section after the crack has grown to the energy
    /// minimum at needle radius @p rho, from @p a_committed with toughness
    /// @p G_c [N/mm].
    struct Split
    {
      double a         = 0.0; ///< crack half-length [mm]
      double energy    = 0.0; ///< stored U(a, rho) [N]
      double fracture  = 0.0; ///< 2 G_c (a - a_committed) [N]
      double force     = 0.0; ///< dŨ/drho: normal force per unit length [N/mm]
      double stiffness = 0.0; ///< d^2Ũ/drho^2 [N/mm^2]
    };
    Split
    split(double rho, double a_committed, double G_c) const;

    /// psi(q) and its first two derivatives [N].
    struct Psi
    {
      double value, first, second;
    };
    Psi
    psi(double q) const;

  private:
    std::vector<double> x, y, y2;         // ln q, ln psi, spline second derivatives
    double              C = 0.0, k = 0.0; // cavity-expansion extension
  };
} // namespace needlesim
