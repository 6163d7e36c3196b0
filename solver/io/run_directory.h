#pragma once
// The output directory of a run, written atomically: results go to a staging
// directory "<dir>.partial" and are moved to "<dir>" only when the run has
// succeeded. A failed run leaves "<dir>.failed" (the converged steps and a
// failure.txt) and never a half-written "<dir>"; a previous "<dir>" stays
// untouched until a new run succeeds. File system operations happen on MPI
// rank 0; the other ranks wait.

#include <mpi.h>

#include <string>

namespace needlesim
{
  class RunDirectory
  {
  public:
    /// Creates the staging directory; throws InputError naming the output
    /// directory if it cannot be created or written.
    RunDirectory(const std::string &directory, MPI_Comm comm);

    /// Where the running simulation writes.
    const std::string &
    staging() const
    {
      return staging_path;
    }
    const std::string &
    final_path() const
    {
      return target;
    }

    /// Moves the staging directory to the final path.
    void
    commit();
    /// Moves the staging directory to "<dir>.failed" with the reason.
    void
    fail(const std::string &reason);
    /// Removes the staging directory: the input was found bad during the
    /// set-up, nothing is a result.
    void
    discard();

  private:
    std::string target;
    std::string staging_path;
    MPI_Comm    comm;
  };
} // namespace needlesim
