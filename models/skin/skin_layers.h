#pragma once
// The layered skin: five layers from the surface down, their thicknesses per
// facial region, and the depth markers the clinical outputs need. Depths are
// measured from the skin surface downwards [mm]. Sources of every preset are
// in docs/theory.md ("Skin layers and facial regions").

#include <array>
#include <string>
#include <vector>

namespace needlesim
{
  /// Layers top to bottom; the value is the material id in every mesh.
  enum class SkinLayer : unsigned int
  {
    stratum_corneum  = 0,
    viable_epidermis = 1,
    papillary_dermis = 2,
    reticular_dermis = 3,
    hypodermis       = 4
  };

  constexpr unsigned int n_skin_layers = 5;

  /// The position of @p layer in per-layer arrays (its material id).
  constexpr unsigned int
  index(const SkinLayer layer)
  {
    return static_cast<unsigned int>(layer);
  }

  /// "Stratum corneum", ..., as used for scenario subsections.
  const std::string &
  layer_name(unsigned int layer);

  /// "stratum_corneum", ..., as used for output keys.
  const std::string &
  layer_key(unsigned int layer);

  class LayerStack
  {
  public:
    /// Thicknesses [mm] of the five layers, top to bottom.
    explicit LayerStack(const std::array<double, n_skin_layers> &thickness);

    double
    thickness(unsigned int layer) const
    {
      return h[layer];
    }
    double
    total_thickness() const;
    /// Depth of the top (bottom) face of a layer below the surface [mm].
    double
    top_depth(unsigned int layer) const;
    double
    bottom_depth(unsigned int layer) const;
    /// Layer at a depth below the surface (the lower layer on an interface).
    unsigned int
    layer_at_depth(double depth) const;

    /// Dermal-epidermal junction, where free nerve endings terminate [mm].
    double
    nerve_ending_depth() const;
    /// Superficial (subpapillary) vascular plexus at the papillary/reticular
    /// junction: reaching it causes pinpoint bleeding [mm].
    double
    superficial_plexus_depth() const;
    /// Deep vascular plexus at the dermis/hypodermis junction [mm].
    double
    deep_plexus_depth() const;

  private:
    std::array<double, n_skin_layers> h;
  };

  struct FacialRegion
  {
    std::string name;
    LayerStack  layers;
  };

  /// Presets for forehead, cheek, periorbital, perioral, chin, neck.
  const std::vector<FacialRegion> &
  facial_regions();

  /// The preset with this name; throws std::out_of_range if unknown.
  const FacialRegion &
  facial_region(const std::string &name);

  /// "forehead|cheek|..." for a Patterns::Selection.
  std::string
  facial_region_names();
} // namespace needlesim
