#pragma once
// Every output file is written whole or not at all: to a temporary name in
// the same directory, flushed and checked, then renamed over the final name
// (rename is atomic within a file system), so a reader, or a run killed
// mid-write, never leaves half a file under the final name.

#include <functional>
#include <iosfwd>
#include <string>

namespace needlesim
{
  /// Writes @p path through @p write; throws std::runtime_error naming the
  /// file if it cannot be written. The temporary file is removed on failure.
  void
  write_file_atomically(const std::string &path, const std::function<void(std::ostream &)> &write);

  /// The temporary name write_file_atomically uses for @p path (also for
  /// files that other libraries write, e.g. HDF5): "<path>.tmp.<process id>",
  /// so that processes writing the same file at once do not share it.
  std::string
  temporary_name(const std::string &path);

  /// Renames @p temporary over @p path; throws std::runtime_error naming both.
  void
  replace_file(const std::string &temporary, const std::string &path);
} // namespace needlesim
