// The numeric outputs of `needlesim run tests/data/tiny_indentation.prm`:
// summary.json (scalars named with units), force_time.csv and results.h5
// (full parameter set, git revision, the same scalars, the curves).

#include "run_command.h"
#include "summary_json.h"

#include <deal.II/base/hdf5.h>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/full_matrix.h>


#include <gtest/gtest.h>

#include <sstream>

using namespace needlesim::testing;

namespace
{
  std::string output_dir;

  Summary
  summary()
  {
    return Summary(output_dir + "/summary.json");
  }
} // namespace

TEST(Outputs, SummaryHasScalarsNamedWithUnits)
{
  const auto s = summary();
  EXPECT_EQ(s.get<std::string>("status"), "completed");
  EXPECT_FALSE(s.get<std::string>("git_revision").empty());
  for (const std::string key : {"peak_force_N",
                                "final_force_N",
                                "force_relaxation_percent",
                                "indentation_depth_mm",
                                "strain_energy_at_peak_mJ",
                                "max_von_mises_papillary_dermis_MPa",
                                "wall_time_s"})
    EXPECT_TRUE(s.number(key)) << key;
  EXPECT_NEAR(s.get<double>("indentation_depth_mm"), 0.05, 1e-15);
  EXPECT_GT(s.get<double>("peak_force_N"), 0.0);
  // Viscoelastic relaxation during the hold lowers the force.
  EXPECT_LT(s.get<double>("final_force_N"), s.get<double>("peak_force_N"));
}

TEST(Outputs, CsvCurveHasHeaderAndEveryStep)
{
  const std::string csv = read_file(output_dir + "/force_time.csv");
  EXPECT_EQ(csv.rfind("time_s,depth_mm,force_N,strain_energy_mJ\n", 0), 0u);
  EXPECT_EQ(count_lines(csv), 1u + 5u);
}

TEST(Outputs, Hdf5HoldsParametersRevisionScalarsAndCurves)
{
  using namespace dealii;
  const auto s = summary();
  HDF5::File file(output_dir + "/results.h5", HDF5::File::FileAccessMode::open);
  EXPECT_EQ(file.get_attribute<std::string>("git_revision"), s.get<std::string>("git_revision"));

  auto              parameters = file.open_group("parameters");
  const std::string prm        = parameters.get_attribute<std::string>("prm");
  EXPECT_NE(prm.find("set Region"), std::string::npos);
  // the value the scenario set (0.5 mm of hypodermis), in its own subsection
  // (a search for "0.5" anywhere also matched 0.556)
  const auto hypodermis = prm.find("subsection Hypodermis");
  ASSERT_NE(hypodermis, std::string::npos);
  const auto thickness = prm.find("set Thickness", hypodermis);
  ASSERT_NE(thickness, std::string::npos);
  const std::string line  = prm.substr(thickness, prm.find('\n', thickness) - thickness);
  std::string       value = line.substr(line.find('=') + 1);
  value                   = value.substr(0, value.find('#'));
  value.erase(0, value.find_first_not_of(' '));
  value.erase(value.find_last_not_of(' ') + 1);
  EXPECT_EQ(value, "0.5") << line;
  EXPECT_NE(parameters.get_attribute<std::string>("json").find("\"Indentation\""),
            std::string::npos);

  auto summary_group = file.open_group("summary");
  EXPECT_EQ(summary_group.get_attribute<double>("peak_force_N"), s.get<double>("peak_force_N"));

  auto       curves  = file.open_group("curves");
  auto       dataset = curves.open_dataset("force_time");
  const auto data    = dataset.read<FullMatrix<double>>();
  EXPECT_EQ(data.m(), 5u);
  EXPECT_EQ(data.n(), 4u);
  EXPECT_EQ(dataset.get_attribute<std::string>("columns"),
            "time_s,depth_mm,force_N,strain_energy_mJ");
  EXPECT_DOUBLE_EQ(data(2, 2), s.get<double>("peak_force_N"));
}

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  ::testing::InitGoogleTest(&argc, argv);
  if (argc < 2)
    {
      std::cerr << "usage: test_outputs OUTPUT_DIR\n";
      return 1;
    }
  output_dir = argv[1];
  return RUN_ALL_TESTS();
}
