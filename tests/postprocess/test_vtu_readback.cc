// Reads the fields written by `needlesim run tests/data/tiny_indentation.prm`
// back with VTK's XML readers (this executable links VTK, not deal.II) and
// checks field names and values against the scenario; and the needle series
// of `needlesim run tests/data/small_stroke_fields.prm`. The indentation:
//   quarter block 0.6 x 0.6 mm, cheek layers with a 0.5 mm hypodermis,
//   flat punch of radius 0.15 mm at depth 0.05 mm, ramp + hold to t = 0.3 s.

#include "vtu_fields.h"

#include <vtkDataArray.h>
#include <vtkPointData.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace needlesim::post;

namespace
{
  std::string output_dir, stroke_dir;

  constexpr double half_width = 0.6, radius = 0.15, depth = 0.05;
  // cheek preset: stratum corneum, viable epidermis, papillary, reticular; hypodermis set to 0.5
  constexpr double thickness[5] = {0.017, 0.058, 0.30, 0.57, 0.5};
} // namespace

TEST(VtuReadback, SeriesHasEveryStepWithTime)
{
  const auto series = read_pvd(output_dir + "/solution.pvd");
  ASSERT_EQ(series.size(), 5u); // initial state, 2 ramp and 2 hold steps
  EXPECT_DOUBLE_EQ(series.front().time, 0.0);
  EXPECT_NEAR(series[2].time, 0.1, 1e-12);
  EXPECT_NEAR(series.back().time, 0.3, 1e-12);
}

TEST(VtuReadback, FieldsAreNamedWithUnits)
{
  const auto series = read_pvd(output_dir + "/solution.pvd");
  // The piece of rank 0, read directly with vtkXMLUnstructuredGridReader.
  std::string piece = series.back().file;
  piece.replace(piece.size() - 5, 5, ".0.vtu");
  const auto grid  = read_grid(piece);
  const auto names = point_field_names(*grid);
  for (const std::string expected : {"displacement_mm",
                                     "layer",
                                     "von_mises_MPa",
                                     "pressure_MPa",
                                     "strain_energy_density_MPa",
                                     "max_principal_stretch",
                                     "volume_ratio",
                                     "mpi_rank"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  EXPECT_EQ(grid->GetPointData()->GetArray("displacement_mm")->GetNumberOfComponents(), 3);
}

TEST(VtuReadback, ValuesMatchTheScenario)
{
  const auto    series = read_pvd(output_dir + "/solution.pvd");
  const auto    grid   = read_grid(series.back().file);
  vtkDataArray *u      = grid->GetPointData()->GetArray("displacement_mm");
  ASSERT_NE(u, nullptr);
  // VTU stores single precision: compare to float round-off.
  const double tol = 1e-6;

  const double total   = thickness[0] + thickness[1] + thickness[2] + thickness[3] + thickness[4];
  unsigned int n_punch = 0, n_bottom = 0;
  double       max_bottom = 0.0;
  for (vtkIdType p = 0; p < grid->GetNumberOfPoints(); ++p)
    {
      double x[3], d[3];
      grid->GetPoint(p, x);
      u->GetTuple(p, d);
      if (std::abs(x[2]) < tol && std::hypot(x[0], x[1]) <= radius * (1 + tol))
        {
          EXPECT_NEAR(d[2], -depth, tol * depth); // the punch face
          ++n_punch;
        }
      if (std::abs(x[2] + total) < tol)
        {
          max_bottom = std::max({max_bottom, std::abs(d[0]), std::abs(d[1]), std::abs(d[2])});
          ++n_bottom;
        }
    }
  EXPECT_GT(n_punch, 0u);
  EXPECT_GT(n_bottom, 0u);
  EXPECT_EQ(max_bottom, 0.0); // clamped

  const auto stats = layer_statistics(*grid);
  for (unsigned int l = 0; l < 5; ++l)
    {
      EXPECT_GT(stats[l].n_cells, 0u) << l;
      EXPECT_NEAR(stats[l].volume_mm3,
                  half_width * half_width * thickness[l],
                  tol * half_width * half_width * thickness[l])
        << l;
      EXPECT_GT(stats[l].max_von_mises_MPa, 0.0) << l;
      EXPECT_GE(stats[l].max_stretch, 1.0) << l;
    }
}

TEST(VtuReadback, TheNeedleGoesInAndOutWithTheSkin)
{
  // one needle per field snapshot, at the same times
  const auto fields = read_pvd(stroke_dir + "/solution.pvd");
  const auto needle = read_pvd(stroke_dir + "/needle.pvd");
  ASSERT_EQ(needle.size(), fields.size());
  // small_stroke.prm: shaft 0.25 mm, cone 15 deg (its shoulder ~0.45 mm
  // above the tip), 0.25 mm depth setting: drawn to 0.1 mm above the
  // shoulder, so that the shaft is in the picture
  double deepest = 0.0;
  for (unsigned int k = 0; k < needle.size(); ++k)
    {
      EXPECT_DOUBLE_EQ(needle[k].time, fields[k].time);
      const auto grid = read_grid(needle[k].file);
      double     b[6];
      grid->GetBounds(b);
      EXPECT_NEAR(b[0], 0.0, 1e-6);   // from the axis ...
      EXPECT_NEAR(b[1], 0.125, 1e-6); // ... to the shaft radius
      EXPECT_GT(b[3] - b[2], 0.25 + 0.2);
      EXPECT_LT(b[3] - b[2], 0.6);
      deepest = std::min(deepest, b[2]);
    }
  EXPECT_NEAR(deepest, -0.25, 1e-6); // the tip at the depth setting
  EXPECT_NEAR(read_grid(needle.back().file)->GetBounds()[2], 0.0, 1e-6); // back out
}

int
main(int argc, char **argv)
{
  ::testing::InitGoogleTest(&argc, argv);
  if (argc < 3)
    {
      std::cerr << "usage: test_vtu_readback OUTPUT_DIR STROKE_OUTPUT_DIR\n";
      return 1;
    }
  output_dir = argv[1];
  stroke_dir = argv[2];
  return RUN_ALL_TESTS();
}
