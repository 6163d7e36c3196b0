#pragma once
// Meshes of the layered skin block. Every layer interface lies on element
// faces and every cell carries its layer as material id (models/skin/skin_layers.h).
//
// Coordinates [mm]: the skin surface is z = 0, depth grows towards z < 0; the
// needle axis is x = y = 0. In 2-d axisymmetric meshes x[0] = r, x[1] = z.
// Elements are graded geometrically from the needle axis (lateral) and from
// the surface (vertical): size h_min at the axis and surface, growing by a
// constant factor up to h_max.

#include "skin_layers.h"

#include <deal.II/base/types.h>
#include <deal.II/grid/tria.h>

#include <functional>
#include <string>
#include <vector>

namespace needlesim
{
  /// Boundary ids of skin meshes.
  namespace BoundaryId
  {
    constexpr dealii::types::boundary_id bottom     = 0; ///< deepest face, z = -H
    constexpr dealii::types::boundary_id surface    = 1; ///< skin surface, z = 0
    constexpr dealii::types::boundary_id symmetry_x = 2; ///< x = 0 (axis r = 0 in 2-d)
    constexpr dealii::types::boundary_id symmetry_y = 3; ///< y = 0 (quarter model)
    constexpr dealii::types::boundary_id lateral    = 4; ///< outer lateral faces
  }                                                      // namespace BoundaryId

  enum class BlockGeometry
  {
    full,        ///< 3-d block centred on the needle axis
    half,        ///< 3-d half block y >= 0, symmetry plane y = 0
    quarter,     ///< 3-d quarter block, symmetry planes x = 0 and y = 0
    axisymmetric ///< 2-d (r, z) half plane
  };

  /// The block has the mirror plane x = 0 (the axis r = 0 in 2-d).
  constexpr bool
  mirrored_in_x(const BlockGeometry g)
  {
    return g == BlockGeometry::quarter || g == BlockGeometry::axisymmetric;
  }

  /// The block has the mirror plane y = 0 (3-d).
  constexpr bool
  mirrored_in_y(const BlockGeometry g)
  {
    return g == BlockGeometry::quarter || g == BlockGeometry::half;
  }

  /// How many copies of a 3-d block make the whole: 4 (quarter), 2 (half), 1.
  constexpr double
  copies_of_block(const BlockGeometry g)
  {
    return (mirrored_in_x(g) ? 2.0 : 1.0) * (mirrored_in_y(g) ? 2.0 : 1.0);
  }

  struct SkinMeshSettings
  {
    BlockGeometry geometry   = BlockGeometry::quarter;
    double        half_width = 2.0;  ///< lateral extent from the axis [mm]
    double        h_min      = 0.02; ///< element size at axis and surface [mm]
    double        growth     = 1.25; ///< size ratio of neighbouring elements [-]
    double        h_max      = 0.5;  ///< largest element size [mm]
    /// Zones where the size stays h_min before the grading starts: lateral
    /// distance from the axis and depth below the surface [mm] (0: none).
    /// A lateral zone of n h_min ends exactly on a grid line.
    double uniform_width = 0.0;
    double uniform_depth = 0.0;
    /// A Gmsh file of a quarter block to read instead ("": the graded
    /// block), every cell of layer file_layer.
    std::string  file;
    unsigned int file_layer = index(SkinLayer::reticular_dermis);
    /// Cells and vertices of the file's mesh (set when the scenario is read).
    std::size_t file_cells = 0, file_vertices = 0;
  };

  /// Step sizes that sum exactly to @p length: first @p uniform_length in
  /// equal steps of about @p h_start (ending exactly at uniform_length), then
  /// growing by factor @p growth (capped at @p h_max).
  std::vector<double>
  graded_steps(double length,
               double h_start,
               double growth,
               double h_max,
               double uniform_length = 0.0);

  /// Cell edges from 0 to @p length: sizes @p relative times the distance
  /// from 0, at least @p h_min and at most @p cap(x), with a grid line at
  /// every coordinate in @p lines. Near 0 the cells grow geometrically, so a
  /// contact zone that grows in proportion to its distance from 0 (a cone
  /// pressed in) is resolved alike at every size.
  std::vector<double>
  graded_edges(double                               length,
               double                               h_min,
               double                               relative,
               const std::function<double(double)> &cap,
               std::vector<double>                  lines = {});

  /// The cell sizes of make_stroke_block's block along r and z (from the
  /// bottom up): the mesh before it is made (e.g. to estimate its size).
  std::vector<std::vector<double>>
  stroke_block_steps(const LayerStack       &layers,
                     const SkinMeshSettings &settings,
                     double                  r_s,
                     double                  h_channel,
                     double                  channel_depth);

  /// The cell sizes of make_skin_block's block along each axis.
  template <int dim>
  std::vector<std::vector<double>>
  skin_block_steps(const LayerStack &layers, const SkinMeshSettings &settings);

  /// The axisymmetric (r, z) block of a needle stroke: edges graded from the
  /// point where the tip meets the surface (r = 0, z = 0) with h_min and the
  /// growth of @p settings, at most @p h_channel within two shaft radii of
  /// the axis and down to @p channel_depth, a grid line at the shaft radius
  /// @p r_s (the needle's footprint) and at every layer interface.
  void
  make_stroke_block(dealii::Triangulation<2> &tria,
                    const LayerStack         &layers,
                    const SkinMeshSettings   &settings,
                    double                    r_s,
                    double                    h_channel,
                    double                    channel_depth);

  /// Reads a 3-d quarter block from the Gmsh file @p filename (e.g. the
  /// shared indentation benchmark's meshes) into @p tria (which must be
  /// empty): moved so that its top face is the skin surface z = 0, every cell
  /// of layer @p layer, boundary ids from the faces' positions as in the
  /// generated blocks. Throws InputError naming Mesh/File if it cannot.
  void
  read_skin_block(dealii::Triangulation<3> &tria, const std::string &filename, unsigned int layer);

  /// Builds the layered block into @p tria (which must be empty): 3-d for the
  /// full and quarter geometries, 2-d for the axisymmetric one.
  template <int dim>
  void
  make_skin_block(dealii::Triangulation<dim> &tria,
                  const LayerStack           &layers,
                  const SkinMeshSettings     &settings);
} // namespace needlesim
