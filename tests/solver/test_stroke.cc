// A small elastic needle stroke (tests/data/elastic_stroke.prm): the force
// history shows tenting, puncture, cutting and friction reversal, the
// channel stays shallower than the needle travel, the injury lies in [0, 1],
// and the needle's work equals the stored energy plus fracture, cutting and
// friction dissipation (elastic layers: no viscous dissipation) within 2 %,
// before the puncture and over the cutting that follows it.

#include "progress.h"
#include "scenario.h"
#include "stroke_problem.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

using namespace needlesim;

namespace
{
  const RunResults &
  elastic_stroke()
  {
    static const RunResults results = [] {
      const Scenario s = Scenario::from_file(NEEDLESIM_TEST_DATA "/elastic_stroke.prm");
      Progress       progress(MPI_COMM_WORLD, 1.0, false);
      const std::string dir = std::filesystem::temp_directory_path() / "needlesim_test_stroke";
      std::filesystem::create_directories(dir);
      return run_stroke(s, dir, progress, MPI_COMM_WORLD);
    }();
    return results;
  }

  /// Needle work minus (stored + dissipated) between energy rows a and b,
  /// relative to the work done between them.
  double
  balance_error(const Curve &energy, const unsigned int a, const unsigned int b)
  {
    const auto total = [&](unsigned int r) {
      return std::accumulate(energy.rows[r].begin() + 2, energy.rows[r].end(), 0.0);
    };
    const double work = energy.rows[b][1] - energy.rows[a][1];
    return std::abs(work - (total(b) - total(a))) / std::abs(work);
  }
} // namespace

TEST(Stroke, TentingPunctureCuttingAndFrictionReversal)
{
  const RunResults &r = elastic_stroke();
  EXPECT_EQ(r.number("punctured"), 1.0);
  // the skin tents before it breaks
  EXPECT_GT(r.number("tenting_mm"), 0.02);
  EXPECT_LT(r.number("tenting_mm"), r.number("puncture_depth_mm") + 1e-9);
  // the force drops when the skin splits
  EXPECT_GT(r.number("force_drop_at_puncture_N"), 0.0);
  // the channel is cut below the surface but ends shallower than the travel
  EXPECT_GT(r.number("channel_depth_mm"), 0.05);
  EXPECT_LT(r.number("channel_depth_mm"), r.number("depth_setting_mm"));
  // on retraction friction pulls the needle back into the skin
  EXPECT_LT(r.number("retraction_force_min_N"), 0.0);
  EXPECT_GT(r.number("friction_dissipation_mJ"), 0.0);
  EXPECT_GT(r.number("cutting_energy_mJ"), 0.0);
}

TEST(Stroke, InjuryFieldIsBoundedAndCoversTheChannel)
{
  const RunResults &r      = elastic_stroke();
  const Curve      &kernel = r.curve("injury_kernel");
  ASSERT_FALSE(kernel.rows.empty());
  double volume = 0.0;
  for (const auto &row : kernel.rows)
    {
      EXPECT_GE(row[4], 0.0);
      EXPECT_LE(row[4], 1.0);
      volume += 4.0 * row[3] * row[4];
    }
  EXPECT_NEAR(volume, r.number("injured_volume_mm3"), 1e-9 * volume);
  EXPECT_GT(r.number("injured_volume_mm3"), 0.0);
}

TEST(Stroke, NeedleWorkEqualsStoredPlusDissipatedEnergy)
{
  const RunResults &r      = elastic_stroke();
  const Curve      &energy = r.curve("energy_balance");
  // The puncture is the one pair of rows at the same time.
  unsigned int puncture = 0;
  for (unsigned int k = 1; k < energy.rows.size(); ++k)
    if (energy.rows[k][0] == energy.rows[k - 1][0])
      puncture = k;
  ASSERT_GT(puncture, 1u);
  EXPECT_LT(balance_error(energy, 0, puncture - 1), 0.02);
  EXPECT_LT(balance_error(energy, puncture, energy.rows.size() - 1), 0.02);
}
