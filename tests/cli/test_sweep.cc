// needlesim sweep end to end (tests/data/tiny_sweep.prm: 8 tiny indentations,
// half of which fail on purpose):
//  - one rank and two ranks give the same table;
//  - a sweep killed with SIGKILL while it runs and started again keeps its
//    finished points (not recomputed), completes the rest, and ends with the
//    table of an uninterrupted run; the tables are readable after the kill;
//  - failed and invalid points are rows with their status and reason;
//  - treatment points that share a stroke share its kernel;
//  - bad input writes nothing.
#include "run_command.h"

#include <deal.II/base/hdf5.h>
#include <deal.II/lac/full_matrix.h>

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

using namespace needlesim::testing;
namespace fs = std::filesystem;

namespace
{
  const std::string binary = NEEDLESIM_BINARY;
  const std::string sweep  = std::string(NEEDLESIM_TEST_DATA) + "/tiny_sweep.prm";
  const std::string output = SWEEP_OUTPUT;

  /// sweep.csv as rows of column -> text (quoted fields with commas kept whole).
  std::vector<std::map<std::string, std::string>>
  read_table(const std::string &path)
  {
    std::ifstream                         in(path);
    std::vector<std::vector<std::string>> lines;
    std::string                           line;
    while (std::getline(in, line))
      {
        std::vector<std::string> fields(1);
        bool                     quoted = false;
        for (const char c : line)
          if (c == '"')
            quoted = !quoted;
          else if (c == ',' && !quoted)
            fields.emplace_back();
          else
            fields.back() += c;
        lines.push_back(fields);
      }
    std::vector<std::map<std::string, std::string>> rows;
    for (unsigned int r = 1; r < lines.size(); ++r)
      {
        std::map<std::string, std::string> row;
        for (unsigned int c = 0; c < lines[0].size() && c < lines[r].size(); ++c)
          row[lines[0][c]] = lines[r][c];
        rows.push_back(row);
      }
    return rows;
  }

  /// The table without what legitimately differs between runs.
  std::vector<std::map<std::string, std::string>>
  comparable(std::vector<std::map<std::string, std::string>> rows)
  {
    for (auto &row : rows)
      row.erase("wall_time_s");
    return rows;
  }

  void
  run_sweep(const std::string &dir, const std::string &launcher = "")
  {
    const auto r = run_command(launcher + binary + " sweep " + sweep + " -o " + dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("sweep: 8/8 points done"), std::string::npos) << r.err;
  }

  /// The uninterrupted one-rank run, made once per test program (a fresh
  /// directory: a leftover one would be resumed, not recomputed).
  const std::string &
  reference_run()
  {
    static const std::string dir = [] {
      const std::string d = output + "/one_rank";
      fs::remove_all(d);
      run_sweep(d);
      return d;
    }();
    return dir;
  }

  unsigned int
  finished_points(const std::string &dir)
  {
    unsigned int n = 0;
    if (fs::exists(dir + "/points"))
      for (const auto &e : fs::directory_iterator(dir + "/points"))
        n += fs::exists(e.path() / "point.json");
    return n;
  }

  /// The rows of /table in results.h5 (and that it opens at all).
  unsigned int
  h5_rows(const std::string &path)
  {
    dealii::HDF5::File file(path, dealii::HDF5::File::FileAccessMode::open);
    const auto points = file.open_group("table").open_dataset("point").read<std::vector<double>>();
    EXPECT_FALSE(file.get_attribute<std::string>("git_revision").empty());
    return points.size();
  }
} // namespace



TEST(Sweep, OneRankAndTwoRanksGiveTheSameTableWithFailuresIsolated)
{
  fs::remove_all(output + "/two_ranks");
  run_sweep(output + "/two_ranks", "mpirun -np 2 ");
  const auto one = read_table(reference_run() + "/sweep.csv");
  ASSERT_EQ(one.size(), 8u);
  EXPECT_EQ(comparable(one), comparable(read_table(output + "/two_ranks/sweep.csv")));
  EXPECT_EQ(h5_rows(reference_run() + "/results.h5"), 8u);

  // Newton limited to 1 iteration cannot converge: failed with the reason,
  // the others succeed and carry their results
  for (const auto &row : one)
    if (row.at("Nonlinear solver.Maximum Newton iterations") == "1")
      {
        EXPECT_EQ(row.at("status"), "failed");
        EXPECT_NE(row.at("reason").find("did not converge"), std::string::npos) << row.at("reason");
        EXPECT_TRUE(row.at("peak_force_N").empty());
      }
    else
      {
        EXPECT_EQ(row.at("status"), "ok");
        EXPECT_GT(std::stod(row.at("peak_force_N")), 0.0);
      }
  // deeper and wider indenters push harder
  EXPECT_GT(std::stod(one[4].at("peak_force_N")), std::stod(one[0].at("peak_force_N")));
  EXPECT_GT(std::stod(one[2].at("peak_force_N")), std::stod(one[0].at("peak_force_N")));
}



TEST(Sweep, AllRanksPerPointGivesTheSameTableWithinSolverTolerance)
{
  const std::string &reference = reference_run();
  const std::string  file      = output + "/all_ranks_sweep.prm";
  std::ofstream(file) << "include " << sweep << "\nsubsection Sweep\n"
                      << "  set Ranks per point = all\nend\n";
  const std::string dir = output + "/all_ranks";
  fs::remove_all(dir);
  const auto r = run_command("mpirun -np 2 " + binary + " sweep " + file + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto one = read_table(reference + "/sweep.csv");
  const auto all = read_table(dir + "/sweep.csv");
  ASSERT_EQ(all.size(), one.size());
  for (unsigned int i = 0; i < one.size(); ++i)
    {
      EXPECT_EQ(all[i].at("status"), one[i].at("status"));
      if (one[i].at("status") == "ok")
        { // Newton tolerance 1e-10 of the tiny run
          const double f = std::stod(one[i].at("peak_force_N"));
          EXPECT_NEAR(std::stod(all[i].at("peak_force_N")), f, 1e-6 * f);
        }
    }
}



TEST(Sweep, KilledSweepResumesWithoutRecomputingAndEndsWithTheSameTable)
{
  const std::string &reference = reference_run();
  const std::string  dir       = output + "/killed";
  fs::remove_all(dir);

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0)
    {
      const std::string err = dir + ".stderr";
      if (!freopen(err.c_str(), "w", stderr))
        _exit(126);
      execl(binary.c_str(),
            binary.c_str(),
            "sweep",
            sweep.c_str(),
            "-o",
            dir.c_str(),
            static_cast<char *>(nullptr));
      _exit(127);
    }
  // kill it in the middle: after three finished points
  const auto start = std::chrono::steady_clock::now();
  while (finished_points(dir) < 3 &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(120))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  const unsigned int before = finished_points(dir);
  ASSERT_GE(before, 3u);
  ASSERT_LT(before, 8u) << "the sweep finished before it could be killed";

  // what was written before the kill is readable
  ASSERT_TRUE(fs::exists(dir + "/results.h5"));
  const unsigned int rows_after_kill = h5_rows(dir + "/results.h5");
  EXPECT_GE(rows_after_kill, 1u);
  EXPECT_LE(rows_after_kill, before);
  // (sweep.csv is replaced just before results.h5: the kill may fall between)
  const unsigned int csv_rows_after_kill = read_table(dir + "/sweep.csv").size();
  EXPECT_GE(csv_rows_after_kill, rows_after_kill);
  EXPECT_LE(csv_rows_after_kill, before);

  // the finished points' records, to see that they are not recomputed
  std::map<std::string, std::string> records;
  for (const auto &e : fs::directory_iterator(dir + "/points"))
    if (fs::exists(e.path() / "point.json"))
      records[e.path().string()] = read_file((e.path() / "point.json").string());

  const auto r = run_command(binary + " sweep " + sweep + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto &[path, record] : records)
    EXPECT_EQ(read_file(path + "/point.json"), record) << path << " was recomputed";
  EXPECT_EQ(comparable(read_table(dir + "/sweep.csv")),
            comparable(read_table(reference + "/sweep.csv")));
  EXPECT_EQ(h5_rows(dir + "/results.h5"), 8u);
  for (const auto &e : fs::directory_iterator(dir + "/points"))
    EXPECT_EQ(e.path().extension(), e.path().extension() == ".failed" ? ".failed" : "")
      << "left over: " << e.path();
}



TEST(Sweep, TreatmentPointsShareTheirStrokeKernel)
{
  const std::string dir     = output + "/treatments";
  const std::string kernels = std::string(SWEEP_KERNELS);
  fs::remove_all(dir);
  fs::remove_all(kernels);
  const auto r = run_command("mpirun -np 2 " + binary + " sweep " + TREATMENT_SWEEP + " -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto table = read_table(dir + "/sweep.csv");
  ASSERT_EQ(table.size(), 2u);
  unsigned int n_kernels = 0;
  for (const auto &e : fs::directory_iterator(kernels))
    n_kernels += fs::exists(e.path() / "injury_kernel.csv");
  EXPECT_EQ(n_kernels, 1u);
  EXPECT_EQ(table[0].at("status"), "ok");
  EXPECT_EQ(table[1].at("status"), "ok");
  EXPECT_EQ(table[0].at("stroke_kernel"), table[1].at("stroke_kernel"));
  // the timelines are in results.h5: a second session lays down more new
  // (type III) collagen (at day 45 of this mild injury the total collagen is
  // still below healthy with the calibrated kinetics: the disrupted and
  // degraded collagen is not yet replaced, so the total is not compared)
  dealii::HDF5::File file(dir + "/results.h5", dealii::HDF5::File::FileAccessMode::open);
  const auto         papillary_new_collagen_at_end = [&file](const std::string &point) {
    auto timeline = file.open_group("points").open_group(point).open_dataset("timeline");
    const std::string columns = timeline.get_attribute<std::string>("columns");
    const auto        data    = timeline.read<dealii::FullMatrix<double>>();
    // column of new_collagen_rel_papillary_dermis
    unsigned int c = 0;
    for (std::size_t p = 0; p < columns.find("new_collagen_rel_papillary_dermis"); ++p)
      c += columns[p] == ',';
    return data(data.m() - 1, c);
  };
  EXPECT_GT(papillary_new_collagen_at_end("00001"), 1.05 * papillary_new_collagen_at_end("00000"));
}



TEST(Sweep, BadInputWritesNothingAndDryRunCounts)
{
  const std::string dir = output + "/bad";
  fs::remove_all(dir);
  const std::string file = output + "/bad_sweep.prm";
  std::ofstream(file) << "subsection Sweep\n  set Base scenario = " << NEEDLESIM_TEST_DATA
                      << "/tiny_indentation.prm\nend\nsubsection Parameter 1\n"
                      << "  set Path = Needle/Tip radiu\n  set Values = 0.01\nend\n";
  auto r = run_command(binary + " sweep " + file + " -o " + dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Parameter 1/Path"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Needle/Tip radiu"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir));

  // a directory that holds another sweep is refused
  const std::string &reference = reference_run();
  std::ofstream(file) << "subsection Sweep\n  set Base scenario = " << NEEDLESIM_TEST_DATA
                      << "/tiny_indentation.prm\nend\nsubsection Parameter 1\n"
                      << "  set Path = Indentation/Depth\n  set Values = 0.01\nend\n";
  r = run_command(binary + " sweep " + file + " -o " + reference);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("different sweep"), std::string::npos) << r.err;

  r = run_command(binary + " sweep " + sweep + " -o " + dir + " --dry-run");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("8 points"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("estimated run time"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir));
}
