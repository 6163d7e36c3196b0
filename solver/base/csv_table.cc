#include "csv_table.h"

#include "output_file.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <system_error>

namespace needlesim
{
  namespace csv
  {
    std::string
    number(const double x)
    {
      if (std::isnan(x))
        return "nan";
      if (std::isinf(x))
        return x > 0 ? "inf" : "-inf";
      char buffer[32];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
      return error == std::errc() ? std::string(buffer, end) : "nan";
    }



    std::optional<double>
    to_number(const std::string_view field)
    {
      if (field == "nan" || field == "NaN")
        return std::nan("");
      if (field == "inf")
        return HUGE_VAL;
      if (field == "-inf")
        return -HUGE_VAL;
      // from_chars takes no leading '+'; the C++ streams wrote none either
      double      x     = 0.0;
      const char *first = field.data(), *last = field.data() + field.size();
      const auto [end, error] = std::from_chars(first, last, x);
      if (error != std::errc() || end != last || field.empty())
        return std::nullopt;
      return x;
    }



    std::string
    field(const std::string &text)
    {
      if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
      std::string quoted = "\"";
      for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      return quoted + "\"";
    }



    void
    write(std::ostream &out, const Table &table)
    {
      const auto line = [&out](const std::vector<std::string> &fields) {
        for (std::size_t c = 0; c < fields.size(); ++c)
          out << (c ? "," : "") << field(fields[c]);
        out << '\n';
      };
      line(table.columns);
      for (const auto &row : table.rows)
        line(row);
    }



    namespace
    {
      /// The fields of the record that starts at the next character of
      /// @p in (a quoted field may span lines); false at the end.
      bool
      read_record(std::istream             &in,
                  std::vector<std::string> &fields,
                  unsigned int             &line,
                  const std::string        &name)
      {
        fields.clear();
        if (in.peek() == std::char_traits<char>::eof())
          return false;
        ++line;
        const unsigned int first_line = line;
        std::string        current;
        bool               quoted = false;
        for (int c = in.get();; c = in.get())
          {
            if (c == std::char_traits<char>::eof())
              {
                if (quoted)
                  throw std::runtime_error(name + ", line " + std::to_string(first_line) +
                                           ": a quoted field is not closed");
                break;
              }
            if (quoted)
              {
                if (c == '"' && in.peek() == '"')
                  current += static_cast<char>(in.get());
                else if (c == '"')
                  quoted = false;
                else
                  {
                    line += c == '\n';
                    current += static_cast<char>(c);
                  }
              }
            else if (c == '"')
              quoted = true;
            else if (c == ',')
              {
                fields.push_back(current);
                current.clear();
              }
            else if (c == '\n')
              break;
            else if (c != '\r')
              current += static_cast<char>(c);
          }
        fields.push_back(current);
        return true;
      }
    } // namespace



    Table
    read(std::istream &in, const std::string &name)
    {
      Table                    table;
      unsigned int             line = 0;
      std::vector<std::string> fields;
      if (!read_record(in, table.columns, line, name))
        throw std::runtime_error(name + ": empty, no header line");
      while (read_record(in, fields, line, name))
        {
          if (fields.size() == 1 && fields[0].empty())
            continue; // a blank line
          if (fields.size() != table.columns.size())
            throw std::runtime_error(name + ", line " + std::to_string(line) + ": " +
                                     std::to_string(fields.size()) + " fields, the header has " +
                                     std::to_string(table.columns.size()));
          table.rows.push_back(fields);
        }
      return table;
    }



    Table
    read_file(const std::string &path)
    {
      std::ifstream in(path, std::ios::binary);
      if (!in)
        throw std::runtime_error("cannot open " + path);
      return read(in, path);
    }



    void
    write_curve(const std::string &path, const Curve &curve)
    {
      Table table{curve.columns, {}};
      for (const auto &row : curve.rows)
        {
          std::vector<std::string> fields;
          for (const double x : row)
            fields.push_back(number(x));
          table.rows.push_back(std::move(fields));
        }
      write_file_atomically(path, [&](std::ostream &out) { write(out, table); });
    }



    Curve
    read_curve(const std::string &path)
    {
      const Table table = read_file(path);
      Curve       curve{std::filesystem::path(path).stem().string(), table.columns, {}};
      for (std::size_t r = 0; r < table.rows.size(); ++r)
        {
          std::vector<double> row;
          for (std::size_t c = 0; c < table.columns.size(); ++c)
            {
              const std::optional<double> x = to_number(table.rows[r][c]);
              if (!x)
                throw std::runtime_error(path + ", row " + std::to_string(r + 1) + ", column " +
                                         table.columns[c] + ": \"" + table.rows[r][c] +
                                         "\" is not a number");
              row.push_back(*x);
            }
          curve.rows.push_back(std::move(row));
        }
      return curve;
    }
  } // namespace csv
} // namespace needlesim
