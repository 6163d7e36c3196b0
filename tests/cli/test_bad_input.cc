// Bad input never crashes and never writes a result: every bad scenario file
// or output directory gives one error line naming the parameter, its value
// and what is allowed, exit code 1, and no output directory. A simulation
// that cannot converge exits with 2 and leaves only DIR.failed.

#include "run_command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace needlesim::testing;
namespace fs = std::filesystem;

namespace
{
  const std::string needlesim_binary = NEEDLESIM_BINARY;
  const std::string tiny             = NEEDLESIM_TEST_DATA "/tiny_indentation.prm";

  class BadInput : public ::testing::Test
  {
  protected:
    void
    SetUp() override
    {
      work = fs::temp_directory_path() / ("needlesim_bad_input_" + std::to_string(::getpid()));
      fs::remove_all(work);
      fs::create_directories(work);
    }
    void
    TearDown() override
    {
      fs::remove_all(work);
    }

    std::string
    write(const std::string &name, const std::string &content)
    {
      const fs::path path = work / name;
      std::ofstream(path) << content;
      return path.string();
    }

    // Runs the scenario and checks the contract for bad input; returns stderr.
    std::string
    expect_rejected(const std::string &scenario, const std::string &extra = "")
    {
      const fs::path out = work / "out";
      const auto     r =
        run_command(needlesim_binary + " run " + scenario + " -o " + out.string() + " " + extra);
      EXPECT_EQ(r.exit_code, 1) << r.err;
      EXPECT_EQ(count_lines(r.err), 1u) << r.err;
      EXPECT_EQ(r.err.rfind("needlesim: error: ", 0), 0u) << r.err;
      EXPECT_FALSE(fs::exists(out));
      EXPECT_FALSE(fs::exists(out.string() + ".partial"));
      EXPECT_FALSE(fs::exists(out.string() + ".failed"));
      return r.err;
    }

    fs::path work;
  };
} // namespace



TEST_F(BadInput, UnknownParameter)
{
  const std::string err =
    expect_rejected(write("a.prm", "subsection Skin\n  set Colour = red\nend\n"));
  EXPECT_NE(err.find("'Skin/Colour"), std::string::npos) << err;
  EXPECT_NE(err.find("'red'"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown parameter"), std::string::npos) << err;
  EXPECT_NE(err.find("Region"), std::string::npos) << err; // lists what is known
  EXPECT_NE(err.find("a.prm:2"), std::string::npos) << err;
}

TEST_F(BadInput, UnknownSection)
{
  const std::string err =
    expect_rejected(write("a.prm", "subsection Laser\n  set Power = 1\nend\n"));
  EXPECT_NE(err.find("'Laser/Power"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown section 'Laser'"), std::string::npos) << err;
}

TEST_F(BadInput, NeedleDeeperThanTheSkinWithoutHypodermis)
{
  const std::string err = expect_rejected(
    write("a.prm",
          "subsection Problem\n  set Type = stroke\nend\n"
          "subsection Skin\n  subsection Hypodermis\n    set Thickness = 0.001\n  end\nend\n"
          "subsection Needle motion\n  set Depth setting = 1.5\nend\n"));
  EXPECT_NE(err.find("'Needle motion/Depth setting' = '1.5'"), std::string::npos) << err;
  EXPECT_NE(err.find("bottom of the modelled skin"), std::string::npos) << err;
}

TEST_F(BadInput, ZeroFrequency)
{
  const std::string err =
    expect_rejected(write("a.prm", "subsection Needle motion\n  set Frequency = 0\nend\n"));
  EXPECT_NE(err.find("'Needle motion/Frequency"), std::string::npos) << err;
  EXPECT_NE(err.find("'0'"), std::string::npos) << err;
  EXPECT_NE(err.find("[0.001, 10000] Hz"), std::string::npos) << err;
}

TEST_F(BadInput, TipWiderThanTheShaft)
{
  const std::string err = expect_rejected(
    write("a.prm",
          "subsection Needle\n  set Shaft diameter = 0.2\n  set Tip radius = 0.15\nend\n"));
  EXPECT_NE(err.find("'Needle/Tip radius' = '0.15'"), std::string::npos) << err;
  EXPECT_NE(err.find("half the shaft diameter"), std::string::npos) << err;
}

namespace
{
  const std::string scenarios       = NEEDLESIM_TEST_DATA "/../../scenarios";
  const std::string cheek_treatment = "include " + scenarios + "/treatment-cheek.prm\n";
} // namespace

TEST_F(BadInput, OverlappingSessions)
{
  const std::string err = expect_rejected(
    write("a.prm",
          cheek_treatment + "subsection Protocol\n  set Session days = 0, 14, 14.5\nend\n"));
  EXPECT_NE(err.find("'Protocol/Session days'"), std::string::npos) << err;
  EXPECT_NE(err.find("overlap"), std::string::npos) << err;
}

TEST_F(BadInput, NegativeInterval)
{
  const std::string err = expect_rejected(
    write("a.prm", cheek_treatment + "subsection Protocol\n  set Interval = -14\nend\n"));
  EXPECT_NE(err.find("'Protocol/Interval"), std::string::npos) << err;
  EXPECT_NE(err.find("'-14'"), std::string::npos) << err;
  EXPECT_NE(err.find("[1, 365] day"), std::string::npos) << err;
}

TEST_F(BadInput, NoPasses)
{
  const std::string err =
    expect_rejected(write("a.prm", cheek_treatment + "subsection Device\n  set Passes = 0\nend\n"));
  EXPECT_NE(err.find("'Device/Passes' = '0'"), std::string::npos) << err;
}

TEST_F(BadInput, PatchSmallerThanTheCartridge)
{
  const std::string err = expect_rejected(
    write("a.prm", cheek_treatment + "subsection Patch\n  set Treated width = 1\nend\n"));
  EXPECT_NE(err.find("'Patch/Treated width' = '1'"), std::string::npos) << err;
  EXPECT_NE(err.find("smaller than the cartridge"), std::string::npos) << err;
}

TEST_F(BadInput, SessionDepthBeyondTheRegionsSkin)
{
  // periorbital skin is 1.23 mm thick including its fat
  const std::string err = expect_rejected(
    write("a.prm",
          "include " + scenarios + "/treatment-periorbital.prm\n" +
            "subsection Protocol\n  set Session depths = 0.25, 0.25, 0.25, 1.5\nend\n"));
  EXPECT_NE(err.find("'Protocol/Session depths'"), std::string::npos) << err;
  EXPECT_NE(err.find("through the skin"), std::string::npos) << err;
}

TEST_F(BadInput, ContraindicatedPlanIsRefused)
{
  const std::string err = expect_rejected(
    write("a.prm", cheek_treatment + "subsection Patient\n  set Pregnancy = true\nend\n"));
  EXPECT_NE(err.find("'Patient'"), std::string::npos) << err;
  EXPECT_NE(err.find("contraindicated in pregnancy"), std::string::npos) << err;
  EXPECT_NE(err.find("Contraindication policy = warn"), std::string::npos) << err;
}

TEST_F(BadInput, PenTreatmentNeedsAPulsatingStroke)
{
  const std::string err = expect_rejected(
    write("a.prm",
          cheek_treatment + "subsection Needle motion\n  set Motion = constant speed\nend\n"));
  EXPECT_NE(err.find("'Needle motion/Motion'"), std::string::npos) << err;
  EXPECT_NE(err.find("pulsating"), std::string::npos) << err;
}

TEST_F(BadInput, MalformedNumber)
{
  const std::string err =
    expect_rejected(write("a.prm", "subsection Indentation\n  set Depth = 0.1.2\nend\n"));
  EXPECT_NE(err.find("'Indentation/Depth"), std::string::npos) << err;
  EXPECT_NE(err.find("'0.1.2'"), std::string::npos) << err;
  EXPECT_NE(err.find("a number in [0, 20] mm"), std::string::npos) << err;
}

TEST_F(BadInput, NegativeThickness)
{
  const std::string err = expect_rejected(write(
    "a.prm",
    "subsection Skin\n  subsection Reticular dermis\n    set Thickness = -0.3\n  end\nend\n"));
  EXPECT_NE(err.find("'Skin/Reticular dermis/Thickness'"), std::string::npos) << err;
  EXPECT_NE(err.find("'-0.3'"), std::string::npos) << err;
  EXPECT_NE(err.find("[0.001, 50] mm"), std::string::npos) << err;
}

TEST_F(BadInput, PoissonRatioOfOneHalf)
{
  const std::string err =
    expect_rejected(write("a.prm",
                          "subsection Skin\n  subsection Hypodermis\n    subsection Neo-Hookean\n"
                          "      set Poisson ratio = 0.5\n    end\n  end\nend\n"));
  EXPECT_NE(err.find("'Skin/Hypodermis/Neo-Hookean/Poisson ratio"), std::string::npos) << err;
  EXPECT_NE(err.find("'0.5'"), std::string::npos) << err;
  EXPECT_NE(err.find("[-0.99, 0.4999]"), std::string::npos) << err;
}

TEST_F(BadInput, InconsistentValues)
{
  // Each value is in its range, but the punch is wider than the block.
  const std::string err =
    expect_rejected(write("a.prm", "subsection Indentation\n  set Indenter radius = 3\nend\n"));
  EXPECT_NE(err.find("'Indentation/Indenter radius' = '3'"), std::string::npos) << err;
  EXPECT_NE(err.find("Half width"), std::string::npos) << err;
}

TEST_F(BadInput, MissingFile)
{
  const std::string err = expect_rejected((work / "does_not_exist.prm").string());
  EXPECT_NE(err.find("does_not_exist.prm"), std::string::npos) << err;
  EXPECT_NE(err.find("cannot be opened"), std::string::npos) << err;
}

TEST_F(BadInput, IncludeCycles)
{
  // a file that includes itself crashed with a stack overflow (SIGSEGV)
  std::string err = expect_rejected(write("self.prm", "include self.prm\n"));
  EXPECT_NE(err.find("an include cycle"), std::string::npos) << err;
  write("a.prm", "include " + tiny + "\ninclude b.prm\n");
  write("b.prm", "include a.prm\n");
  err = expect_rejected((work / "a.prm").string());
  EXPECT_NE(err.find("a.prm -> " + fs::canonical(work / "b.prm").string() + " -> "),
            std::string::npos)
    << err;
  // the same file included twice, not in a cycle, is fine
  const fs::path out = work / "twice";
  const auto     r   = run_command(needlesim_binary + " run " +
                             write("twice.prm", "include " + tiny + "\ninclude " + tiny + "\n") +
                             " -o " + out.string() + " --check");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(BadInput, ControlCharactersInThePathGiveValidJson)
{
  // a tab and a control character in the scenario's name: summary.json
  // escaped only quotes, backslashes and newlines, and no JSON parser read it
  const fs::path odd = work / "tab\there\x01.prm";
  fs::copy_file(tiny, odd);
  const fs::path out = work / "out";
  const auto     r =
    run_command(needlesim_binary + " run '" + odd.string() + "' -o " + out.string() + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream        in(out / "summary.json");
  const nlohmann::json summary = nlohmann::json::parse(in);
  EXPECT_EQ(summary.at("scenario_file").get<std::string>(), odd.string());
}

TEST_F(BadInput, SuspectRunsAreFlagged)
{
  // the small stroke balances its energy to ~1e-3 of the needle work: with
  // a tolerance of 1e-7 its own check fails, the run is "suspect"
  const std::string strict =
    write("strict.prm",
          "include " NEEDLESIM_TEST_DATA "/small_stroke.prm\n"
          "subsection Cutting\n  set Section table cache = " NEEDLESIM_TEST_DATA
          "/../../scenarios/sections\nend\n"
          "subsection Output\n  set Write fields = false\n"
          "  set Energy balance tolerance = 1e-7\nend\n");
  const fs::path out = work / "strict";
  auto r = run_command(needlesim_binary + " run " + strict + " -o " + out.string() + " --quiet");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("suspect result: the energy balance misses its tolerance"),
            std::string::npos)
    << r.err;
  EXPECT_FALSE(fs::exists(out));
  {
    std::ifstream        in(out.string() + ".failed/summary.json");
    const nlohmann::json summary = nlohmann::json::parse(in);
    EXPECT_EQ(summary.at("status"), "suspect");
    EXPECT_NE(summary.at("suspect_reasons").get<std::string>().find("energy balance"),
              std::string::npos);
  }
  // accepted on request: the results land in DIR, still marked
  const std::string allowed = write("allowed.prm",
                                    "include " + strict +
                                      "\nsubsection Output\n"
                                      "  set Allow suspect results = true\nend\n");
  r = run_command(needlesim_binary + " run " + allowed + " -o " + out.string() + " --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream        in(out / "summary.json");
  const nlohmann::json summary = nlohmann::json::parse(in);
  EXPECT_EQ(summary.at("status"), "suspect");
  // with the default tolerance (2 %) the same stroke is not suspect
  EXPECT_LT(std::abs(summary.at("energy_balance_error").get<double>()), 0.02);
}

TEST_F(BadInput, EmptyFile)
{
  const std::string err = expect_rejected(write("empty.prm", "\n  \n"));
  EXPECT_NE(err.find("empty.prm"), std::string::npos) << err;
  EXPECT_NE(err.find("empty"), std::string::npos) << err;
}

TEST_F(BadInput, MalformedJson)
{
  const std::string err = expect_rejected(write("a.json", "{\"Indentation\": {\"Depth\": "));
  EXPECT_NE(err.find("a.json"), std::string::npos) << err;
  EXPECT_NE(err.find("valid JSON"), std::string::npos) << err;
}

TEST_F(BadInput, JsonValueOutOfRange)
{
  const std::string err =
    expect_rejected(write("a.json", "{\"Indentation\": {\"Ramp time\": -1}}"));
  EXPECT_NE(err.find("'Indentation/Ramp time"), std::string::npos) << err;
  EXPECT_NE(err.find("'-1'"), std::string::npos) << err;
  EXPECT_NE(err.find("[1e-09, 1e+06] s"), std::string::npos) << err;
}

TEST_F(BadInput, UnwritableOutputDirectory)
{
  // A path below a regular file can never be created (even by root).
  write("blocker", "not a directory");
  const fs::path out = work / "blocker" / "out";
  const auto     r   = run_command(needlesim_binary + " run " + tiny + " -o " + out.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("output directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(out.string()), std::string::npos) << r.err;
}

TEST_F(BadInput, NonConvergenceKeepsOnlyFailedDirectory)
{
  // One Newton iteration and no step cuts cannot solve the indentation.
  const std::string scenario = write("hard.prm",
                                     "include " + tiny +
                                       "\nsubsection Nonlinear solver\n"
                                       "  set Maximum Newton iterations = 1\n"
                                       "  set Maximum step cuts = 0\nend\n");
  const fs::path    out      = work / "out";
  const auto        r =
    run_command(needlesim_binary + " run " + scenario + " -o " + out.string() + " --quiet");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("could not advance from t = 0 s"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(fs::exists(out.string() + ".failed/failure.txt"));
}

TEST(CommandLine, PrintParametersListsEveryParameterWithAllowedValues)
{
  const auto r = run_command(needlesim_binary + " --print-parameters");
  ASSERT_EQ(r.exit_code, 0);
  unsigned int      set_lines = 0, allowed_lines = 0;
  std::stringstream s(r.out);
  for (std::string line; std::getline(s, line);)
    {
      set_lines += line.find("set ") != std::string::npos;
      allowed_lines += line.find("#   allowed: ") != std::string::npos;
    }
  EXPECT_GT(set_lines, 50u);
  EXPECT_EQ(set_lines, allowed_lines);
  EXPECT_NE(r.out.find("[MPa] small-strain Young's modulus E"), std::string::npos);
  EXPECT_NE(r.out.find("a number in [0.001, 50] mm"), std::string::npos);
}

TEST(CommandLine, VersionNamesGitRevision)
{
  const auto r = run_command(needlesim_binary + " --version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("needlesim "), std::string::npos);
  EXPECT_NE(r.out.find("(git "), std::string::npos);
  EXPECT_EQ(r.out.find("(git unknown)"), std::string::npos);
}

TEST(CommandLine, UnknownCommandIsAnError)
{
  const auto r = run_command(needlesim_binary + " frobnicate");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST_F(BadInput, MeshFileThatDoesNotExist)
{
  const std::string err =
    expect_rejected(write("a.prm", "subsection Mesh\n  set File = no_such_mesh.msh\nend\n"));
  EXPECT_NE(err.find("'Mesh/File' = 'no_such_mesh.msh'"), std::string::npos) << err;
  EXPECT_NE(err.find("not found"), std::string::npos) << err;
}

TEST_F(BadInput, MeshFileThatIsNotAMesh)
{
  const std::string mesh = write("not_a_mesh.msh", "this is not Gmsh\n");
  const std::string err =
    expect_rejected(write("a.prm", "subsection Mesh\n  set File = " + mesh + "\nend\n"));
  EXPECT_NE(err.find("'Mesh/File'"), std::string::npos) << err;
  EXPECT_NE(err.find("cannot be read"), std::string::npos) << err;
}
