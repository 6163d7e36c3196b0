#include "session_injury.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// The puncture sites binned on the patch surface, for the sites near a point.
    class SiteGrid
    {
    public:
      SiteGrid(const std::vector<PunctureSite> &sites_,
               const double                     half_width,
               const double                     reach_)
        : sites(sites_)
        , reach(std::max(reach_, 1e-3))
        , x0(-half_width - reach)
        , n(static_cast<unsigned int>(std::ceil(2.0 * (half_width + reach) / reach)) + 1)
        , bins(n * n)
      {
        for (unsigned int k = 0; k < sites.size(); ++k)
          bins[bin(sites[k].y) * n + bin(sites[k].x)].push_back(k);
      }

      /// Sites within the reach (and some more) of the box [lo, hi].
      void
      near(const double lo[2], const double hi[2], std::vector<unsigned int> &found) const
      {
        found.clear();
        for (int j = bin(lo[1] - reach); j <= bin(hi[1] + reach); ++j)
          for (int i = bin(lo[0] - reach); i <= bin(hi[0] + reach); ++i)
            for (const unsigned int k : bins[j * n + i])
              found.push_back(k);
      }

    private:
      int
      bin(const double x) const
      {
        return std::clamp(static_cast<int>((x - x0) / reach), 0, static_cast<int>(n) - 1);
      }

      const std::vector<PunctureSite>       &sites;
      const double                           reach, x0;
      const unsigned int                     n;
      std::vector<std::vector<unsigned int>> bins;
    };

    /// Injury and footprint of the strokes @p near at (x, y, z), united as
    /// survival probabilities, 1 - D = prod (1 - D_k).
    StrokeKernel::Value
    united(const std::vector<PunctureSite> &sites,
           const std::vector<unsigned int> &near,
           const StrokeKernel              &kernel,
           const double                     drag,
           const double                     x,
           const double                     y,
           const double                     z)
    {
      const double reach  = kernel.lateral_reach() + drag;
      double       intact = 1.0, outside = 1.0;
      for (const unsigned int k : near)
        {
          const PunctureSite &p = sites[k];
          if ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y) > reach * reach)
            continue;
          const StrokeKernel::Value v =
            kernel.at(x, y, z, p.x, p.y, p.orientation, drag, p.glide_angle);
          intact *= 1.0 - v.injury;
          outside *= 1.0 - v.footprint;
        }
      return {1.0 - intact, 1.0 - outside};
    }

    /// Depths at which the living epidermis's footprint is sampled: its
    /// mid-depth, within 1.1 % of the layer's mean for every shipped kernel
    /// (each depth costs as much as the whole surface map).
    constexpr unsigned int living_depths = 1;

  } // namespace



  /// The session's union of strokes, averaged over each (box-shaped) cell
  /// from m^3 sample points.
  SessionInjury
  session_injury(const parallel::distributed::Triangulation<3> &patch,
                 const std::vector<PunctureSite>               &sites,
                 const StrokeKernel                            &kernel,
                 const double                                   drag,
                 const double                                   half_width,
                 const unsigned int                             m)
  {
    SessionInjury             result{std::vector<double>(patch.n_active_cells(), 0.0),
                         std::vector<double>(patch.n_active_cells(), 0.0)};
    const SiteGrid            grid(sites, half_width, kernel.lateral_reach() + drag);
    std::vector<unsigned int> near;
    for (const auto &cell : patch.active_cell_iterators())
      {
        if (cell->is_artificial())
          continue;
        double lo[3] = {1e9, 1e9, 1e9}, hi[3] = {-1e9, -1e9, -1e9};
        for (const unsigned int v : cell->vertex_indices())
          for (unsigned int d = 0; d < 3; ++d)
            {
              lo[d] = std::min(lo[d], cell->vertex(v)[d]);
              hi[d] = std::max(hi[d], cell->vertex(v)[d]);
            }
        if (-hi[2] > kernel.depth_reach())
          continue;
        grid.near(lo, hi, near);
        if (near.empty())
          continue;
        double D = 0.0, F = 0.0;
        for (unsigned int k = 0; k < m; ++k)
          for (unsigned int j = 0; j < m; ++j)
            for (unsigned int i = 0; i < m; ++i)
              {
                const StrokeKernel::Value v = united(sites,
                                                     near,
                                                     kernel,
                                                     drag,
                                                     lo[0] + (i + 0.5) / m * (hi[0] - lo[0]),
                                                     lo[1] + (j + 0.5) / m * (hi[1] - lo[1]),
                                                     lo[2] + (k + 0.5) / m * (hi[2] - lo[2]));
                D += v.injury;
                F += v.footprint;
              }
        result.injury[cell->active_cell_index()]    = D / (m * m * m);
        result.footprint[cell->active_cell_index()] = F / (m * m * m);
      }
    return result;
  }

  /// The injured surface is that of the living epidermis (StrokeKernel::
  /// footprint_area): the footprint averaged over living_depths depths of
  /// the viable epidermis, sampled on a grid of @p spacing; the rows are
  /// shared out over the ranks.
  SurfaceFootprint
  surface_footprint(const std::vector<PunctureSite> &sites,
                    const StrokeKernel              &kernel,
                    const double                     drag,
                    const double                     half_width,
                    const double                     spacing,
                    const unsigned int               map_cells,
                    const MPI_Comm                   comm)
  {
    const std::vector<double> depths = kernel.living_epidermis_depths(living_depths);
    const SiteGrid            grid(sites, half_width, kernel.lateral_reach() + drag);
    const unsigned int        n = static_cast<unsigned int>(std::ceil(2.0 * half_width / spacing));
    const double              h = 2.0 * half_width / n;
    const unsigned int        rank  = Utilities::MPI::this_mpi_process(comm);
    const unsigned int        ranks = Utilities::MPI::n_mpi_processes(comm);
    std::vector<unsigned int> near;
    SurfaceFootprint          result;
    result.map_cells = map_cells;
    std::vector<double> samples(map_cells * map_cells, 0.0);
    result.map.assign(map_cells * map_cells, 0.0);
    for (unsigned int j = rank; j < n; j += ranks)
      {
        const double y = -half_width + (j + 0.5) * h;
        for (unsigned int i = 0; i < n; ++i)
          {
            const double x     = -half_width + (i + 0.5) * h;
            const double lo[2] = {x, y}, hi[2] = {x, y};
            grid.near(lo, hi, near);
            double f = 0.0;
            for (const double depth : depths)
              f += united(sites, near, kernel, drag, x, y, -depth).footprint / depths.size();
            const unsigned int cell = (j * map_cells / n) * map_cells + i * map_cells / n;
            result.fraction += f;
            result.map[cell] += f;
            samples[cell] += 1.0;
          }
      }
    result.fraction = Utilities::MPI::sum(result.fraction, comm) / (double(n) * n);
    Utilities::MPI::sum(result.map, comm, result.map);
    Utilities::MPI::sum(samples, comm, samples);
    for (unsigned int c = 0; c < result.map.size(); ++c)
      result.map[c] /= std::max(samples[c], 1.0);
    return result;
  }

  /// Time the needle spends below the depth at which it punctured, per
  /// stroke [s]: the hand drags the channel meanwhile.
  double
  time_in_skin(const NeedleMotion::Parameters &motion_parameters, const double puncture_travel)
  {
    const NeedleMotion motion(motion_parameters);
    const double       T      = motion.stroke_duration();
    const unsigned int n      = 4000;
    double             inside = 0.0;
    for (unsigned int k = 0; k < n; ++k)
      if (-motion.tip_position((k + 0.5) * T / n) > puncture_travel)
        inside += T / n;
    return inside;
  }

} // namespace needlesim
