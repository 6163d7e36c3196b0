#include "field_output.h"

#include <deal.II/base/mpi.h>
#include <deal.II/numerics/data_out.h>

#include <fstream>

namespace needlesim
{
  using namespace dealii;

  template <int dim>
  FieldWriter<dim>::FieldWriter(const std::string &directory_)
    : directory(directory_)
  {}



  template <int dim>
  void
  FieldWriter<dim>::write(const FiniteStrainSolid<dim> &solid,
                          const double                  time,
                          const unsigned int            step,
                          const std::vector<CellField> &extra)
  {
    const auto &tria   = solid.dof_handler().get_triangulation();
    const auto  fields = solid.cell_fields();

    const unsigned int n_cells = tria.n_active_cells();
    Vector<float> layer(n_cells), von_mises(n_cells), pressure(n_cells), energy(n_cells),
      stretch(n_cells), volume(n_cells), rank(n_cells);
    const float this_rank = Utilities::MPI::this_mpi_process(solid.mpi_communicator());
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const unsigned int i = cell->active_cell_index();
          layer[i]             = cell->material_id();
          von_mises[i]         = fields[i].von_mises;
          pressure[i]          = fields[i].pressure;
          energy[i]            = fields[i].strain_energy_density;
          stretch[i]           = fields[i].max_principal_stretch;
          volume[i]            = fields[i].J;
          rank[i]              = this_rank;
        }

    DataOut<dim> data_out;
    data_out.attach_dof_handler(solid.dof_handler());
    const std::vector<std::string> names(dim, "displacement_mm");
    const std::vector<DataComponentInterpretation::DataComponentInterpretation> interpretation(
      dim, DataComponentInterpretation::component_is_part_of_vector);
    data_out.add_data_vector(solid.solution(), names, DataOut<dim>::type_dof_data,
                             interpretation);
    data_out.add_data_vector(layer, "layer", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(von_mises, "von_mises_MPa", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(pressure, "pressure_MPa", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(energy, "strain_energy_density_MPa", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(stretch, "max_principal_stretch", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(volume, "volume_ratio", DataOut<dim>::type_cell_data);
    data_out.add_data_vector(rank, "mpi_rank", DataOut<dim>::type_cell_data);
    std::vector<Vector<float>> extra_values;
    extra_values.reserve(extra.size());
    for (const CellField &field : extra)
      extra_values.emplace_back(field.values.begin(), field.values.end());
    for (unsigned int k = 0; k < extra.size(); ++k)
      data_out.add_data_vector(extra_values[k], extra[k].name, DataOut<dim>::type_cell_data);

    DataOutBase::VtkFlags flags(time, step);
    flags.compression_level = DataOutBase::VtkFlags::best_speed;
    data_out.set_flags(flags);
    data_out.build_patches(solid.mapping(), solid.dof_handler().get_fe().degree);

    const std::string pvtu = data_out.write_vtu_with_pvtu_record(
      directory + "/", "solution", step, solid.mpi_communicator(), 4);
    records.emplace_back(time, pvtu);
    if (Utilities::MPI::this_mpi_process(solid.mpi_communicator()) == 0)
      {
        std::ofstream pvd(directory + "/solution.pvd");
        DataOutBase::write_pvd_record(pvd, records);
      }
  }

  template class FieldWriter<2>;
  template class FieldWriter<3>;
} // namespace needlesim
