#pragma once
// Runs a shell command and captures its exit code, stdout and stderr.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace needlesim::testing
{
  struct CommandResult
  {
    int         exit_code;
    std::string out, err;
  };

  inline std::string
  read_file(const std::string &path)
  {
    std::ifstream     in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  inline CommandResult
  run_command(const std::string &command)
  {
    const std::string base =
      (std::filesystem::temp_directory_path() / ("needlesim_cmd_" + std::to_string(::getpid())))
        .string();
    const int     status = std::system((command + " >" + base + ".out 2>" + base + ".err").c_str());
    CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                    read_file(base + ".out"),
                    read_file(base + ".err")};
    std::filesystem::remove(base + ".out");
    std::filesystem::remove(base + ".err");
    return r;
  }

  /// Number of lines of a text.
  inline unsigned int
  count_lines(const std::string &text)
  {
    unsigned int n = 0;
    for (const char c : text)
      n += (c == '\n');
    return n;
  }
} // namespace needlesim::testing
