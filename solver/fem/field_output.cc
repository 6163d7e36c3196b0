#include "field_output.h"

#include "output_file.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/mapping_q1.h>

#include <filesystem>
#include <fstream>

namespace needlesim
{
  using namespace dealii;

  template <int dim>
  FieldWriter<dim>::FieldWriter(const std::string &directory_)
    : directory(directory_)
  {
    std::filesystem::create_directories(directory + "/" + fields_folder);
  }



  template <int dim>
  void
  FieldWriter<dim>::write(const FiniteStrainSolid<dim> &solid,
                          const double                  time,
                          const unsigned int            step,
                          const std::vector<CellField> &extra)
  {
    const auto            &tria    = solid.dof_handler().get_triangulation();
    const auto             fields  = solid.cell_fields();
    const unsigned int     n_cells = tria.n_active_cells();
    std::vector<CellField> cells   = {{"von_mises_MPa", std::vector<double>(n_cells)},
                                      {"pressure_MPa", std::vector<double>(n_cells)},
                                      {"strain_energy_density_MPa", std::vector<double>(n_cells)},
                                      {"max_principal_stretch", std::vector<double>(n_cells)},
                                      {"volume_ratio", std::vector<double>(n_cells)}};
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const unsigned int i = cell->active_cell_index();
          cells[0].values[i]   = fields[i].von_mises;
          cells[1].values[i]   = fields[i].pressure;
          cells[2].values[i]   = fields[i].strain_energy_density;
          cells[3].values[i]   = fields[i].max_principal_stretch;
          cells[4].values[i]   = fields[i].J;
        }
    cells.insert(cells.end(), extra.begin(), extra.end());

    DataOut<dim> data_out;
    data_out.attach_dof_handler(solid.dof_handler());
    const std::vector<std::string> names(dim, "displacement_mm");
    const std::vector<DataComponentInterpretation::DataComponentInterpretation> interpretation(
      dim, DataComponentInterpretation::component_is_part_of_vector);
    data_out.add_data_vector(solid.solution(), names, DataOut<dim>::type_dof_data, interpretation);
    finish(data_out,
           tria,
           solid.mapping(),
           solid.dof_handler().get_fe().degree,
           solid.mpi_communicator(),
           time,
           step,
           cells);
  }



  template <int dim>
  void
  FieldWriter<dim>::write(const DoFHandler<dim>        &dofs,
                          const double                  time,
                          const unsigned int            step,
                          const std::vector<CellField> &cells)
  {
    DataOut<dim> data_out;
    data_out.attach_triangulation(dofs.get_triangulation());
    finish(data_out,
           dofs.get_triangulation(),
           StaticMappingQ1<dim>::mapping,
           1,
           dofs.get_communicator(),
           time,
           step,
           cells);
  }



  template <int dim>
  void
  FieldWriter<dim>::finish(DataOut<dim>                 &data_out,
                           const Triangulation<dim>     &tria,
                           const Mapping<dim>           &mapping,
                           const unsigned int            degree,
                           const MPI_Comm                comm,
                           const double                  time,
                           const unsigned int            step,
                           const std::vector<CellField> &cells)
  {
    const unsigned int n_cells = tria.n_active_cells();
    Vector<float>      layer(n_cells), rank(n_cells);
    const float        this_rank = Utilities::MPI::this_mpi_process(comm);
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          layer[cell->active_cell_index()] = cell->material_id();
          rank[cell->active_cell_index()]  = this_rank;
        }
    data_out.add_data_vector(layer, "layer", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(rank, "mpi_rank", DataOut<dim>::type_cell_data);
    std::vector<Vector<float>> values;
    values.reserve(cells.size());
    for (const CellField &field : cells)
      values.emplace_back(field.values.begin(), field.values.end());
    for (unsigned int k = 0; k < cells.size(); ++k)
      data_out.add_data_vector(values[k], cells[k].name, DataOut<dim>::type_cell_data);

    DataOutBase::VtkFlags flags(time, step);
    flags.compression_level = DataOutBase::VtkFlags::best_speed;
    data_out.set_flags(flags);
    data_out.build_patches(mapping, degree);
    // the pieces and their record in fields/, the series at the top
    const std::string pvtu = data_out.write_vtu_with_pvtu_record(
      directory + "/" + fields_folder + "/", "solution", step, comm, 4);
    records.emplace_back(time, fields_folder + "/" + pvtu);
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      write_file_atomically(directory + "/solution.pvd", [&](std::ostream &pvd) {
        DataOutBase::write_pvd_record(pvd, records);
      });
  }



  template class FieldWriter<2>;
  template class FieldWriter<3>;
} // namespace needlesim
