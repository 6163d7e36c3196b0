// The file formats every output goes through: the CSV module (quoting,
// locale-independent numbers, exact round trip), summary.json (nlohmann-json:
// any text escaped) and the atomic writes (no half file under the final name).

#include "csv_table.h"
#include "output_file.h"
#include "run_results.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <locale>
#include <random>
#include <sstream>

using namespace needlesim;
namespace fs = std::filesystem;

namespace
{
  fs::path
  scratch(const std::string &name)
  {
    const fs::path dir =
      fs::temp_directory_path() / ("needlesim_formats_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
  }

  /// A C++ locale that writes 0,5 for one half (as de_DE would).
  struct DecimalComma : std::numpunct<char>
  {
    char
    do_decimal_point() const override
    {
      return ',';
    }
  };
} // namespace

TEST(Csv, NumbersReadBackExactly)
{
  std::mt19937_64                         random(20261203);
  std::uniform_int_distribution<uint64_t> bits;
  std::vector<double>                     values = {0.0,
                                                    -0.0,
                                                    1.0,
                                                    0.1,
                                                    -2.5e-300,
                                                    1e308,
                                                    std::numeric_limits<double>::denorm_min(),
                                                    std::numeric_limits<double>::max(),
                                                    std::numeric_limits<double>::lowest()};
  while (values.size() < 10000)
    {
      const uint64_t b = bits(random);
      double         x;
      std::memcpy(&x, &b, sizeof x);
      if (std::isfinite(x))
        values.push_back(x);
    }
  for (const double x : values)
    {
      const std::optional<double> back = csv::to_number(csv::number(x));
      ASSERT_TRUE(back) << csv::number(x);
      EXPECT_EQ(std::memcmp(&x, &*back, sizeof x), 0) << csv::number(x); // bit for bit, -0 too
    }
  EXPECT_EQ(csv::number(std::nan("")), "nan");
  EXPECT_EQ(csv::number(-HUGE_VAL), "-inf");
  EXPECT_TRUE(std::isnan(*csv::to_number("nan")));
  EXPECT_EQ(*csv::to_number("inf"), HUGE_VAL);
  for (const char *not_a_number : {"", " 1", "1 ", "1,5", "0x10", "1e", "abc", "--1"})
    EXPECT_FALSE(csv::to_number(not_a_number)) << '"' << not_a_number << '"';
}

TEST(Csv, NumbersIgnoreTheLocale)
{
  const std::locale previous =
    std::locale::global(std::locale(std::locale::classic(), new DecimalComma));
  std::ostringstream probe;
  probe << 0.5;
  ASSERT_EQ(probe.str(), "0,5"); // the global locale is in effect
  const fs::path file = scratch("locale.csv");
  csv::write_curve(file.string(), {"locale", {"t_s", "F_N"}, {{0.5, -1.25e-3}}});
  std::locale::global(previous);
  std::ifstream in(file);
  std::string   header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(row, "0.5,-0.00125");
  const Curve back = csv::read_curve(file.string());
  EXPECT_EQ(back.name, "locale");
  EXPECT_EQ(back.rows.at(0).at(1), -1.25e-3);
}

TEST(Csv, TextFieldsRoundTripWithQuotes)
{
  const csv::Table  table{{"name", "reason, if any", "say \"hi\""},
                         {{"a", "", "plain"},
                           {"comma, inside", "a \"quote\"", "two\nlines"},
                           {"tab\there", "crlf\r\nend", "\xff\x01 bytes"}}};
  std::stringstream text;
  csv::write(text, table);
  const csv::Table back = csv::read(text, "test");
  EXPECT_EQ(back.columns, table.columns);
  EXPECT_EQ(back.rows, table.rows);
}

TEST(Csv, MalformedTablesNameTheirLine)
{
  const auto error_of = [](const std::string &text) {
    std::istringstream in(text);
    try
      {
        csv::read(in, "t.csv");
      }
    catch (const std::runtime_error &e)
      {
        return std::string(e.what());
      }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("a,b\n1,2\n3\n"), "t.csv, line 3: 1 fields, the header has 2");
  EXPECT_EQ(error_of("a,b\n1,\"2\n"), "t.csv, line 2: a quoted field is not closed");
  EXPECT_EQ(error_of(""), "t.csv: empty, no header line");

  const fs::path file = scratch("bad.csv");
  std::ofstream(file) << "x_mm,y_mm\n1,2\n3,oops\n";
  try
    {
      csv::read_curve(file.string());
      FAIL() << "a text in a curve was accepted";
    }
  catch (const std::runtime_error &e)
    {
      EXPECT_NE(std::string(e.what()).find("row 2, column y_mm: \"oops\" is not a number"),
                std::string::npos)
        << e.what();
    }
}

TEST(SummaryJson, AnyTextStaysValidJson)
{
  RunResults r;
  // a scenario path with a tab, control characters and bytes that are not UTF-8
  const std::string path = "/tmp/a\tb\x01\x1f\"q\"\\n/\xc3\x28.prm";
  r.add_text("scenario", path);
  r.add("peak_force_N", 1.5e-3);
  r.add("not_a_number", std::nan(""));
  r.add_block("timing", {{"total_s", 2.0}});
  const fs::path file = scratch("summary.json");
  r.write_summary_json(file.string());
  std::ifstream        in(file);
  const nlohmann::json json = nlohmann::json::parse(in); // throws if it is not JSON
  // valid UTF-8 and every control character come back as written; the
  // invalid byte pair becomes U+FFFD
  EXPECT_EQ(json.at("scenario").get<std::string>().substr(0, 16), path.substr(0, 16));
  EXPECT_NE(json.at("scenario").get<std::string>().find("\xef\xbf\xbd"), std::string::npos);
  EXPECT_EQ(json.at("peak_force_N").get<double>(), 1.5e-3);
  EXPECT_TRUE(json.at("not_a_number").is_null());
  EXPECT_EQ(json.at("timing").at("total_s").get<double>(), 2.0);
  EXPECT_FALSE(fs::exists(temporary_name(file.string())));
}

TEST(AtomicFile, AFailedWriteLeavesNoFile)
{
  const fs::path file = scratch("atomic.txt");
  write_file_atomically(file.string(), [](std::ostream &out) { out << "old\n"; });
  EXPECT_THROW(write_file_atomically(file.string(),
                                     [](std::ostream &out) {
                                       out << "half";
                                       throw std::runtime_error("killed");
                                     }),
               std::runtime_error);
  // the previous file is untouched, and no temporary is left behind
  std::ifstream in(file);
  std::string   text;
  std::getline(in, text);
  EXPECT_EQ(text, "old");
  EXPECT_FALSE(fs::exists(temporary_name(file.string())));
  EXPECT_THROW(write_file_atomically("/nonexistent-dir/x.txt", [](std::ostream &) {}),
               std::runtime_error);
  fs::remove_all(file.parent_path());
}



TEST(AtomicFile, ProcessesWritingTheSameFileAtOnceAllSucceed)
{
  // Two processes write the same file 300 times each, as two runs sharing a
  // section-table cache do: every write succeeds and the file is always whole
  // (with one temporary name for both, one process renamed the other's
  // temporary away and failed).
  const fs::path file       = scratch("shared.txt");
  const auto     write_many = [&](const char *text) {
    for (unsigned int k = 0; k < 300; ++k)
      write_file_atomically(file.string(), [&](std::ostream &out) { out << text << '\n'; });
  };
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0)
    {
      int status = 0;
      try
        {
          write_many("child");
        }
      catch (...)
        {
          status = 1;
        }
      _exit(status);
    }
  EXPECT_NO_THROW(write_many("parent"));
  int status = -1;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::ifstream in(file);
  std::string   text;
  std::getline(in, text);
  EXPECT_TRUE(text == "parent" || text == "child") << text;
  fs::remove_all(file.parent_path());
}
