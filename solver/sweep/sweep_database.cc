#include "sweep_database.h"

#include "csv_table.h"
#include "hdf5_handle.h"
#include "output_file.h"
#include "version.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>

namespace needlesim
{
  namespace fs = std::filesystem;

  namespace
  {
    std::string
    file_text(const std::string &path)
    {
      std::ifstream      in(path);
      std::ostringstream s;
      s << in.rdbuf();
      return s.str();
    }

  } // namespace



  namespace SweepJournal
  {
    std::string
    open(const SweepDesign &design, const std::string &dir)
    {
      std::error_code ec;
      fs::create_directories(dir + "/points", ec);
      if (ec)
        return ec.message();
      const std::string design_file = dir + "/design.csv";
      if (fs::exists(design_file))
        {
          if (file_text(design_file) != design.design_csv())
            return "it holds the results of a different sweep (design.csv differs); "
                   "choose another directory with -o";
        }
      else
        {
          write_file_atomically(design_file,
                                [&](std::ostream &out) { out << design.design_csv(); });
        }
      fs::copy_file(design.settings().sweep_file,
                    dir + "/sweep.prm",
                    fs::copy_options::overwrite_existing,
                    ec);
      return ec ? ec.message() : "";
    }



    std::string
    point_directory(const std::string &sweep_directory, const unsigned int point)
    {
      std::ostringstream name;
      name << sweep_directory << "/points/" << std::setw(5) << std::setfill('0') << point;
      return name.str();
    }



    bool
    is_finished(const std::string &sweep_directory, const unsigned int point)
    {
      const std::string d = point_directory(sweep_directory, point);
      return fs::exists(d + "/point.json") || fs::exists(d + ".failed/point.json");
    }



    unsigned int
    n_finished(const std::string &sweep_directory, const unsigned int n_points)
    {
      unsigned int n = 0;
      for (unsigned int i = 0; i < n_points; ++i)
        n += is_finished(sweep_directory, i);
      return n;
    }



    void
    write_record(const std::string &staging, const SweepPointRecord &record)
    {
      RunResults r;
      r.add_text("status", record.status);
      r.add_text("reason", record.reason);
      r.add("wall_time_s", record.wall_time);
      r.write_summary_json(staging + "/point.json");
    }
  } // namespace SweepJournal



  namespace
  {
    /// A summary.json value: a number (null reads as NaN) or a text.
    struct JsonValue
    {
      bool        is_number;
      double      number;
      std::string text;
    };

    /// A swept parameter's value as written: a number if the whole text
    /// reads as one.
    JsonValue
    parse_value(const std::string &text)
    {
      const std::optional<double> x = csv::to_number(text);
      return x ? JsonValue{true, *x, text} : JsonValue{false, 0.0, text};
    }

    /// The top-level values of a summary.json or point.json; nested
    /// objects (the timing of the run) are not table columns.
    std::vector<std::pair<std::string, JsonValue>>
    read_flat_json(const std::string &path)
    {
      std::ifstream in(path);
      if (!in)
        throw std::runtime_error("cannot open " + path);
      nlohmann::ordered_json json;
      try
        {
          json = nlohmann::ordered_json::parse(in);
        }
      catch (const nlohmann::json::exception &e)
        {
          throw std::runtime_error(path + ": " + e.what());
        }
      std::vector<std::pair<std::string, JsonValue>> result;
      for (const auto &[key, value] : json.items())
        if (value.is_null())
          result.emplace_back(key, JsonValue{true, std::nan(""), "nan"});
        else if (value.is_number())
          result.emplace_back(key, JsonValue{true, value.get<double>(), value.dump()});
        else if (value.is_string())
          result.emplace_back(key, JsonValue{false, 0.0, value.get<std::string>()});
        else if (value.is_boolean())
          result.emplace_back(key, JsonValue{false, 0.0, value.dump()});
      return result;
    }

    /// One column of the table: numbers (NaN where a point has none) or texts.
    struct Column
    {
      std::string              name;
      bool                     numeric = true;
      std::vector<double>      numbers;
      std::vector<std::string> texts;
    };

    class Table
    {
    public:
      explicit Table(const unsigned int n_rows_)
        : n_rows(n_rows_)
      {}
      void
      set(const std::string &name, const unsigned int row, const JsonValue &value)
      {
        auto it = index.find(name);
        if (it == index.end())
          {
            it = index.emplace(name, columns.size()).first;
            columns.push_back({name,
                               value.is_number,
                               std::vector<double>(n_rows, std::nan("")),
                               std::vector<std::string>(n_rows)});
          }
        Column &c = columns[it->second];
        if (!value.is_number && c.numeric)
          {
            c.numeric = false; // a column with any text is a text column
          }
        c.numbers[row] = value.is_number ? value.number : std::nan("");
        c.texts[row]   = value.text; // as written by the point: no digits invented
      }
      const std::vector<Column> &
      all() const
      {
        return columns;
      }

    private:
      unsigned int                        n_rows;
      std::vector<Column>                 columns;
      std::map<std::string, unsigned int> index;
    };

    // ------------------------------------------------------------------
    // HDF5 (C API: deal.II's wrapper has no string datasets).

    void
    check(const herr_t status, const std::string &what)
    {
      if (status < 0)
        throw std::runtime_error("HDF5: could not write " + what);
    }

    Hdf5Handle
    utf8_string_type()
    {
      Hdf5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
      check(H5Tset_size(type, H5T_VARIABLE), "string type");
      check(H5Tset_cset(type, H5T_CSET_UTF8), "string type");
      return type;
    }

    void
    write_text_attribute(const hid_t object, const std::string &name, const std::string &value)
    {
      const Hdf5Handle type = utf8_string_type();
      const Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create a dataspace");
      const Hdf5Handle attr(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                            H5Aclose,
                            "create attribute " + name);
      const char      *data = value.c_str();
      check(H5Awrite(attr, type, &data), "attribute " + name);
    }

    void
    write_numbers(const hid_t                 group,
                  const std::string          &name,
                  const std::vector<double>  &data,
                  const std::vector<hsize_t> &shape)
    {
      const Hdf5Handle space(H5Screate_simple(shape.size(), shape.data(), nullptr),
                             H5Sclose,
                             "create a dataspace");
      const Hdf5Handle set(
        H5Dcreate2(
          group, name.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose,
        "create dataset " + name);
      if (!data.empty())
        check(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), name);
    }

    void
    write_texts(const hid_t group, const std::string &name, const std::vector<std::string> &data)
    {
      const hsize_t    n    = data.size();
      const Hdf5Handle type = utf8_string_type();
      const Hdf5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create a dataspace");
      const Hdf5Handle set(
        H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose,
        "create dataset " + name);
      std::vector<const char *> pointers;
      for (const std::string &s : data)
        pointers.push_back(s.c_str());
      if (n > 0)
        check(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), name);
    }

    std::string
    joined(const std::vector<std::string> &items)
    {
      std::string s;
      for (const std::string &i : items)
        s += (s.empty() ? "" : ",") + i;
      return s;
    }

    /// The table as written by the points (texts: no digits invented).
    void
    write_csv(const std::string &path, const std::vector<Column> &columns, const unsigned int n)
    {
      csv::Table table;
      for (const Column &c : columns)
        table.columns.push_back(c.name);
      for (unsigned int r = 0; r < n; ++r)
        {
          table.rows.emplace_back();
          for (const Column &c : columns)
            table.rows.back().push_back(c.texts[r]);
        }
      write_file_atomically(path, [&](std::ostream &out) { csv::write(out, table); });
    }
  } // namespace



  double
  SweepJournal::mean_wall_time(const std::string &sweep_directory, const unsigned int n_points)
  {
    double       sum = 0.0;
    unsigned int n   = 0;
    for (unsigned int i = 0; i < n_points; ++i)
      {
        const std::string record = point_directory(sweep_directory, i) + "/point.json";
        if (fs::exists(record))
          for (const auto &[key, value] : read_flat_json(record))
            if (key == "wall_time_s" && value.is_number)
              {
                sum += value.number;
                ++n;
              }
      }
    return n > 0 ? sum / n : 0.0;
  }



  namespace
  {
    /// The finished points in index order: their table rows and curves.
    struct FinishedPoints
    {
      std::vector<unsigned int>       points;
      Table                           table;
      std::vector<std::vector<Curve>> curves;
    };

    FinishedPoints
    finished_points(const SweepDesign &design, const std::string &dir)
    {
      const SweepSettings      &s = design.settings();
      std::vector<unsigned int> points;
      for (unsigned int i = 0; i < design.n_points(); ++i)
        if (SweepJournal::is_finished(dir, i))
          points.push_back(i);
      const unsigned int n = points.size();
      FinishedPoints     f{points, Table(n), std::vector<std::vector<Curve>>(n)};
      for (unsigned int r = 0; r < n; ++r)
        {
          const unsigned int i = points[r];
          f.table.set("point", r, {true, double(i), std::to_string(i)});
          for (unsigned int j = 0; j < s.parameters.size(); ++j)
            f.table.set(s.parameters[j].column(), r, parse_value(design.point(i)[j]));
          const std::string ok     = SweepJournal::point_directory(dir, i);
          const bool        ok_run = fs::exists(ok + "/point.json");
          const std::string here   = ok_run ? ok : ok + ".failed";
          for (const auto &[key, value] : read_flat_json(here + "/point.json"))
            if (key == "status" || key == "reason" || key == "wall_time_s")
              f.table.set(key, r, value);
          if (!ok_run)
            continue;
          // the point's status and wall time come from point.json
          for (const auto &[key, value] : read_flat_json(here + "/summary.json"))
            if (key != "status" && key != "wall_time_s" && key != "peak_memory_per_rank_MB")
              f.table.set(key, r, value);
          for (const auto &entry : fs::directory_iterator(here))
            if (entry.path().extension() == ".csv")
              f.curves[r].push_back(csv::read_curve(entry.path().string()));
          std::sort(f.curves[r].begin(), f.curves[r].end(), [](const Curve &a, const Curve &b) {
            return a.name < b.name;
          });
        }
      return f;
    }

    /// The group "points" of results.h5: each finished point's curves.
    void
    write_point_curves(const Hdf5Handle &file, const FinishedPoints &f, const std::string &dir)
    {
      const Hdf5Handle points(H5Gcreate2(file, "points", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                              H5Gclose,
                              "create group points");
      for (unsigned int r = 0; r < f.points.size(); ++r)
        {
          const std::string name =
            fs::path(SweepJournal::point_directory(dir, f.points[r])).filename();
          const Hdf5Handle group(
            H5Gcreate2(points, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
            H5Gclose,
            "create group " + name);
          for (const Curve &curve : f.curves[r])
            {
              std::vector<double> data;
              for (const auto &row : curve.rows)
                data.insert(data.end(), row.begin(), row.end());
              write_numbers(group,
                            curve.name,
                            data,
                            {hsize_t(curve.rows.size()), hsize_t(curve.columns.size())});
              const Hdf5Handle set(H5Dopen2(group, curve.name.c_str(), H5P_DEFAULT),
                                   H5Dclose,
                                   "open dataset " + curve.name);
              write_text_attribute(set, "columns", joined(curve.columns));
            }
        }
    }
  } // namespace



  unsigned int
  write_sweep_tables(const SweepDesign &design, const std::string &dir)
  {
    const SweepSettings &s = design.settings();

    // 1. the rows: finished points in index order
    const FinishedPoints f = finished_points(design, dir);
    const unsigned int   n = f.points.size();

    // 2. sweep.csv
    std::vector<std::string> names;
    for (const Column &c : f.table.all())
      names.push_back(c.name);
    write_csv(dir + "/sweep.csv", f.table.all(), n);

    // 3. results.h5
    const std::string tmp = temporary_name(dir + "/results.h5");
    {
      Hdf5Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                      H5Fclose,
                      "create " + tmp);
      write_text_attribute(file, "needlesim_version", version());
      write_text_attribute(file, "git_revision", git_revision());
      write_text_attribute(file, "units", "mm, N, MPa, s (days in treatment protocols)");
      write_text_attribute(file, "base_scenario", s.base_scenario);
      write_text_attribute(file,
                           "base_parameters",
                           Scenario::from_file(s.base_scenario).parameters_prm);
      write_text_attribute(file, "sweep_file", s.sweep_file);
      write_text_attribute(file, "sweep_definition", file_text(s.sweep_file));
      write_text_attribute(file, "design", design.design_csv());
      {
        const Hdf5Handle table_group(
          H5Gcreate2(file, "table", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
          H5Gclose,
          "create group table");
        write_text_attribute(table_group, "columns", joined(names));
        for (const Column &c : f.table.all())
          if (c.numeric)
            write_numbers(table_group, c.name, c.numbers, {n});
          else
            write_texts(table_group, c.name, c.texts);
      }
      write_point_curves(file, f, dir);
      file.close(tmp);
    }
    replace_file(tmp, dir + "/results.h5");
    return n;
  }
} // namespace needlesim
