#pragma once
// A stable 64-bit hash of a text, for cache keys (std::hash differs between
// standard libraries): FNV-1a (Fowler, Noll, Vo).

#include <cstdint>
#include <string>

namespace needlesim
{
  inline std::uint64_t
  fnv1a(const std::string &text)
  {
    std::uint64_t h = 1469598103934665603ull;
    for (const unsigned char c : text)
      {
        h ^= c;
        h *= 1099511628211ull;
      }
    return h;
  }
} // namespace needlesim
