#pragma once
// The one CSV format of needlesim, for every table it writes or reads
// (RFC 4180): comma separated, a header line of column names, a field that
// holds a comma, a double quote, CR or LF is quoted and its quotes doubled.
// Numbers are written in the shortest form that reads back to the same
// double (std::to_chars: independent of the C and C++ locales), non-finite
// ones as nan, inf, -inf. Files are written atomically (output_file.h).

#include "run_results.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlesim
{
  namespace csv
  {
    /// A table of text fields; every row has one field per column.
    struct Table
    {
      std::vector<std::string>              columns;
      std::vector<std::vector<std::string>> rows;
    };

    /// @p x as text, exact on reading back.
    std::string
    number(double x);

    /// The number a whole field holds (nan, inf and -inf included), or none.
    std::optional<double>
    to_number(std::string_view field);

    /// @p text as a field, quoted if it has to be.
    std::string
    field(const std::string &text);

    void
    write(std::ostream &out, const Table &table);

    /// Reads a table; throws std::runtime_error naming @p name and the line
    /// of a malformed record (an unterminated quote, a row whose width is
    /// not the header's).
    Table
    read(std::istream &in, const std::string &name);

    Table
    read_file(const std::string &path);

    /// A curve as a CSV file (columns: its column names).
    void
    write_curve(const std::string &path, const Curve &curve);

    /// A curve from a CSV file of numbers, named by the file's stem; throws
    /// std::runtime_error naming the file, line and column of a field that
    /// is not a number.
    Curve
    read_curve(const std::string &path);
  } // namespace csv
} // namespace needlesim
