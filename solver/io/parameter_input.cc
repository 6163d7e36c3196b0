#include "parameter_input.h"

#include <deal.II/base/exceptions.h>


#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

namespace needlesim
{
  namespace
  {
    std::vector<std::string>
    split_path(const std::string &path)
    {
      std::vector<std::string> parts;
      std::stringstream        ss(path);
      std::string              part;
      while (std::getline(ss, part, '/'))
        parts.push_back(part);
      return parts;
    }

    std::string
    trim(const std::string &s)
    {
      const auto b = s.find_first_not_of(" \t\r");
      if (b == std::string::npos)
        return "";
      const auto e = s.find_last_not_of(" \t\r");
      return s.substr(b, e - b + 1);
    }

    std::string
    unit_of(const std::string &documentation)
    {
      static const std::regex unit(R"(^\[([^\]]*)\])");
      std::smatch             m;
      if (std::regex_search(documentation, m, unit) && m[1] != "-")
        return " " + m[1].str();
      return "";
    }

    std::string
    describe_pattern(const std::string &pattern, const std::string &unit)
    {
      static const std::regex real(R"(\[Double (\S+)\.\.\.(\S+) \(inclusive\)\])");
      static const std::regex integer(R"(\[Integer range (\S+)\.\.\.(\S+) \(inclusive\)\])");
      static const std::regex selection(R"(\[Selection (.*) \])");
      static const std::regex list(R"(\[List of <(.*)> of length.*)");
      std::smatch             m;
      if (std::regex_search(pattern, m, list))
        return "a comma-separated list, each " + describe_pattern(m[1].str(), unit);
      if (std::regex_search(pattern, m, real))
        return "a number in [" + m[1].str() + ", " + m[2].str() + "]" + unit;
      if (std::regex_search(pattern, m, integer))
        return "an integer in [" + m[1].str() + ", " + m[2].str() + "]" + unit;
      if (std::regex_search(pattern, m, selection))
        {
          std::string options = m[1].str();
          std::replace(options.begin(), options.end(), '|', ',');
          return "one of: " + std::regex_replace(options, std::regex(","), ", ");
        }
      if (pattern.find("[Bool]") != std::string::npos)
        return "true or false";
      return pattern;
    }
  } // namespace



  ParameterCatalog::ParameterCatalog(const dealii::ParameterHandler &prm)
  {
    std::stringstream json;
    prm.print_parameters(json, dealii::ParameterHandler::JSON);
    tree = nlohmann::ordered_json::parse(json.str());
  }



  const nlohmann::ordered_json *
  ParameterCatalog::node(const std::string &path) const
  {
    const nlohmann::ordered_json *here = &tree;
    for (const std::string &name : split_path(path))
      {
        if (!here->is_object())
          return nullptr;
        const auto it = here->find(name);
        if (it == here->end())
          return nullptr;
        here = &*it;
      }
    return here;
  }



  namespace
  {
    /// A text member of a catalog node ("" if it has none).
    std::string
    text_of(const nlohmann::ordered_json &node, const char *member)
    {
      const auto it = node.find(member);
      return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
    }
  } // namespace



  bool
  ParameterCatalog::is_entry(const std::string &path) const
  {
    const nlohmann::ordered_json *n = node(path);
    return n && n->is_object() && n->contains("pattern_description");
  }



  bool
  ParameterCatalog::is_subsection(const std::string &path) const
  {
    const nlohmann::ordered_json *n = node(path);
    return n && n->is_object() && !n->contains("pattern_description");
  }



  std::string
  ParameterCatalog::documentation(const std::string &path) const
  {
    return text_of(*node(path), "documentation");
  }



  std::string
  ParameterCatalog::pattern(const std::string &path) const
  {
    return text_of(*node(path), "pattern_description");
  }



  std::string
  ParameterCatalog::allowed_values(const std::string &path) const
  {
    const nlohmann::ordered_json &n       = *node(path);
    const std::string             doc     = text_of(n, "documentation");
    const std::string             pattern = text_of(n, "pattern_description");
    if (pattern.find("[Anything]") != std::string::npos)
      {
        // Free-form entries state what they accept after "Allowed: ".
        const auto pos = doc.find("Allowed: ");
        return pos == std::string::npos ? doc : doc.substr(pos + 9);
      }
    return describe_pattern(pattern, unit_of(doc));
  }



  std::vector<std::string>
  ParameterCatalog::children(const std::string &subsection_path) const
  {
    std::vector<std::string> names;
    for (const auto &[name, child] : node(subsection_path)->items())
      names.push_back(name);
    return names;
  }



  void
  ParameterCatalog::print_reference(std::ostream &out) const
  {
    std::function<void(const std::string &, unsigned int)> print = [&](const std::string &section,
                                                                       const unsigned int depth) {
      const std::string indent(2 * depth, ' ');
      for (const std::string &name : children(section))
        {
          const std::string path = section.empty() ? name : section + "/" + name;
          if (is_entry(path))
            {
              out << indent << "# " << documentation(path) << "\n"
                  << indent << "#   allowed: " << allowed_values(path) << "\n"
                  << indent << "set " << name << " = " << text_of(*node(path), "value") << "\n\n";
            }
          else
            {
              out << indent << "subsection " << name << "\n";
              print(path, depth + 1);
              out << indent << "end\n\n";
            }
        }
    };
    out << "# needlesim scenario parameters (units: mm, N, MPa, s)\n\n";
    print("", 0);
  }



  namespace
  {
    std::vector<ParameterAssignment>
    read_file(const std::string &filename, std::vector<std::string> &include_chain);
    std::vector<ParameterAssignment>
    read_one_file(const std::string &filename, std::vector<std::string> &include_chain);

    std::vector<ParameterAssignment>
    read_prm(std::istream &in, const std::string &filename, std::vector<std::string> &include_chain)
    {
      std::vector<ParameterAssignment> result;
      std::vector<std::string>         sections;
      std::string                      raw;
      unsigned int                     line_number = 0;
      while (std::getline(in, raw))
        {
          ++line_number;
          const unsigned int first_line = line_number;
          while (!raw.empty() && raw.back() == '\\' && in)
            {
              std::string more;
              std::getline(in, more);
              ++line_number;
              raw = raw.substr(0, raw.size() - 1) + more;
            }
          const std::string line = trim(raw.substr(0, raw.find('#')));
          if (line.empty())
            continue;
          const std::string where = filename + ":" + std::to_string(first_line);
          if (line.rfind("subsection ", 0) == 0)
            sections.push_back(trim(line.substr(11)));
          else if (line == "end")
            {
              if (sections.empty())
                throw InputError("(" + where + ")",
                                 line,
                                 "'end' only after a 'subsection'",
                                 "unbalanced 'end'");
              sections.pop_back();
            }
          else if (line.rfind("include ", 0) == 0)
            {
              if (!sections.empty())
                throw InputError("(" + where + ")",
                                 line,
                                 "'include' outside any subsection",
                                 "include inside a subsection");
              std::filesystem::path included = trim(line.substr(8));
              if (included.is_relative())
                included = std::filesystem::path(filename).parent_path() / included;
              for (ParameterAssignment &a : read_file(included.string(), include_chain))
                result.push_back(a);
            }
          else if (line.rfind("set ", 0) == 0)
            {
              const auto eq = line.find('=');
              if (eq == std::string::npos)
                throw InputError("(" + where + ")", line, "'set <name> = <value>'", "missing '='");
              std::string path;
              for (const std::string &s : sections)
                path += s + "/";
              path += trim(line.substr(4, eq - 4));
              result.push_back({path, trim(line.substr(eq + 1)), filename, first_line});
            }
          else
            throw InputError("(" + where + ")",
                             line,
                             "'subsection <name>', 'set <name> = <value>', 'end', "
                             "'include <file>' or a # comment",
                             "cannot read this line");
        }
      if (!sections.empty())
        throw InputError("(" + filename + ")",
                         "subsection " + sections.back(),
                         "every 'subsection' closed by an 'end'",
                         "missing 'end'");
      return result;
    }

    /// The text of a JSON scenario value, as a .prm file would have it.
    std::string
    json_text(const nlohmann::json &value, const std::string &path, const std::string &filename)
    {
      if (value.is_string())
        return value.get<std::string>();
      if (value.is_boolean() || value.is_number())
        return value.dump();
      throw InputError(path,
                       value.dump(),
                       "a number, true/false or a text (in " + filename + ")",
                       std::string("a JSON ") + value.type_name() + " is not a parameter value");
    }

    void
    flatten_json(const nlohmann::json             &node,
                 const std::string                &prefix,
                 const std::string                &filename,
                 std::vector<ParameterAssignment> &result)
    {
      for (const auto &[name, child] : node.items())
        {
          const std::string path = prefix.empty() ? name : prefix + "/" + name;
          if (!child.is_object())
            result.push_back({path, json_text(child, path, filename), filename, 0});
          else if (child.contains("value") && !child["value"].is_object())
            // the long form written by --print-parameters=json
            result.push_back({path, json_text(child["value"], path, filename), filename, 0});
          else
            flatten_json(child, path, filename, result);
        }
    }
  } // namespace



  std::vector<ParameterAssignment>
  read_parameter_file(const std::string &filename)
  {
    std::vector<std::string> include_chain;
    return read_file(filename, include_chain);
  }



  namespace
  {
    /// Reads @p filename, which @p include_chain (the files being read, the
    /// outermost first) includes: a file that includes itself, directly or
    /// through others, is an error, not an endless recursion.
    std::vector<ParameterAssignment>
    read_file(const std::string &filename, std::vector<std::string> &include_chain)
    {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(filename, ec))
        throw InputError("scenario file",
                         filename,
                         "a readable .prm or .json file",
                         std::filesystem::exists(filename, ec) ?
                           "cannot be opened: not a regular file" :
                           "cannot be opened: it does not exist");
      const std::string canonical = std::filesystem::canonical(filename, ec).string();
      if (std::find(include_chain.begin(), include_chain.end(), canonical) != include_chain.end())
        {
          std::string cycle;
          for (const std::string &f : include_chain)
            cycle += f + " -> ";
          throw InputError("include",
                           filename,
                           "a file not already being read",
                           "an include cycle: " + cycle + canonical);
        }
      include_chain.push_back(canonical);
      std::vector<ParameterAssignment> result = read_one_file(filename, include_chain);
      include_chain.pop_back();
      return result;
    }



    std::vector<ParameterAssignment>
    read_one_file(const std::string &filename, std::vector<std::string> &include_chain)
    {
      std::ifstream in(filename);
      if (!in)
        throw InputError("scenario file",
                         filename,
                         "a readable .prm or .json file",
                         "cannot be opened");
      std::stringstream content;
      content << in.rdbuf();
      const auto empty_file = [&filename]() {
        return InputError("scenario file",
                          filename,
                          "a .prm or .json file with at least one parameter "
                          "(see needlesim --print-parameters)",
                          "the file is empty");
      };

      const bool is_json = filename.size() > 5 && filename.substr(filename.size() - 5) == ".json";
      if (!is_json)
        {
          std::vector<ParameterAssignment> result = read_prm(content, filename, include_chain);
          if (result.empty())
            throw empty_file();
          return result;
        }
      if (content.str().find_first_not_of(" \t\r\n") == std::string::npos)
        throw empty_file();

      nlohmann::json tree;
      try
        {
          tree = nlohmann::json::parse(content.str());
        }
      catch (const nlohmann::json::parse_error &e)
        {
          // e.what(): "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
          const std::string what = e.what();
          const auto        at   = what.find("parse error");
          throw InputError("scenario file",
                           filename,
                           "valid JSON",
                           at == std::string::npos ? what : what.substr(at));
        }
      if (!tree.is_object())
        throw InputError("scenario file",
                         filename,
                         "a JSON object of subsections and values",
                         std::string("the file holds a JSON ") + tree.type_name());
      std::vector<ParameterAssignment> result;
      flatten_json(tree, "", filename, result);
      return result;
    }
  } // namespace



  void
  apply_assignments(dealii::ParameterHandler               &prm,
                    const std::vector<ParameterAssignment> &assignments)
  {
    const ParameterCatalog catalog(prm);
    for (const ParameterAssignment &a : assignments)
      {
        const std::string where =
          a.line > 0 ? " (" + a.file + ":" + std::to_string(a.line) + ")" : " (" + a.file + ")";
        if (!catalog.is_entry(a.path))
          {
            std::vector<std::string> parts = split_path(a.path);
            parts.pop_back();
            std::string parent;
            for (const std::string &p : parts)
              parent += (parent.empty() ? "" : "/") + p;
            if (!catalog.is_subsection(parent))
              throw InputError(a.path + where,
                               a.value,
                               "the sections listed by needlesim --print-parameters",
                               "unknown section '" + parent + "'");
            std::string known;
            for (const std::string &c : catalog.children(parent))
              known += (known.empty() ? "" : ", ") + c;
            throw InputError(a.path + where,
                             a.value,
                             "in '" + (parent.empty() ? std::string("(top level)") : parent) +
                               "': " + known,
                             "unknown parameter");
          }

        const std::vector<std::string> parts = split_path(a.path);
        for (unsigned int i = 0; i + 1 < parts.size(); ++i)
          prm.enter_subsection(parts[i]);
        try
          {
            prm.set(parts.back(), a.value);
          }
        catch (const dealii::ExceptionBase &)
          {
            for (unsigned int i = 0; i + 1 < parts.size(); ++i)
              prm.leave_subsection();
            throw InputError(a.path + where,
                             a.value,
                             catalog.allowed_values(a.path),
                             "value not allowed");
          }
        for (unsigned int i = 0; i + 1 < parts.size(); ++i)
          prm.leave_subsection();
        // deal.II's pattern takes a number that strtod reads only with a
        // range error (1e-320, 1e999), and the bound value would be 0 or inf
        if (catalog.pattern(a.path).rfind("[Double", 0) == 0)
          {
            errno            = 0;
            char        *end = nullptr;
            const double x   = std::strtod(a.value.c_str(), &end);
            if (errno == ERANGE || !std::isfinite(x))
              throw InputError(a.path + where,
                               a.value,
                               catalog.allowed_values(a.path),
                               "not a representable number (under- or overflow)");
          }
      }
  }
} // namespace needlesim
