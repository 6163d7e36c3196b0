#include "run_directory.h"

#include "output_file.h"
#include "parameters.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <fstream>

namespace needlesim
{
  namespace fs = std::filesystem;

  RunDirectory::RunDirectory(const std::string &directory, const MPI_Comm comm_)
    : target(fs::path(directory).lexically_normal().string())
    , staging_path(target + ".partial")
    , comm(comm_)
  {
    std::string error;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::error_code ec;
        fs::remove_all(staging_path, ec);
        fs::create_directories(staging_path, ec);
        if (ec)
          error = ec.message();
        else
          {
            std::ofstream probe(staging_path + "/.write_test");
            if (!probe)
              error = "not writable";
            probe.close();
            fs::remove(staging_path + "/.write_test", ec);
          }
      }
    error = dealii::Utilities::MPI::broadcast(comm, error, 0);
    if (!error.empty())
      throw InputError("output directory (-o)",
                       directory,
                       "a directory that can be created and written",
                       error);
  }



  void
  RunDirectory::commit()
  {
    MPI_Barrier(comm);
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        fs::remove_all(target);
        fs::remove_all(target + ".failed");
        fs::rename(staging_path, target);
      }
    MPI_Barrier(comm);
  }



  void
  RunDirectory::fail(const std::string &reason)
  {
    MPI_Barrier(comm);
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        write_file_atomically(staging_path + "/failure.txt",
                              [&](std::ostream &out) { out << reason << "\n"; });
        fs::remove_all(target + ".failed");
        fs::rename(staging_path, target + ".failed");
      }
    MPI_Barrier(comm);
  }



  void
  RunDirectory::discard()
  {
    MPI_Barrier(comm);
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::error_code ec;
        fs::remove_all(staging_path, ec);
      }
    MPI_Barrier(comm);
  }
} // namespace needlesim
