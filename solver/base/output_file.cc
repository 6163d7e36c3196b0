#include "output_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace needlesim
{
  std::string
  temporary_name(const std::string &path)
  {
    // one per process: two runs that write the same file of a shared cache
    // (a section table) at once each rename their own temporary over it
    return path + ".tmp." + std::to_string(::getpid());
  }



  void
  replace_file(const std::string &temporary, const std::string &path)
  {
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec)
      {
        std::filesystem::remove(temporary, ec);
        throw std::runtime_error("could not move " + temporary + " to " + path + ": " +
                                 ec.message());
      }
  }



  void
  write_file_atomically(const std::string &path, const std::function<void(std::ostream &)> &write)
  {
    const std::string temporary = temporary_name(path);
    bool              written   = false;
    try
      {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (out)
          {
            write(out);
            out.flush();
          }
        written = static_cast<bool>(out);
      }
    catch (...)
      {
        std::remove(temporary.c_str());
        throw;
      }
    if (!written)
      {
        std::remove(temporary.c_str());
        throw std::runtime_error("could not write " + path);
      }
    replace_file(temporary, path);
  }
} // namespace needlesim
