// needlesim-post: quick looks at needlesim's field output without ParaView.
//
//   needlesim-post fields DIR        field names and steps of DIR/solution.pvd
//   needlesim-post layers DIR [STEP] per-layer statistics of a step (default:
//                                    the last) as CSV on stdout

#include "vtu_fields.h"

#include <iostream>
#include <string>

using namespace needlesim::post;

namespace
{
  int
  usage()
  {
    std::cerr << "usage: needlesim-post fields DIR\n"
                 "       needlesim-post layers DIR [STEP]\n";
    return 1;
  }

  const char *layer_keys[5] = {"stratum_corneum",
                               "viable_epidermis",
                               "papillary_dermis",
                               "reticular_dermis",
                               "hypodermis"};
} // namespace

int
main(int argc, char **argv)
{
  if (argc < 3)
    return usage();
  const std::string command = argv[1], directory = argv[2];
  try
    {
      const std::vector<SeriesEntry> series = read_pvd(directory + "/solution.pvd");
      if (series.empty())
        throw std::runtime_error("no steps in " + directory + "/solution.pvd");
      const unsigned int step = argc > 3 ? std::stoul(argv[3]) : series.size() - 1;
      if (step >= series.size())
        throw std::runtime_error("step " + std::to_string(step) + " not in [0, " +
                                 std::to_string(series.size() - 1) + "]");
      const auto grid = read_grid(series[step].file);

      if (command == "fields")
        {
          std::cout << series.size() << " steps, t = " << series.front().time << " ... "
                    << series.back().time << " s\npoint data:";
          for (const auto &n : point_field_names(*grid))
            std::cout << " " << n;
          std::cout << "\ncell data:";
          for (const auto &n : cell_field_names(*grid))
            std::cout << " " << n;
          std::cout << "\n";
          return 0;
        }
      if (command == "layers")
        {
          const auto stats = layer_statistics(*grid);
          std::cout << "layer,cells,volume_mm3,max_von_mises_MPa,max_principal_stretch\n";
          for (unsigned int l = 0; l < 5; ++l)
            std::cout << layer_keys[l] << "," << stats[l].n_cells << "," << stats[l].volume_mm3
                      << "," << stats[l].max_von_mises_MPa << "," << stats[l].max_stretch << "\n";
          return 0;
        }
      return usage();
    }
  catch (const std::exception &e)
    {
      std::cerr << "needlesim-post: error: " << e.what() << std::endl;
      return 1;
    }
}
