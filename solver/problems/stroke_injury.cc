#include "stroke_injury.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

namespace needlesim
{
  namespace
  {
    /// Sorted coordinates without duplicates (within 1e-12 mm).
    std::vector<double>
    unique_sorted(std::vector<double> v)
    {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(),
                          v.end(),
                          [](const double a, const double b) { return std::abs(a - b) < 1e-12; }),
              v.end());
      return v;
    }

    /// Largest principal stretch of the wedged-crack section at (x, y) [mm]
    /// for crack half-length a and needle radius rho: the table up to its
    /// largest q; beyond it (a needle much wider than the crack) the hoop
    /// stretch of a cylindrical hole opened to rho in an incompressible
    /// solid, sqrt(1 + rho^2 / r^2).
    double
    section_stretch(const WedgedCrackTable &table,
                    const double            a,
                    const double            rho,
                    const double            x,
                    const double            y)
    {
      const double q = rho / a;
      if (q <= table.q.back())
        return table.stretch_at(q, x / a, y / a);
      return std::sqrt(1.0 + rho * rho / (x * x + y * y));
    }

    /// Points per box edge at which the footprint samples the pointwise injury.
    constexpr unsigned int footprint_samples = 8;

    /// Overlap of [lo, hi] with [0, bound], relative to hi - lo.
    double
    share_below(const double lo, const double hi, const double bound)
    {
      return std::clamp((bound - lo) / (hi - lo), 0.0, 1.0);
    }

    /// How far from the axis injury reaches [mm]: the outermost injured
    /// cell, and three times the widest crack or needle section.
    double
    injury_reach(const std::vector<InjuryCell> &cells, const InjuryLaw &law)
    {
      double reach = 0.0;
      for (const InjuryCell &c : cells)
        {
          if (law.from_stretch(c.layer, c.max_stretch) > 0.0)
            reach = std::max(reach, c.r1);
          reach = std::max(reach, 3.0 * std::max(c.crack_half_length, c.needle_radius));
        }
      return reach;
    }

    /// The box edges in x and in y: the radial mesh lines within @p reach,
    /// none closer to the last than @p box_min [mm].
    std::vector<double>
    box_edges(const std::vector<InjuryCell> &cells, const double reach, const double box_min)
    {
      std::vector<double> r_edges;
      for (const InjuryCell &c : cells)
        if (c.r1 <= reach * (1.0 + 1e-12) || c.r0 < reach)
          {
            r_edges.push_back(c.r0);
            r_edges.push_back(c.r1);
          }
      std::vector<double> edges{0.0};
      for (const double r : unique_sorted(r_edges))
        if (r >= edges.back() + box_min)
          edges.push_back(r);
      return edges;
    }

    std::vector<const InjuryCell *>
    sorted_by_radius(std::vector<const InjuryCell *> cells)
    {
      std::sort(cells.begin(), cells.end(), [](const InjuryCell *a, const InjuryCell *b) {
        return a->r0 < b->r0;
      });
      return cells;
    }

    /// The injury in one row of the axisymmetric mesh: the body's at a
    /// radius, the wedged-crack section's at (x, y), and the box values.
    class RowInjury
    {
    public:
      RowInjury(std::vector<const InjuryCell *> row,
                const InjuryLaw                &law,
                const SectionTables            &sections)
        : cells(sorted_by_radius(std::move(row)))
        , law(law)
        , layer(cells.front()->layer)
        , table(sections.table(layer))
      {
        for (const InjuryCell *c : cells)
          {
            a   = std::max(a, c->crack_half_length);
            rho = std::max(rho, c->needle_radius);
          }
      }

      /// D_b = D(lambda_b) at the distance @p r from the axis.
      double
      body(const double r) const
      {
        const auto it =
          std::upper_bound(cells.begin(), cells.end(), r, [](const double x, const InjuryCell *c) {
            return x < c->r1;
          });
        return it == cells.end() ? 0.0 : law.from_stretch(layer, (*it)->max_stretch);
      }

      /// D(lambda_s), the section's injury outside the cut band at (x, y).
      double
      section(const double x, const double y) const
      {
        return split() ? law.from_stretch(layer, section_stretch(table, a, rho, x, y)) : 0.0;
      }

      /// f_cut, the share of the box [x0, x1] x [y0, y1] in the cut band.
      double
      cut_share(const double x0, const double x1, const double y0, const double y1) const
      {
        return split() ? share_below(x0, x1, a) * share_below(y0, y1, law.cut_zone_half_width()) :
                         0.0;
      }

      /// Share of the box whose pointwise injury is >= 1/2: the cut band's
      /// share f_cut exactly, the rest sampled.
      double
      footprint(const double x0,
                const double x1,
                const double y0,
                const double y1,
                const double f_cut) const
      {
        unsigned int inside = 0;
        for (unsigned int q = 0; q < footprint_samples; ++q)
          for (unsigned int p = 0; p < footprint_samples; ++p)
            {
              const double x = x0 + (p + 0.5) / footprint_samples * (x1 - x0);
              const double y = y0 + (q + 0.5) / footprint_samples * (y1 - y0);
              inside += InjuryLaw::combine(section(x, y), body(std::hypot(x, y))) >= 0.5;
            }
        return f_cut + (1.0 - f_cut) * inside / (footprint_samples * footprint_samples);
      }

      unsigned int
      skin_layer() const
      {
        return layer;
      }

    private:
      /// The needle split this row.
      bool
      split() const
      {
        return a > 0.0 && rho > 0.0;
      }

      std::vector<const InjuryCell *> cells; ///< sorted by r
      const InjuryLaw                &law;
      unsigned int                    layer;
      const WedgedCrackTable         &table;
      double                          a = 0.0, rho = 0.0; ///< crack half-length, needle radius
    };
  } // namespace



  StrokeInjury
  stroke_injury(const std::vector<InjuryCell> &cells,
                const InjuryLaw               &law,
                const SectionTables           &sections,
                const double                   box_fraction)
  {
    StrokeInjury result;
    result.kernel = {"injury_kernel",
                     {"x_mm",
                      "y_mm",
                      "z_mm",
                      "volume_mm3",
                      "injury",
                      "layer",
                      "dx_mm",
                      "dy_mm",
                      "dz_mm",
                      "footprint_fraction"},
                     {}};

    // rows of the mesh, keyed by their top
    std::map<double, std::vector<const InjuryCell *>, std::greater<double>> rows;
    for (const InjuryCell &c : cells)
      rows[c.z1].push_back(&c);
    const double              reach = injury_reach(cells, law);
    const std::vector<double> edges = box_edges(cells, reach, box_fraction * reach);

    for (const auto &[z1, row] : rows)
      {
        const RowInjury    injury(row, law, sections);
        const unsigned int layer = injury.skin_layer();
        const double       z0 = row.front()->z0, dz = z1 - z0;
        for (unsigned int j = 0; j + 1 < edges.size(); ++j)
          for (unsigned int i = 0; i + 1 < edges.size(); ++i)
            {
              const double x0 = edges[i], x1 = edges[i + 1], y0 = edges[j], y1 = edges[j + 1];
              const double x = 0.5 * (x0 + x1), y = 0.5 * (y0 + y1);
              const double f_cut = injury.cut_share(x0, x1, y0, y1);
              const double D_s   = f_cut + (1.0 - f_cut) * injury.section(x, y);
              const double D     = InjuryLaw::combine(D_s, injury.body(std::hypot(x, y)));
              if (D <= 1e-6)
                continue;
              const double area = (x1 - x0) * (y1 - y0), volume = area * dz;
              const double f = injury.footprint(x0, x1, y0, y1, f_cut);
              result.kernel.rows.push_back(
                {x, y, 0.5 * (z0 + z1), volume, D, double(layer), x1 - x0, y1 - y0, dz, f});
              result.volume[layer] += 4.0 * volume * D;
              result.footprint_volume[layer] += 4.0 * volume * f;
            }
      }
    // the injured area as the treatment sees it (StrokeKernel::footprint_area)
    result.footprint_area = stroke_kernel(result.kernel).footprint_area();
    return result;
  }



  StrokeKernel
  stroke_kernel(const Curve &kernel)
  {
    const std::size_t x = kernel.column("x_mm"), y = kernel.column("y_mm"),
                      z = kernel.column("z_mm"), dx = kernel.column("dx_mm"),
                      dy = kernel.column("dy_mm"), dz = kernel.column("dz_mm"),
                      D = kernel.column("injury"), F = kernel.column("footprint_fraction"),
                      layer = kernel.column("layer");
    std::vector<StrokeKernel::Cell> cells;
    for (const std::vector<double> &row : kernel.rows)
      {
        if (!(row[layer] >= 0.0 && row[layer] < n_skin_layers))
          throw std::runtime_error(kernel.name + ": a row has layer " + std::to_string(row[layer]) +
                                   ", not 0 ... 4");
        cells.push_back({{{row[x], row[y], row[z]}},
                         {{row[dx], row[dy], row[dz]}},
                         row[D],
                         row[F],
                         static_cast<SkinLayer>(static_cast<unsigned int>(row[layer]))});
      }
    return StrokeKernel(cells);
  }
} // namespace needlesim
