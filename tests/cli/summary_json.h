#pragma once
// A run's summary.json, read with nlohmann-json as every JSON needlesim
// writes or reads.

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

class Summary
{
public:
  explicit Summary(const std::string &path)
  {
    std::ifstream in(path);
    if (!in)
      throw std::runtime_error("cannot open " + path);
    json = nlohmann::json::parse(in); // throws on anything that is not JSON
  }

  explicit Summary(nlohmann::json object)
    : json(std::move(object))
  {}

  /// The value of @p key; throws if it is missing or of another type.
  template <typename T>
  T
  get(const std::string &key) const
  {
    return json.at(key).get<T>();
  }

  /// The number at @p key, if there is one.
  std::optional<double>
  number(const std::string &key) const
  {
    const auto it = json.find(key);
    return it != json.end() && it->is_number() ? std::optional<double>(it->get<double>()) :
                                                 std::nullopt;
  }

  /// A block (e.g. "timing").
  Summary
  child(const std::string &key) const
  {
    return Summary(json.at(key));
  }

  nlohmann::json json;
};
