// The points of a sweep: grid order, range spacing, Latin hypercube strata,
// reproducible random designs, and the checks on a sweep file.
#include "parameters.h"
#include "sweep_design.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace needlesim;

namespace
{
  /// Writes a sweep file on the tiny indentation and reads it.
  SweepDesign
  design_from(const std::string &body)
  {
    const std::string file =
      (std::filesystem::temp_directory_path() / "needlesim_test_sweep_design.prm").string();
    std::ofstream(file) << "subsection Sweep\n  set Base scenario = " << NEEDLESIM_TEST_DATA
                        << "/tiny_indentation.prm\n"
                        << body;
    return SweepDesign::from_file(file);
  }
} // namespace



TEST(SweepDesign, GridVariesTheFirstParameterSlowestAndSpacesRanges)
{
  const SweepDesign d =
    design_from("end\n"
                "subsection Parameter 1\n  set Path = Indentation/Depth\n"
                "  set Values = 0.03, 0.05\nend\n"
                "subsection Parameter 2\n  set Path = Indentation/Indenter radius\n"
                "  set Range = 0.01, 1\n  set Count = 3\n"
                "  set Spacing = logarithmic\nend\n");
  ASSERT_EQ(d.n_points(), 6u);
  EXPECT_EQ(d.point(0)[0], "0.03");
  EXPECT_EQ(d.point(2)[0], "0.03");
  EXPECT_EQ(d.point(3)[0], "0.05");
  // logarithmic: 0.01, 0.1, 1
  EXPECT_DOUBLE_EQ(std::stod(d.point(1)[1]), 0.1);
  EXPECT_DOUBLE_EQ(std::stod(d.point(5)[1]), 1.0);
  // the point's scenario carries its values
  EXPECT_DOUBLE_EQ(d.scenario(4).indentation.radius, 0.1);
  EXPECT_DOUBLE_EQ(d.scenario(4).indentation.depth, 0.05);
}



TEST(SweepDesign, LatinHypercubeHitsEveryStratumOnceAndIsReproducible)
{
  const std::string body = "  set Design = latin hypercube\n  set Samples = 20\n  set Seed = 7\n"
                           "end\n"
                           "subsection Parameter 1\n  set Path = Indentation/Depth\n"
                           "  set Range = 0.02, 0.06\nend\n"
                           "subsection Parameter 2\n  set Path = Indentation/Indenter radius\n"
                           "  set Distribution = log-uniform\n  set Range = 0.05, 0.5\nend\n";
  const SweepDesign d    = design_from(body);
  ASSERT_EQ(d.n_points(), 20u);
  std::set<int> depth_strata, radius_strata;
  for (unsigned int i = 0; i < 20; ++i)
    {
      const double depth  = std::stod(d.point(i)[0]);
      const double radius = std::stod(d.point(i)[1]);
      depth_strata.insert(int((depth - 0.02) / 0.04 * 20));
      radius_strata.insert(int(std::log(radius / 0.05) / std::log(10.0) * 20));
    }
  EXPECT_EQ(depth_strata.size(), 20u);
  EXPECT_EQ(radius_strata.size(), 20u);
  // same file, same points; another seed, other points
  EXPECT_EQ(design_from(body).design_csv(), d.design_csv());
  std::string other = body;
  other.replace(other.find("Seed = 7"), 8, "Seed = 8");
  EXPECT_NE(design_from(other).design_csv(), d.design_csv());
}



TEST(SweepDesign, MonteCarloNormalHasTheGivenMeanAndSpread)
{
  const SweepDesign d   = design_from("  set Design = monte carlo\n  set Samples = 2000\nend\n"
                                      "subsection Parameter 1\n  set Path = Indentation/Depth\n"
                                      "  set Distribution = normal\n  set Mean = 0.05\n"
                                      "  set Standard deviation = 0.01\nend\n");
  double            sum = 0, sum2 = 0;
  for (unsigned int i = 0; i < d.n_points(); ++i)
    {
      const double x = std::stod(d.point(i)[0]);
      sum += x;
      sum2 += x * x;
    }
  const double mean = sum / d.n_points();
  const double sd   = std::sqrt(sum2 / d.n_points() - mean * mean);
  // standard error of the mean 0.01/sqrt(2000) = 2.2e-4
  EXPECT_NEAR(mean, 0.05, 7e-4);
  EXPECT_NEAR(sd, 0.01, 0.0007);
}



TEST(SweepDesign, BadSweepFilesNameTheSetting)
{
  const auto message = [](const std::string &body) {
    try
      {
        design_from(body);
      }
    catch (const InputError &e)
      {
        return std::string(e.what());
      }
    return std::string("no error");
  };
  EXPECT_NE(message("end\nsubsection Parameter 1\n  set Path = Needle/Tip radiu\n"
                    "  set Values = 0.01\nend\n")
              .find("Parameter 1/Path"),
            std::string::npos);
  EXPECT_NE(message("end\nsubsection Parameter 1\n  set Path = Indentation/Depth\n"
                    "  set Distribution = uniform\n  set Range = 0.01, 0.02\nend\n")
              .find("Parameter 1/Distribution"),
            std::string::npos); // a grid has no random values
  EXPECT_NE(message("end\nsubsection Parameter 1\n  set Path = Indentation/Depth\n"
                    "  set Range = 0.05, 0.01\nend\n")
              .find("Parameter 1/Range"),
            std::string::npos);
  EXPECT_NE(message("end\n").find("Parameter 1/Path"), std::string::npos);
}
