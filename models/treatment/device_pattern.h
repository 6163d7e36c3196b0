#pragma once
// The microneedling device and how it is moved over the skin: every puncture
// site of every pass of one session.
//
// A pen carries a cartridge of needles (a grid, a circle or a list of
// positions relative to the pen axis) that strikes at the stroke frequency f
// while the hand glides it at speed v_g along straight strokes across the
// treated square; neighbouring strokes are one cartridge width apart, less
// the overlap, and run back and forth. Each pass has its own direction (e.g.
// 0, 90 degrees: cross-hatch). A roller is a drum of discs, each with needles
// around its rim: rolling along a stroke, a disc's needles meet the skin at
// the arc spacing 2 pi R / n. Real hands scatter the sites: a Gaussian
// placement scatter (seeded, reproducible on every platform).
//
// The needle's crack opens along the skin's Langer lines: a crack orientation
// with a Gaussian scatter. Lengths in mm, times in s, angles in degrees.

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <string>
#include <vector>

namespace needlesim
{
  struct PunctureSite
  {
    double       x, y;        ///< [mm], on the skin surface
    double       time;        ///< [s] from the start of the session
    double       orientation; ///< crack direction [rad] from the x axis
    double       glide_angle; ///< direction of the pen's motion [rad]
    unsigned int pass;
  };

  class DevicePattern
  {
  public:
    enum class Cartridge
    {
      grid,
      circle,
      list,
      roller
    };

    struct Parameters
    {
      Cartridge           cartridge     = Cartridge::grid;
      unsigned int        rows          = 3;   ///< grid
      unsigned int        columns       = 4;   ///< grid
      double              pitch         = 0.6; ///< grid needle pitch [mm]
      unsigned int        circle_count  = 12;
      double              circle_radius = 1.0; ///< [mm]
      std::string         needle_positions;    ///< list: "x y; x y; ..." [mm]
      unsigned int        roller_discs        = 24;
      unsigned int        needles_per_disc    = 8;
      double              drum_radius         = 10.0; ///< [mm]
      double              disc_pitch          = 0.8;  ///< [mm]
      double              glide_speed         = 10.0; ///< [mm/s]
      double              overlap             = 0.2;  ///< overlap of neighbouring strokes [-]
      std::vector<double> pass_directions     = {0.0, 90.0}; ///< [deg], cycled
      unsigned int        passes              = 2;
      double              scatter             = 0.05; ///< placement standard deviation [mm]
      double              crack_orientation   = 0.0;  ///< Langer-line direction [deg]
      double              orientation_scatter = 15.0; ///< [deg]
      unsigned int        seed                = 1;

      /// Declares them in the current subsection, bound to this object.
      void
      add_parameters(dealii::ParameterHandler &prm);
      /// The needles of a list cartridge [mm]; throws InputError if the
      /// list cannot be read or is empty.
      std::vector<std::array<double, 2>>
      listed_needles() const;
      /// Throws InputError for no passes, no pass direction or a bad list.
      void
      check() const;
    };

    DevicePattern(const Parameters &parameters, double frequency);

    /// Needle positions relative to the pen axis [mm] (roller: one row of
    /// needles across the drum, one per disc).
    const std::vector<std::array<double, 2>> &
    needles() const
    {
      return offsets;
    }

    /// Width of the cartridge across the stroke direction [mm].
    double
    cartridge_width() const;

    /// Every puncture of one session over the square |x|, |y| <= W/2.
    std::vector<PunctureSite>
    punctures(double treated_width, unsigned int session) const;

    const Parameters &
    parameters() const
    {
      return param;
    }


  private:
    Parameters                         param;
    double                             frequency; ///< [Hz]
    std::vector<std::array<double, 2>> offsets;
  };

  /// Statistics of a set of punctures on the treated square.
  struct PunctureStatistics
  {
    double channels_per_cm2_per_pass = 0.0;
    double mean_nearest_distance_mm  = 0.0; ///< to the nearest other puncture
    double fraction_within = 0.0; ///< with another puncture closer than the given distance
  };

  PunctureStatistics
  puncture_statistics(const std::vector<PunctureSite> &sites,
                      double                           treated_width,
                      unsigned int                     passes,
                      double                           overlap_distance);
} // namespace needlesim
