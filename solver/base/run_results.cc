#include "run_results.h"

#include "csv_table.h"
#include "output_file.h"
#include "version.h"

#include <deal.II/base/hdf5.h>
#include <deal.II/lac/full_matrix.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace needlesim
{
  std::size_t
  Curve::column(const std::string &column_name) const
  {
    const auto it = std::find(columns.begin(), columns.end(), column_name);
    if (it == columns.end())
      throw std::runtime_error(name + ": no column " + column_name);
    return static_cast<std::size_t>(it - columns.begin());
  }



  double
  Curve::last(const std::string &column_name) const
  {
    return rows.back().at(column(column_name));
  }



  double
  RunResults::number(const std::string &name) const
  {
    for (const auto &[key, value] : numbers)
      if (key == name)
        return value;
    throw std::out_of_range("no result named " + name);
  }



  std::optional<double>
  RunResults::find(const std::string &name) const
  {
    for (const auto &[key, value] : numbers)
      if (key == name)
        return value;
    return std::nullopt;
  }



  std::string
  RunResults::text(const std::string &name) const
  {
    for (const auto &[key, value] : texts)
      if (key == name)
        return value;
    return "";
  }



  void
  RunResults::set_text(const std::string &name, const std::string &value)
  {
    for (auto &[key, old] : texts)
      if (key == name)
        {
          old = value;
          return;
        }
    texts.emplace_back(name, value);
  }



  const Curve &
  RunResults::curve(const std::string &name) const
  {
    for (const Curve &c : curves)
      if (c.name == name)
        return c;
    throw std::out_of_range("no curve named " + name);
  }



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
  RunResults::add_block(const std::string                          &name,
                        std::vector<std::pair<std::string, double>> entries)
  {
    blocks.emplace_back(name, std::move(entries));
  }



  void
  RunResults::write_summary_json(const std::string &path) const
  {
    // insertion order kept; a non-finite number is written as null
    nlohmann::ordered_json summary;
    summary["needlesim_version"] = version();
    summary["git_revision"]      = git_revision();
    for (const auto &[key, value] : texts)
      summary[key] = value;
    for (const auto &[key, value] : numbers)
      summary[key] = value;
    for (const auto &[name, entries] : blocks)
      {
        nlohmann::ordered_json block = nlohmann::ordered_json::object();
        for (const auto &[key, value] : entries)
          block[key] = value;
        summary[name] = block;
      }
    write_file_atomically(
      path,
      [&](std::ostream &out) { // invalid UTF-8 (a path with binary bytes) replaced, never a throw
        out << summary.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
      });
  }



  void
  RunResults::write_csv(const std::string &directory) const
  {
    for (const Curve &curve : curves)
      csv::write_curve(directory + "/" + curve.name + ".csv", curve);
  }



  void
  RunResults::write_hdf5(const std::string &path,
                         const std::string &parameters_prm,
                         const std::string &parameters_json) const
  {
    using namespace dealii;
    const std::string temporary = temporary_name(path);
    {
      HDF5::File file(temporary, HDF5::File::FileAccessMode::create);
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
          auto dataset = curve_group.create_dataset<double>(curve.name,
                                                            {static_cast<hsize_t>(data.m()),
                                                             static_cast<hsize_t>(data.n())});
          dataset.write(data);
          std::string columns;
          for (const std::string &c : curve.columns)
            columns += (columns.empty() ? "" : ",") + c;
          dataset.set_attribute("columns", columns);
        }
    } // the file is closed here
    replace_file(temporary, path);
  }
} // namespace needlesim
