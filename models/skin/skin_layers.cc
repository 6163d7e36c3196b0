#include "skin_layers.h"

#include <numeric>
#include <stdexcept>

namespace needlesim
{
  const std::string &
  layer_name(const unsigned int layer)
  {
    static const std::array<std::string, n_skin_layers> names = {{"Stratum corneum",
                                                                  "Viable epidermis",
                                                                  "Papillary dermis",
                                                                  "Reticular dermis",
                                                                  "Hypodermis"}};
    return names.at(layer);
  }



  const std::string &
  layer_key(const unsigned int layer)
  {
    static const std::array<std::string, n_skin_layers> keys = {{"stratum_corneum",
                                                                 "viable_epidermis",
                                                                 "papillary_dermis",
                                                                 "reticular_dermis",
                                                                 "hypodermis"}};
    return keys.at(layer);
  }



  LayerStack::LayerStack(const std::array<double, n_skin_layers> &thickness)
    : h(thickness)
  {}



  double
  LayerStack::total_thickness() const
  {
    return std::accumulate(h.begin(), h.end(), 0.0);
  }



  double
  LayerStack::top_depth(const unsigned int layer) const
  {
    return std::accumulate(h.begin(), h.begin() + layer, 0.0);
  }



  double
  LayerStack::bottom_depth(const unsigned int layer) const
  {
    return top_depth(layer) + h[layer];
  }



  unsigned int
  LayerStack::layer_at_depth(const double depth) const
  {
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      if (depth < bottom_depth(l))
        return l;
    return index(SkinLayer::hypodermis); // below the stack
  }



  double
  LayerStack::nerve_ending_depth() const
  {
    return bottom_depth(index(SkinLayer::viable_epidermis));
  }



  double
  LayerStack::superficial_plexus_depth() const
  {
    return bottom_depth(index(SkinLayer::papillary_dermis));
  }



  double
  LayerStack::deep_plexus_depth() const
  {
    return bottom_depth(index(SkinLayer::reticular_dermis));
  }



  const std::vector<FacialRegion> &
  facial_regions()
  {
    // Adult female values [mm]: stratum corneum, viable epidermis, papillary
    // dermis, reticular dermis, hypodermis. See docs/theory.md for sources:
    // dermis = papillary + reticular from Meng et al. 2022 (HFUS, Table 2,
    // female) except perioral (Selcuk histology); epidermis from histology
    // (Chopra 2015, Lee & Hwang 2002, Selcuk); stratum corneum 0.017 mm
    // (Egawa 2007, cheek); hypodermis from Iyengar 2018 and Kim 2019.
    static const std::vector<FacialRegion> regions = {
      {"forehead", LayerStack(std::array<double, n_skin_layers>{{0.017, 0.063, 0.30, 0.56, 2.0}})},
      {"cheek", LayerStack(std::array<double, n_skin_layers>{{0.017, 0.058, 0.30, 0.57, 3.5}})},
      {"periorbital",
       LayerStack(std::array<double, n_skin_layers>{{0.017, 0.033, 0.20, 0.38, 0.6}})},
      {"perioral", LayerStack(std::array<double, n_skin_layers>{{0.017, 0.068, 0.30, 0.85, 5.1}})},
      {"chin", LayerStack(std::array<double, n_skin_layers>{{0.017, 0.058, 0.30, 0.61, 5.0}})},
      {"neck", LayerStack(std::array<double, n_skin_layers>{{0.017, 0.048, 0.30, 0.69, 6.0}})}};
    return regions;
  }



  const FacialRegion &
  facial_region(const std::string &name)
  {
    for (const FacialRegion &r : facial_regions())
      if (r.name == name)
        return r;
    throw std::out_of_range("unknown facial region '" + name + "'");
  }



  std::string
  facial_region_names()
  {
    std::string names;
    for (const FacialRegion &r : facial_regions())
      names += (names.empty() ? "" : "|") + r.name;
    return names;
  }
} // namespace needlesim
