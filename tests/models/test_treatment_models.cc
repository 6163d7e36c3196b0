// Treatment models without a mesh: the device's puncture pattern, the stroke
// kernel lookup (symmetry, rotation, drag) and the session plan.
#include "device_pattern.h"
#include "epidermis.h"
#include "stroke_kernel.h"
#include "treatment_protocol.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace needlesim;

namespace
{
  DevicePattern::Parameters
  pen_without_scatter()
  {
    DevicePattern::Parameters p; // 3 x 4 grid, pitch 0.6 mm, 10 mm/s
    p.scatter             = 0.0;
    p.orientation_scatter = 0.0;
    p.passes              = 1;
    p.pass_directions     = {0.0};
    return p;
  }
} // namespace

TEST(DevicePattern, PenDensityFollowsFrequencyGlideSpeedAndLanes)
{
  const DevicePattern pen(pen_without_scatter(), 100.0);
  EXPECT_EQ(pen.needles().size(), 12u);
  EXPECT_DOUBLE_EQ(pen.cartridge_width(), 1.8); // 3 rows: 1.2 mm + one pitch
  const std::vector<PunctureSite> sites = pen.punctures(5.0, 0);
  // 12 needles per stamp, a stamp every v_g/f = 0.1 mm, lanes 1.8 (1 - 0.2) apart
  const double             expected = 12.0 / (0.1 * 1.44) * 100.0; // per cm^2
  const PunctureStatistics stats    = puncture_statistics(sites, 5.0, 1, 0.1);
  EXPECT_NEAR(stats.channels_per_cm2_per_pass / expected, 1.0, 0.15)
    << stats.channels_per_cm2_per_pass << " vs " << expected;
  for (const PunctureSite &s : sites)
    {
      EXPECT_LE(std::abs(s.x), 2.5);
      EXPECT_LE(std::abs(s.y), 2.5);
    }
  // the same needle stamps 0.1 mm further at every stroke: the nearest
  // neighbour is at most 0.1 mm away
  EXPECT_LE(stats.mean_nearest_distance_mm, 0.1 + 1e-12);
}

TEST(DevicePattern, ScatterIsSeededAndCrossHatchTurnsThePass)
{
  DevicePattern::Parameters p = pen_without_scatter();
  p.scatter                   = 0.05;
  p.passes                    = 2;
  p.pass_directions           = {0.0, 90.0};
  const auto a                = DevicePattern(p, 100.0).punctures(5.0, 0);
  const auto b                = DevicePattern(p, 100.0).punctures(5.0, 0);
  const auto c                = DevicePattern(p, 100.0).punctures(5.0, 1); // next session
  ASSERT_EQ(a.size(), b.size());
  for (unsigned int k = 0; k < a.size(); ++k)
    EXPECT_EQ(a[k].x, b[k].x);
  EXPECT_NE(a.front().x, c.front().x);
  // the second pass glides along y
  for (const PunctureSite &s : a)
    if (s.pass == 1)
      {
        EXPECT_NEAR(std::abs(std::sin(s.glide_angle)), 1.0, 1e-12);
      }
}

TEST(DevicePattern, RollerStampsAtTheArcSpacing)
{
  DevicePattern::Parameters p = pen_without_scatter();
  p.cartridge                 = DevicePattern::Cartridge::roller;
  p.roller_discs              = 24;
  p.needles_per_disc          = 8;
  p.drum_radius               = 10.0;
  p.disc_pitch                = 0.8;
  const DevicePattern roller(p, 100.0);
  EXPECT_EQ(roller.needles().size(), 24u);
  // along a stroke, one disc's needles meet the skin 2 pi R / 8 = 7.85 mm apart
  const auto sites = roller.punctures(20.0, 0);
  ASSERT_GE(sites.size(), 2u);
  unsigned int pairs = 0;
  for (unsigned int k = 1; k < sites.size(); ++k)
    for (unsigned int m = k; m-- > 0;) // the previous needle of the same disc
      if (sites[m].y == sites[k].y)
        {
          EXPECT_NEAR(std::abs(sites[k].x - sites[m].x), 2.0 * M_PI * 10.0 / 8.0, 1e-9);
          ++pairs;
          break;
        }
  EXPECT_GT(pairs, 10u);
}

TEST(StrokeKernel, SymmetryRotationAndDrag)
{
  // one injured box: 0 <= xi <= 0.1, 0 <= eta <= 0.04, -0.2 <= z <= 0,
  // a quarter of it with pointwise injury >= 1/2
  StrokeKernel::Cell box;
  box.centre    = {{0.05, 0.02, -0.1}};
  box.extent    = {{0.1, 0.04, 0.2}};
  box.injury    = 1.0;
  box.footprint = 0.25;
  const StrokeKernel k({box});
  EXPECT_NEAR(k.injured_volume(), 4 * 0.1 * 0.04 * 0.2, 1e-15);
  EXPECT_EQ(k(0.05, 0.01, -0.1).injury, 1.0);
  EXPECT_EQ(k(0.05, 0.01, -0.1).footprint, 0.25);
  EXPECT_EQ(k(-0.05, -0.01, -0.1).injury, 1.0); // quarter symmetry
  EXPECT_EQ(k(0.15, 0.0, -0.1).injury, 0.0);
  EXPECT_EQ(k(0.05, 0.0, -0.25).injury, 0.0);
  // voxels: half the box's extents, in the plane and in depth separately
  EXPECT_NEAR(k.lateral_spacing(), 0.02, 1e-15);
  EXPECT_NEAR(k.footprint_area(), 0.0, 1e-15); // no viable epidermis in the kernel
  EXPECT_TRUE(k.living_epidermis_depths(4).empty());
  // crack along y: (0, 0.08) is on the crack
  EXPECT_EQ(k.at(0.0, 0.08, -0.1, 0.0, 0.0, M_PI / 2, 0.0, 0.0).injury, 1.0);
  EXPECT_EQ(k.at(0.08, 0.0, -0.1, 0.0, 0.0, M_PI / 2, 0.0, 0.0).injury, 0.0);
  // dragged by 0.1 mm along x, the channel and its footprint reach x = 0.2
  EXPECT_EQ(k.at(0.15, 0.0, -0.1, 0.0, 0.0, 0.0, 0.0, 0.0).injury, 0.0);
  EXPECT_EQ(k.at(0.15, 0.0, -0.1, 0.0, 0.0, 0.0, 0.1, 0.0).injury, 1.0);
  EXPECT_EQ(k.at(0.15, 0.0, -0.1, 0.0, 0.0, 0.0, 0.1, 0.0).footprint, 0.25);
  // the crack along y dragged along x: the puncture's slit stays, and the
  // needle cuts a new slit along its path (x up to 0.1 + 0.1, |y| < 0.04);
  // the old slit is not swept sideways
  EXPECT_EQ(k.at(0.0, 0.08, -0.1, 0.0, 0.0, M_PI / 2, 0.1, 0.0).injury, 1.0);
  EXPECT_EQ(k.at(0.18, 0.0, -0.1, 0.0, 0.0, M_PI / 2, 0.1, 0.0).injury, 1.0);
  EXPECT_EQ(k.at(0.05, 0.08, -0.1, 0.0, 0.0, M_PI / 2, 0.1, 0.0).injury, 0.0);
}

TEST(StrokeKernel, InjuredAreaIsTheFootprintMeanOverTheViableEpidermis)
{
  // stratum corneum 0-0.02 mm, fully in the footprint; viable epidermis
  // 0.02-0.06 mm in two rows, half and a quarter of a 0.1 x 0.04 box
  std::vector<StrokeKernel::Cell> cells(3);
  cells[0] = {{{0.05, 0.02, -0.01}}, {{0.1, 0.04, 0.02}}, 1.0, 1.0, SkinLayer::stratum_corneum};
  cells[1] = {{{0.05, 0.02, -0.03}}, {{0.1, 0.04, 0.02}}, 0.8, 0.5, SkinLayer::viable_epidermis};
  cells[2] = {{{0.05, 0.02, -0.05}}, {{0.1, 0.04, 0.02}}, 0.6, 0.25, SkinLayer::viable_epidermis};
  const StrokeKernel k(cells);
  // A = V_F / t = 4 * 0.1 * 0.04 * 0.02 * (0.5 + 0.25) / 0.04
  EXPECT_NEAR(k.footprint_area(), 4 * 0.1 * 0.04 * 0.375, 1e-15);
  const std::vector<double> depths = k.living_epidermis_depths(4);
  ASSERT_EQ(depths.size(), 4u);
  EXPECT_NEAR(depths.front(), 0.025, 1e-15);
  EXPECT_NEAR(depths.back(), 0.055, 1e-15);
  EXPECT_EQ(k(0.05, 0.02, -depths.front()).footprint, 0.5f);
  EXPECT_EQ(k(0.05, 0.02, -depths.back()).footprint, 0.25f);
}

TEST(TreatmentProtocol, SessionsAndContraindications)
{
  TreatmentProtocol::Parameters p;
  p.sessions = 3;
  p.interval = 28;
  const TreatmentProtocol plan(p, 1.0, 2);
  ASSERT_EQ(plan.sessions().size(), 3u);
  EXPECT_EQ(plan.sessions()[2].day, 56.0);
  EXPECT_EQ(plan.sessions()[1].depth_setting, 1.0);
  EXPECT_EQ(plan.sessions()[0].passes, 2u);

  TreatmentProtocol::Patient patient;
  EXPECT_TRUE(TreatmentProtocol::contraindications(patient).empty());
  patient.pregnant       = true;
  patient.anticoagulants = true;
  const auto reasons     = TreatmentProtocol::contraindications(patient);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_NE(reasons[0].find("Pregnancy"), std::string::npos);
  EXPECT_NE(reasons[1].find("Anticoagulants"), std::string::npos);
}

TEST(Epidermis, ReepithelialisationAndThickening)
{
  Epidermis::Parameters p; // t_1/2 = 0.96 day, tau = 28 days
  p.collagen_coupling = 0.8;
  Epidermis e(p);
  e.injure(0.5);
  e.injure(0.5); // a second pass opens half of what is still closed
  EXPECT_DOUBLE_EQ(e.open_fraction(), 0.75);
  EXPECT_DOUBLE_EQ(e.thickness_change_percent(), -75.0);
  // one half-life in two steps: W halves; healthy collagen keeps n = 1
  e.advance(0.5, 1.0);
  e.advance(0.46, 1.0);
  EXPECT_NEAR(e.open_fraction(), 0.375, 1e-14);
  // papillary collagen +50 %: n relaxes to 1 + 0.8 * 0.5 = 1.4 over tau,
  // n(28 d) = 1.4 - 0.4 / e, the same in one step or in many
  Epidermis one(p), many(p);
  one.advance(28.0, 1.5);
  for (int k = 0; k < 100; ++k)
    many.advance(0.28, 1.5);
  const double n = 1.4 - 0.4 * std::exp(-1.0);
  EXPECT_NEAR(one.thickness_change_percent(), 100.0 * (n - 1.0), 1e-12);
  EXPECT_NEAR(many.thickness_change_percent(), 100.0 * (n - 1.0), 1e-12);
}
