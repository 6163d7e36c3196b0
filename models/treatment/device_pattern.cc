#include "device_pattern.h"

#include "parameters.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>

namespace needlesim
{
  namespace
  {
    constexpr double degree = M_PI / 180.0;

    /// Standard normal numbers from a 64-bit Mersenne twister by the
    /// Box-Muller transform: the same sequence on every platform (the
    /// standard library's distributions are implementation defined).
    class Gaussian
    {
    public:
      explicit Gaussian(const std::uint64_t seed)
        : engine(seed)
      {}

      double
      operator()()
      {
        const double u1 = uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
      }

    private:
      double
      uniform() // in (0, 1]
      {
        return (static_cast<double>(engine() >> 11) + 1.0) * 0x1.0p-53;
      }
      std::mt19937_64 engine;
    };
  } // namespace



  DevicePattern::DevicePattern(const Parameters &parameters, const double frequency_)
    : param(parameters)
    , frequency(frequency_)
  {
    switch (param.cartridge)
      {
        case Cartridge::grid:
          for (unsigned int i = 0; i < param.rows; ++i)
            for (unsigned int j = 0; j < param.columns; ++j)
              offsets.push_back({{(j - 0.5 * (param.columns - 1.0)) * param.pitch,
                                  (i - 0.5 * (param.rows - 1.0)) * param.pitch}});
          break;
        case Cartridge::circle:
          for (unsigned int k = 0; k < param.circle_count; ++k)
            {
              const double phi = 2.0 * M_PI * k / param.circle_count;
              offsets.push_back(
                {{param.circle_radius * std::cos(phi), param.circle_radius * std::sin(phi)}});
            }
          break;
        case Cartridge::list:
          offsets = param.listed_needles();
          break;
        case Cartridge::roller:
          for (unsigned int d = 0; d < param.roller_discs; ++d)
            offsets.push_back({{0.0, (d - 0.5 * (param.roller_discs - 1.0)) * param.disc_pitch}});
          break;
      }
  }



  double
  DevicePattern::cartridge_width() const
  {
    // extent across the stroke (the y offsets), at least one needle spacing
    double lo = std::numeric_limits<double>::max(), hi = -lo;
    for (const auto &p : offsets)
      {
        lo = std::min(lo, p[1]);
        hi = std::max(hi, p[1]);
      }
    const double spacing = param.cartridge == Cartridge::roller ? param.disc_pitch :
                           param.cartridge == Cartridge::grid   ? param.pitch :
                                                                  0.0;
    return std::max(hi - lo + spacing, 0.1);
  }



  std::vector<PunctureSite>
  DevicePattern::punctures(const double treated_width, const unsigned int session) const
  {
    const double half = 0.5 * treated_width;
    const double lane = cartridge_width() * (1.0 - param.overlap); // stroke spacing
    // distance the pen travels between two needle contacts
    const double              along = param.cartridge == Cartridge::roller ?
                                        2.0 * M_PI * param.drum_radius / param.needles_per_disc :
                                        param.glide_speed / frequency;
    Gaussian                  noise(param.seed + 1000003ull * session);
    std::vector<PunctureSite> sites;
    double                    clock = 0.0;
    for (unsigned int pass = 0; pass < param.passes; ++pass)
      {
        const double theta  = param.pass_directions[pass % param.pass_directions.size()] * degree;
        const double e_u[2] = {std::cos(theta), std::sin(theta)};  // along the stroke
        const double e_v[2] = {-std::sin(theta), std::cos(theta)}; // across
        // strokes cover the square's extent in the rotated frame
        const double       reach    = half * (std::abs(e_u[0]) + std::abs(e_u[1]));
        const unsigned int n_lanes  = static_cast<unsigned int>(std::ceil(2.0 * reach / lane));
        const unsigned int n_stamps = static_cast<unsigned int>(std::ceil(2.0 * reach / along)) + 1;
        for (unsigned int l = 0; l < n_lanes; ++l)
          {
            const double v         = (l - 0.5 * (n_lanes - 1.0)) * lane; // centred lanes
            const double direction = (l % 2 == 0) ? 1.0 : -1.0;          // back and forth
            for (unsigned int s = 0; s < n_stamps; ++s)
              {
                const double u = direction * (-reach + s * along);
                for (const auto &o : offsets)
                  {
                    // cartridge axes follow the stroke
                    const double ou = direction * o[0], ov = o[1];
                    PunctureSite p;
                    p.x = (u + ou) * e_u[0] + (v + ov) * e_v[0] + param.scatter * noise();
                    p.y = (u + ou) * e_u[1] + (v + ov) * e_v[1] + param.scatter * noise();
                    p.orientation =
                      (param.crack_orientation + param.orientation_scatter * noise()) * degree;
                    p.glide_angle = direction > 0 ? theta : theta + M_PI;
                    p.time        = clock + s * along / param.glide_speed;
                    p.pass        = pass;
                    if (std::abs(p.x) <= half && std::abs(p.y) <= half)
                      sites.push_back(p);
                  }
              }
            clock += n_stamps * along / param.glide_speed;
          }
      }
    return sites;
  }



  PunctureStatistics
  puncture_statistics(const std::vector<PunctureSite> &sites,
                      const double                     treated_width,
                      const unsigned int               passes,
                      const double                     overlap_distance)
  {
    PunctureStatistics stats;
    if (sites.empty())
      return stats;
    stats.channels_per_cm2_per_pass =
      sites.size() / (passes * treated_width * treated_width / 100.0);

    // nearest neighbours by binning: bins of the mean spacing
    const double       bin = std::max(treated_width / std::sqrt(double(sites.size())), 1e-3);
    const double       x0  = -0.5 * treated_width - bin;
    const unsigned int n_bin =
      static_cast<unsigned int>(std::ceil((treated_width + 2 * bin) / bin));
    std::vector<std::vector<unsigned int>> bins(n_bin * n_bin);
    const auto                             index = [&](const double x) {
      return std::clamp(static_cast<int>((x - x0) / bin), 0, static_cast<int>(n_bin) - 1);
    };
    for (unsigned int k = 0; k < sites.size(); ++k)
      bins[index(sites[k].y) * n_bin + index(sites[k].x)].push_back(k);

    double       sum    = 0.0;
    unsigned int within = 0;
    for (unsigned int k = 0; k < sites.size(); ++k)
      {
        const int ix = index(sites[k].x), iy = index(sites[k].y);
        double    best = std::numeric_limits<double>::max();
        // search rings of bins until no closer site can exist
        for (int r = 0; r <= static_cast<int>(n_bin); ++r)
          {
            if ((r - 1) * bin > best)
              break;
            for (int jy = iy - r; jy <= iy + r; ++jy)
              for (int jx = ix - r; jx <= ix + r; ++jx)
                {
                  if (std::max(std::abs(jx - ix), std::abs(jy - iy)) != r || jx < 0 || jy < 0 ||
                      jx >= static_cast<int>(n_bin) || jy >= static_cast<int>(n_bin))
                    continue;
                  for (const unsigned int m : bins[jy * n_bin + jx])
                    if (m != k)
                      best = std::min(best,
                                      std::hypot(sites[m].x - sites[k].x, sites[m].y - sites[k].y));
                }
          }
        if (best < std::numeric_limits<double>::max())
          {
            sum += best;
            within += (best < overlap_distance);
          }
      }
    stats.mean_nearest_distance_mm = sum / sites.size();
    stats.fraction_within          = double(within) / sites.size();
    return stats;
  }



  void
  DevicePattern::Parameters::add_parameters(dealii::ParameterHandler &prm)
  {
    add_choice(prm,
               "Cartridge",
               cartridge,
               {{Cartridge::grid, "grid"},
                {Cartridge::circle, "circle"},
                {Cartridge::list, "list"},
                {Cartridge::roller, "roller"}},
               "needle layout: grid (rows x columns), circle, list of positions, "
               "or roller (drum of discs)");
    add_count(prm, "Rows", rows, 1, "[-] grid: rows of needles", 50);
    add_count(prm, "Columns", columns, 1, "[-] grid: columns of needles", 50);
    add_quantity(prm, "Needle pitch", pitch, "mm", 0.05, 10, "grid: needle spacing");
    add_count(prm, "Needles on circle", circle_count, 1, "[-] circle: needle count", 500);
    add_quantity(
      prm, "Circle radius", circle_radius, "mm", 0.05, 20, "circle: radius of the needle ring");
    add_text(prm,
             "Needle positions",
             needle_positions,
             "[mm] list: 'x y; x y; ...' relative to the pen axis");
    add_count(prm, "Roller discs", roller_discs, 1, "[-] roller: discs across the drum", 200);
    add_count(
      prm, "Needles per disc", needles_per_disc, 1, "[-] roller: needles around a disc", 200);
    add_quantity(
      prm, "Drum radius", drum_radius, "mm", 1, 100, "roller: radius to the needle tips");
    add_quantity(prm, "Disc pitch", disc_pitch, "mm", 0.05, 10, "roller: spacing of the discs");
    add_quantity(prm,
                 "Glide speed",
                 glide_speed,
                 "mm/s",
                 0.1,
                 500,
                 "speed of the hand moving the pen (or roller) along a stroke");
    add_quantity(prm,
                 "Stroke overlap",
                 overlap,
                 "-",
                 0,
                 0.95,
                 "overlap of neighbouring strokes, as a fraction of the cartridge width");
    add_quantity_list(prm,
                      "Pass directions",
                      pass_directions,
                      "deg",
                      -360,
                      360,
                      "direction of the strokes in each pass (cycled)");
    add_count(prm, "Passes", passes, 0, "[-] passes over the patch per session", 100);
    add_quantity(prm,
                 "Placement scatter",
                 scatter,
                 "mm",
                 0,
                 5,
                 "standard deviation of the puncture position (hand tremor)");
    add_quantity(prm,
                 "Crack orientation",
                 crack_orientation,
                 "deg",
                 -180,
                 180,
                 "direction of the needle crack (Langer lines) from the x axis");
    add_quantity(prm,
                 "Crack orientation scatter",
                 orientation_scatter,
                 "deg",
                 0,
                 180,
                 "standard deviation of the crack direction");
    add_count(prm, "Seed", seed, 0, "[-] seed of the placement scatter");
  }



  std::vector<std::array<double, 2>>
  DevicePattern::Parameters::listed_needles() const
  {
    std::vector<std::array<double, 2>> positions;
    std::istringstream                 in(needle_positions);
    std::string                        pair;
    while (std::getline(in, pair, ';'))
      {
        std::istringstream xy(pair);
        double             x, y;
        if (!(xy >> x >> y))
          throw InputError("Device/Needle positions",
                           needle_positions,
                           "'x y; x y; ...' in mm",
                           "cannot read '" + pair + "'");
        positions.push_back({{x, y}});
      }
    if (positions.empty())
      throw InputError("Device/Needle positions",
                       "",
                       "at least one 'x y' pair",
                       "a list cartridge needs needles");
    return positions;
  }



  void
  DevicePattern::Parameters::check() const
  {
    if (passes == 0)
      throw InputError("Device/Passes", "0", "at least 1", "a session needs a pass");
    if (pass_directions.empty())
      throw InputError("Device/Pass directions", "", "at least one angle", "no direction");
    if (cartridge == Cartridge::list)
      listed_needles();
  }
} // namespace needlesim
