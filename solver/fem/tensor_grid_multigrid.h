#pragma once
// Geometric multigrid for the unknowns of a mesh whose nodes form a
// tensor-product grid (nodes x_i × y_j × z_k: the graded benchmark meshes,
// any subdivided box), as the preconditioner of the Newton systems in place
// of smoothed-aggregation AMG (theory §7):
//
//   coarse grids      every second node line in each direction (the last
//                     line kept), down to at most `coarsest_unknowns`;
//   prolongation      P_l: linear interpolation along the grid lines in
//                     physical coordinates, i.e. the Q1 interpolant of the
//                     coarse grid (Trottenberg, Oosterlee & Schüller 2001,
//                     Multigrid, §2.3.2); unknowns whose rows of A are
//                     decoupled (Dirichlet constraints) take no coarse
//                     correction and are no coarse unknowns, so that every
//                     coarse function meets the homogeneous constraints;
//   coarse operators  Galerkin products A_{l-1} = P_l^T A_l P_l (ibid.
//                     §A.2.4): contact, penalties and constraints reach the
//                     coarse grids through A, with no re-discretisation;
//   smoother          one symmetric Gauss-Seidel sweep before and one after
//                     the coarse correction (processor-block Gauss-Seidel on
//                     several ranks), a symmetric V-cycle;
//   coarsest grid     sparse LU (Amesos KLU).

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/point.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_solver.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <Epetra_Import.h>
#include <Epetra_Vector.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace needlesim
{
  /// The unknowns of a mesh whose nodes form a tensor-product grid: the grid
  /// lines and, for every node and vector component, the global index of its
  /// unknown.
  struct TensorGridUnknowns
  {
    /// node coordinates along each axis, ascending [mm]
    std::vector<std::vector<double>> lines;
    unsigned int                     n_components = 1;
    /// unknown of component c at node (i, j, k): at
    /// (i + n_0 (j + n_1 k)) n_components + c
    std::vector<dealii::types::global_dof_index> unknown;

    /// the number of nodes along each axis
    std::vector<unsigned int>
    sizes() const
    {
      std::vector<unsigned int> n;
      for (const std::vector<double> &l : lines)
        n.push_back(l.size());
      return n;
    }

    /// From the support points of (at least) the locally owned unknowns and
    /// the component of each owned unknown (in the order of @p owned); on
    /// every rank nothing if the support points do not fill a tensor grid
    /// with one unknown per node and component. Collective.
    template <int dim>
    static std::optional<TensorGridUnknowns>
    detect(const std::map<dealii::types::global_dof_index, dealii::Point<dim>> &support_points,
           const dealii::IndexSet                                              &owned,
           const std::vector<unsigned int>                                     &component,
           unsigned int                                                         n_components,
           MPI_Comm                                                             comm);
  };

  /// Along one axis of the grid: for each of @p fine_lines (indices into the
  /// node coordinates @p x) the coarse lines it lies between, or itself, and
  /// their weights, linear in x: the Q1 interpolant of the coarse grid along
  /// the axis. The first and last fine lines must be coarse lines.
  std::vector<std::vector<std::pair<unsigned int, double>>>
  line_interpolation(const std::vector<unsigned int> &fine_lines,
                     const std::vector<unsigned int> &coarse_lines,
                     const std::vector<double>       &x);

  /// Symmetric Gauss-Seidel from a zero start, processor-block on several
  /// ranks: one forward and one backward sweep over the locally owned rows,
  /// x_i <- (b_i - sum_{j != i} a_ij x_j) / a_ii, with the couplings to other
  /// ranks' unknowns left out (they are zero at the start), so that it needs
  /// no communication.
  ///
  /// Stored by node blocks where the rows allow it: the unknowns of a node
  /// (the 3 components of a 3-d vector field) are consecutive rows with
  /// one pattern, coupled to whole nodes, so one column index serves a 3 x 3
  /// block of single-precision values (BSR; 4.4 instead of 8 bytes per
  /// entry). The sweeps stay point Gauss-Seidel in the row
  /// order; rows without that structure (the coarse grids, which drop
  /// constrained unknowns) are stored as blocks of one. The sweeps ask for
  /// the matrix lines of the rows ahead (prefetch()).
  class LocalSymmetricGaussSeidel
  {
  public:
    /// Copies @p A's values and pattern; @p block_size: the unknowns per node
    /// to try (1: plain CSR).
    void
    initialize(const dealii::TrilinosWrappers::SparseMatrix &A, unsigned int block_size);

    /// x = M^-1 b, and its residual r = b - A x (from the sweeps' updates,
    /// with the single-precision values)
    void
    vmult(dealii::TrilinosWrappers::MPI::Vector       &x,
          const dealii::TrilinosWrappers::MPI::Vector &b,
          dealii::TrilinosWrappers::MPI::Vector       &r) const;

    /// x <- x + M^-1 (b - A x): the same sweeps from the current x, with the
    /// other ranks' values of x fixed during the sweeps
    void
    step(dealii::TrilinosWrappers::MPI::Vector       &x,
         const dealii::TrilinosWrappers::MPI::Vector &b) const;

    /// the unknowns per stored block: the nodes' components, or 1
    unsigned int
    block_size() const
    {
      return block;
    }

  private:
    template <int B>
    void
    vmult_blocks(dealii::TrilinosWrappers::MPI::Vector       &x,
                 const dealii::TrilinosWrappers::MPI::Vector &b,
                 dealii::TrilinosWrappers::MPI::Vector       &r) const;
    template <int B>
    void
    step_blocks(double *x, const double *b, const double *ghost) const;

    /// the matrix lines of block row m + distance toward the caches
    void
    prefetch(int m, int distance) const;

    /// x at the columns of the other ranks' unknowns (nullptr on one rank)
    const double *
    import_ghosts(const dealii::TrilinosWrappers::MPI::Vector &x) const;

    /// how many block rows ahead of a sweep prefetch() asks for
    static constexpr int rows_ahead = 8;

    unsigned int block  = 1;
    int          n_rows = 0;
    /// per block row: its blocks [offsets[m], offsets[m+1]), their block
    /// columns (local column / block), the diagonal block and the first
    /// block of another rank's columns (numbered after the owned ones)
    std::vector<int>     offsets, columns, diagonal, ghosts_begin;
    std::vector<float>   values; ///< block after block, each row by row
    std::vector<double>  inverse_diagonal;
    const Epetra_Import *importer = nullptr; ///< owned values to the columns' ghosts
    mutable std::unique_ptr<Epetra_Vector> x_columns;
    mutable std::vector<double>            delta;      ///< the backward sweep's updates d_i
    mutable std::vector<double>            ghost_part; ///< sum over other ranks' columns a_ij x_j
  };



  class TensorGridMultigrid
  {
  public:
    TensorGridMultigrid(TensorGridUnknowns grid, unsigned int coarsest_unknowns = 1000);

    /// Builds the grid hierarchy for the matrix @p A (kept by reference: the
    /// finest level's operator) with the Galerkin coarse operators.
    void
    initialize(const dealii::TrilinosWrappers::SparseMatrix &A);

    /// dst = one V-cycle applied to src (from a zero start).
    void
    vmult(dealii::TrilinosWrappers::MPI::Vector       &dst,
          const dealii::TrilinosWrappers::MPI::Vector &src) const;

    unsigned int
    n_levels() const
    {
      return levels.size();
    }

  private:
    /// One grid: its node lines and unknowns, operator, smoother and the
    /// prolongation from the next coarser grid.
    struct Level
    {
      /// indices into TensorGridUnknowns::lines of this grid's lines
      std::vector<std::vector<unsigned int>> lines;
      dealii::IndexSet                       owned;
      /// this grid's index of the unknown of TensorGridUnknowns::unknown[n],
      /// or -1 where the node is not on this grid or the unknown constrained
      std::vector<long long>                        index;
      dealii::TrilinosWrappers::SparseMatrix        galerkin; ///< A_l below the finest
      const dealii::TrilinosWrappers::SparseMatrix *A = nullptr;
      dealii::TrilinosWrappers::SparseMatrix        prolongation;
      LocalSymmetricGaussSeidel                     smoother;
      mutable dealii::TrilinosWrappers::MPI::Vector x, b, r;
    };

    void
    number_unknowns(Level &level, const std::vector<char> &constrained) const;
    void
    build_prolongation(Level                   &fine,
                       const Level             &coarse,
                       const std::vector<char> &constrained) const;
    void
    v_cycle(unsigned int                                 l,
            dealii::TrilinosWrappers::MPI::Vector       &x,
            const dealii::TrilinosWrappers::MPI::Vector &b) const;

    const TensorGridUnknowns grid;
    MPI_Comm                 comm = MPI_COMM_WORLD;
    std::vector<Level>       levels; ///< coarsest first
    /// per unknown: its row of A is decoupled, for the grids as built
    std::vector<char> grid_constraints;

    dealii::SolverControl                                   coarsest_control;
    std::unique_ptr<dealii::TrilinosWrappers::SolverDirect> coarsest_solver;
  };
} // namespace needlesim
