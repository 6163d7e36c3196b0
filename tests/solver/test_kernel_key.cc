// The key of a cached stroke kernel (stroke_kernel_cache.h): the parsed
// values of the parameters a stroke depends on, plus the model version.
#include "stroke_kernel_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace needlesim;

namespace
{
  /// The key of treatment-cheek.prm (depth setting 1.0 mm) with @p changes
  /// appended to it (PRM text).
  std::string
  key_with(const std::string &changes, const double depth = 1.0)
  {
    const std::string file =
      (std::filesystem::temp_directory_path() / "needlesim_kernel_key.prm").string();
    {
      std::ofstream out(file);
      out << "include " << NEEDLESIM_SCENARIOS << "/treatment-cheek.prm\n" << changes;
    }
    const Scenario s = Scenario::from_file(file);
    std::filesystem::remove(file);
    return stroke_kernel_key(s, depth);
  }
} // namespace

TEST(KernelKey, ChangesWithTheStrokeOnly)
{
  const std::string base = key_with("");
  EXPECT_EQ(base.size(), 16u);
  EXPECT_EQ(key_with(""), base);
  EXPECT_NE(key_with("", 0.5), base);
  // a stroke parameter
  EXPECT_NE(key_with("subsection Needle\n set Tip radius = 0.004\nend\n"), base);
  EXPECT_NE(key_with("subsection Cutting\n set Reference toughness = 0.02\nend\n"), base);
  // the treatment's own parameters, the output, and the limit on step cuts
  EXPECT_EQ(key_with("subsection Device\n set Passes = 3\nend\n"), base);
  EXPECT_EQ(key_with("subsection Output\n set Write fields = false\nend\n"), base);
  EXPECT_EQ(key_with("subsection Nonlinear solver\n set Maximum step cuts = 9\nend\n"), base);
}

TEST(KernelKey, ParsedValuesNotText)
{
  const std::string base = key_with("");
  // the same numbers written differently
  EXPECT_EQ(key_with("subsection Needle\n set Shaft diameter = 0.250\nend\n"), base);
  EXPECT_EQ(key_with("subsection Needle\n set Shaft diameter = 2.5e-1\nend\n"), base);
  // a parameter set to its default value is the same as one not set: only
  // values that differ from their defaults enter the key, so a newly
  // declared parameter at its default leaves the shipped keys as they are
  EXPECT_EQ(key_with("subsection Contact\n set Penalty factor = 100\nend\n"), base);
}
