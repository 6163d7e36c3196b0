#include "run_results.h"

#include "version.h"

#include <deal.II/base/hdf5.h>
#include <deal.II/lac/full_matrix.h>

#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace needlesim
{
  double
  RunResults::number(const std::string &name) const
  {
    for (const auto &[key, value] : numbers)
      if (key == name)
        return value;
    throw std::out_of_range("no result named " + name);
  }



  const Curve &
  RunResults::curve(const std::string &name) const
  {
    for (const Curve &c : curves)
      if (c.name == name)
        return c;
    throw std::out_of_range("no curve named " + name);
  }



  namespace
  {
    std::string
    json_escape(const std::string &s)
    {
      std::string out;
      for (const char c : s)
        switch (c)
          {
            case '"':
              out += "\\\"";
              break;
            case '\\':
              out += "\\\\";
              break;
            case '\n':
              out += "\\n";
              break;
            default:
              out += c;
          }
      return out;
    }

    std::string
    json_number(const double x)
    {
      if (!std::isfinite(x))
        return "null";
      std::ostringstream s;
      s << std::setprecision(std::numeric_limits<double>::max_digits10) << x;
      return s.str();
    }
  } // namespace



  void
  RunResults::add(const std::string &name, const double value)
  {
    numbers.emplace_back(name, value);
  }



  void
  RunResults::add_text(const std::string &name, const std::string &value)
  {
    texts.emplace_back(name, value);
  }



  void
  RunResults::add_curve(const Curve &curve)
  {
    curves.push_back(curve);
  }



  void
  RunResults::add_block(const std::string                           &name,
                        std::vector<std::pair<std::string, double>> entries)
  {
    blocks.emplace_back(name, std::move(entries));
  }



  void
  RunResults::write_summary_json(const std::string &path) const
  {
    std::ofstream out(path);
    out << "{\n";
    out << "  \"needlesim_version\": \"" << version() << "\",\n";
    out << "  \"git_revision\": \"" << git_revision() << "\"";
    for (const auto &[key, value] : texts)
      out << ",\n  \"" << json_escape(key) << "\": \"" << json_escape(value) << "\"";
    for (const auto &[key, value] : numbers)
      out << ",\n  \"" << json_escape(key) << "\": " << json_number(value);
    for (const auto &[name, entries] : blocks)
      {
        out << ",\n  \"" << json_escape(name) << "\": {";
        for (unsigned int i = 0; i < entries.size(); ++i)
          out << (i ? "," : "") << "\n    \"" << json_escape(entries[i].first)
              << "\": " << json_number(entries[i].second);
        out << "\n  }";
      }
    out << "\n}\n";
    if (!out)
      throw std::runtime_error("could not write " + path);
  }



  void
  RunResults::write_csv(const std::string &directory) const
  {
    for (const Curve &curve : curves)
      {
        std::ofstream out(directory + "/" + curve.name + ".csv");
        for (unsigned int c = 0; c < curve.columns.size(); ++c)
          out << (c ? "," : "") << curve.columns[c];
        out << "\n" << std::setprecision(std::numeric_limits<double>::max_digits10);
        for (const auto &row : curve.rows)
          {
            for (unsigned int c = 0; c < row.size(); ++c)
              out << (c ? "," : "") << row[c];
            out << "\n";
          }
        if (!out)
          throw std::runtime_error("could not write " + curve.name + ".csv");
      }
  }



  void
  RunResults::write_hdf5(const std::string &path,
                         const std::string &parameters_prm,
                         const std::string &parameters_json) const
  {
    using namespace dealii;
    HDF5::File file(path, HDF5::File::FileAccessMode::create);
    file.set_attribute("needlesim_version", std::string(version()));
    file.set_attribute("git_revision", std::string(git_revision()));
    file.set_attribute("units", std::string("mm, N, MPa, s"));

    HDF5::Group parameters = file.create_group("parameters");
    parameters.set_attribute("prm", parameters_prm);
    parameters.set_attribute("json", parameters_json);

    // Scalars as attributes of /summary (h5py: dict(f['summary'].attrs)).
    HDF5::Group summary = file.create_group("summary");
    for (const auto &[key, value] : texts)
      summary.set_attribute(key, value);
    for (const auto &[key, value] : numbers)
      summary.set_attribute(key, value);

    // Blocks as groups with their scalars as attributes.
    for (const auto &[name, entries] : blocks)
      {
        HDF5::Group group = file.create_group(name);
        for (const auto &[key, value] : entries)
          group.set_attribute(key, value);
      }

    // Curves as 2-d datasets with their column names as an attribute.
    HDF5::Group curve_group = file.create_group("curves");
    for (const Curve &curve : curves)
      {
        if (curve.rows.empty())
          continue;
        FullMatrix<double> data(curve.rows.size(), curve.columns.size());
        for (unsigned int r = 0; r < curve.rows.size(); ++r)
          for (unsigned int c = 0; c < curve.columns.size(); ++c)
            data(r, c) = curve.rows[r][c];
        auto dataset = curve_group.create_dataset<double>(
          curve.name, {static_cast<hsize_t>(data.m()), static_cast<hsize_t>(data.n())});
        dataset.write(data);
        std::string columns;
        for (const std::string &c : curve.columns)
          columns += (columns.empty() ? "" : ",") + c;
        dataset.set_attribute("columns", columns);
      }
  }
} // namespace needlesim
