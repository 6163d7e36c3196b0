#include "section_tables.h"

#include "output_file.h"

#include "load_stepping.h"
#include "text_hash.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

namespace needlesim
{
  namespace
  {
    constexpr const char *file_header = "needlesim wedged-crack table 1";

    /// A table per unit shear modulus as one flat vector (to broadcast):
    /// n_q, q, psi, N, n_x, x edges, n_y, y edges, stretch maps.
    std::vector<double>
    pack(const WedgedCrackTable &t)
    {
      std::vector<double> v{double(t.q.size())};
      for (const auto *a : {&t.q, &t.psi, &t.normal_force})
        v.insert(v.end(), a->begin(), a->end());
      for (const auto *e : {&t.x_edges, &t.y_edges})
        {
          v.push_back(e->size());
          v.insert(v.end(), e->begin(), e->end());
        }
      for (const auto &map : t.stretch)
        v.insert(v.end(), map.begin(), map.end());
      return v;
    }

    WedgedCrackTable
    unpack(const std::vector<double> &v)
    {
      WedgedCrackTable t;
      std::size_t      k    = 0;
      const auto       take = [&](std::vector<double> &a, const std::size_t n) {
        if (k + n > v.size())
          throw std::runtime_error("truncated wedged-crack table");
        a.assign(v.begin() + k, v.begin() + k + n);
        k += n;
      };
      const std::size_t n_q = v.at(k++);
      take(t.q, n_q);
      take(t.psi, n_q);
      take(t.normal_force, n_q);
      take(t.x_edges, std::size_t(v.at(k++)));
      take(t.y_edges, std::size_t(v.at(k++)));
      const std::size_t cells = (t.x_edges.size() - 1) * (t.y_edges.size() - 1);
      for (std::size_t i = 0; i < n_q; ++i)
        {
          std::vector<double> map;
          take(map, cells);
          t.stretch.emplace_back(map.begin(), map.end());
        }
      return t;
    }

    bool
    read_table(const std::string &file, std::vector<double> &packed)
    {
      std::ifstream in(file);
      std::string   header;
      if (!in || !std::getline(in, header) || header != file_header)
        return false;
      packed.clear();
      for (double x; in >> x;)
        packed.push_back(x);
      return !packed.empty();
    }

    void
    write_table(const std::string &file, const std::vector<double> &packed)
    {
      write_file_atomically(file, [&](std::ostream &out) {
        // every digit a double needs to come back the same (max_digits10):
        // a run that solved a table and one that read it give the same numbers
        out << file_header << '\n' << std::setprecision(std::numeric_limits<double>::max_digits10);
        for (const double x : packed)
          out << x << '\n';
      });
    }
  } // namespace



  std::string
  SectionTables::key(const HyperelasticLaw &law, const WedgedCrackSettings &s)
  {
    // the law's shape: its energy per shear modulus at three deformations
    std::ostringstream text;
    text << std::setprecision(10) << law.name();
    Tensor2 stretch, shear, dilatation;
    for (unsigned int i = 0; i < 3; ++i)
      {
        stretch[i][i]    = i == 0 ? 1.3 : (i == 1 ? 1.0 / 1.3 : 1.0);
        shear[i][i]      = 1.0;
        dilatation[i][i] = 1.1;
      }
    shear[0][1] = 0.5;
    for (const Tensor2 &F : {stretch, shear, dilatation})
      text << ' ' << law.strain_energy(F) / law.shear_modulus();
    text << ' ' << s.q_min << ' ' << s.q_max << ' ' << s.steps << ' ' << s.relative_size << ' '
         << s.tip_size << ' ' << s.plate_size << ' ' << s.penalty_factor;
    std::ostringstream key;
    key << std::hex << std::setw(16) << std::setfill('0') << fnv1a(text.str());
    return key.str();
  }



  SectionTables::SectionTables(
    const std::array<std::shared_ptr<const ConstitutiveLaw>, n_skin_layers> &laws,
    const double                                                             time_scale,
    const WedgedCrackSettings                                               &settings,
    const std::string                                                       &cache,
    const MPI_Comm                                                           comm,
    const std::function<void(const std::string &)>                          &report)
  {
    // the distinct law shapes, and the layers that use each
    std::map<std::string, std::vector<unsigned int>>        layers_of;
    std::map<std::string, std::shared_ptr<HyperelasticLaw>> law_of;
    std::array<double, n_skin_layers>                       mu{};
    for (unsigned int l = 0; l < n_skin_layers; ++l)
      {
        std::shared_ptr<HyperelasticLaw> law = laws[l]->elastic_response_at(time_scale);
        mu[l]                                = law->shear_modulus();
        const std::string k                  = key(*law, settings);
        layers_of[k].push_back(l);
        law_of.emplace(k, law);
      }

    // every rank solves (or reads) its share of the tables, then all share them
    const unsigned int               rank = dealii::Utilities::MPI::this_mpi_process(comm);
    const unsigned int               size = dealii::Utilities::MPI::n_mpi_processes(comm);
    std::vector<std::vector<double>> packed(layers_of.size());
    unsigned int                     i = 0;
    for (const auto &[k, layers] : layers_of)
      {
        if (i++ % size != rank)
          continue;
        const std::string file = cache.empty() ? "" : cache + "/section-" + k + ".txt";
        if (!file.empty() && read_table(file, packed[i - 1]))
          {
            if (report)
              report("wedged-crack section of " + layer_name(layers.front()) + " from " + file);
            continue;
          }
        if (report)
          report("wedged-crack section of " + layer_name(layers.front()) + " (" +
                 law_of[k]->name() + "): solving the plane-strain model");
        WedgedCrackTable t;
        try
          {
            t = tabulate_wedged_crack(*law_of[k], settings);
          }
        catch (const ConvergenceFailure &)
          {
            packed[i - 1] = {-1.0}; // all ranks fail together below
            continue;
          }
        for (double &x : t.psi)
          x /= law_of[k]->shear_modulus();
        for (double &x : t.normal_force)
          x /= law_of[k]->shear_modulus();
        packed[i - 1] = pack(t);
        if (!file.empty())
          {
            std::filesystem::create_directories(cache);
            write_table(file, packed[i - 1]);
          }
      }

    i = 0;
    for (const auto &[k, layers] : layers_of)
      {
        const std::vector<double> all =
          dealii::Utilities::MPI::broadcast(comm, packed[i], i % size);
        ++i;
        if (all.at(0) < 0.0)
          throw ConvergenceFailure("the plane-strain model of the wedged crack in the " +
                                   layer_name(layers.front()) + " did not converge");
        const auto table = std::make_shared<const WedgedCrackTable>(unpack(all));
        for (const unsigned int l : layers)
          {
            std::vector<double> psi = table->psi;
            for (double &x : psi)
              x *= mu[l];
            tables[l]   = table;
            sections[l] = std::make_shared<const WedgedCrackSection>(table->q, psi);
          }
      }
  }
} // namespace needlesim
