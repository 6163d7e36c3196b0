#include "tensor_grid_multigrid.h"

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/trilinos_index_access.h>

#include <EpetraExt_MatrixMatrix.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <utility>

namespace needlesim
{
  using namespace dealii;

  namespace
  {
    /// Calls f(node, position) for every node of the grid with the given
    /// lines: node is its index in the finest grid, position its line
    /// positions within @p lines.
    void
    for_each_node(const std::vector<std::vector<unsigned int>> &lines,
                  const std::vector<unsigned int>              &finest_sizes,
                  const std::function<void(std::size_t, const std::vector<unsigned int> &)> &f)
    {
      const unsigned int        dim = lines.size();
      std::vector<unsigned int> position(dim, 0);
      std::size_t               n_nodes = 1;
      for (const std::vector<unsigned int> &l : lines)
        n_nodes *= l.size();
      for (std::size_t count = 0; count < n_nodes; ++count)
        {
          std::size_t node = 0, stride = 1;
          for (unsigned int d = 0; d < dim; ++d)
            {
              node += lines[d][position[d]] * stride;
              stride *= finest_sizes[d];
            }
          f(node, position);
          for (unsigned int d = 0; d < dim && ++position[d] == lines[d].size(); ++d)
            position[d] = 0;
        }
    }



    /// Every second line, and the last one.
    std::vector<unsigned int>
    coarsened(const std::vector<unsigned int> &lines)
    {
      std::vector<unsigned int> coarse;
      for (unsigned int i = 0; i < lines.size(); i += 2)
        coarse.push_back(lines[i]);
      if (coarse.back() != lines.back())
        coarse.push_back(lines.back());
      return coarse;
    }



    /// The values a coordinate takes, merged over the ranks, ascending and
    /// with values closer than @p tolerance taken as one.
    std::vector<double>
    distinct_values(std::vector<double> values, const double tolerance, MPI_Comm comm)
    {
      std::vector<double> all;
      for (const std::vector<double> &v : Utilities::MPI::all_gather(comm, values))
        all.insert(all.end(), v.begin(), v.end());
      std::sort(all.begin(), all.end());
      std::vector<double> distinct;
      for (const double x : all)
        if (distinct.empty() || x - distinct.back() > tolerance)
          distinct.push_back(x);
      return distinct;
    }
  } // namespace



  std::vector<std::vector<std::pair<unsigned int, double>>>
  line_interpolation(const std::vector<unsigned int> &fine_lines,
                     const std::vector<unsigned int> &coarse_lines,
                     const std::vector<double>       &x)
  {
    std::vector<std::vector<std::pair<unsigned int, double>>> weights;
    for (const unsigned int line : fine_lines)
      {
        const auto up = std::lower_bound(coarse_lines.begin(), coarse_lines.end(), line);
        if (*up == line)
          weights.push_back({{line, 1.0}});
        else
          {
            // x between the coarse lines a < b: w_a = (x_b - x)/(x_b - x_a), w_b = 1 - w_a
            const unsigned int a = *(up - 1), b = *up;
            weights.push_back(
              {{a, (x[b] - x[line]) / (x[b] - x[a])}, {b, (x[line] - x[a]) / (x[b] - x[a])}});
          }
      }
    return weights;
  }



  void
  LocalSymmetricGaussSeidel::initialize(const TrilinosWrappers::SparseMatrix &A)
  {
    const Epetra_CrsMatrix &M = A.trilinos_matrix();
    int                    *o, *c;
    double                 *v;
    if (M.ExtractCrsDataPointers(o, c, v) != 0)
      throw std::runtime_error("Gauss-Seidel smoother: matrix storage not in CSR form");
    n_rows  = M.NumMyRows();
    offsets = o;
    columns = c;
    // single precision: the sweeps stream 8 instead of 12 bytes per entry
    // (value and column index), and a preconditioner needs no more digits
    values.assign(v, v + offsets[n_rows]);
    // Epetra numbers the owned columns first, in the order of the rows, and
    // sorts the columns of a row: the entries left of the diagonal are the
    // couplings to the unknowns a forward sweep has updated before
    for (int i = 0; i < n_rows; ++i)
      if (!std::is_sorted(columns + offsets[i], columns + offsets[i + 1]))
        throw std::runtime_error("Gauss-Seidel smoother: unsorted matrix rows");
    importer = M.Importer();
    if (importer != nullptr)
      x_columns = std::make_unique<Epetra_Vector>(M.ColMap());
    inverse_diagonal.assign(n_rows, 0.0);
    delta.assign(n_rows, 0.0);
    diagonal.assign(n_rows, 0);
    ghosts_begin.assign(n_rows, 0);
    for (int i = 0; i < n_rows; ++i)
      {
        if (M.ColMap().GID(i) != M.RowMap().GID(i))
          throw std::runtime_error("Gauss-Seidel smoother: column map without the rows first");
        diagonal[i] = std::lower_bound(columns + offsets[i], columns + offsets[i + 1], i) - columns;
        // the other ranks' columns come last (numbered after the owned ones)
        ghosts_begin[i] =
          std::lower_bound(columns + offsets[i], columns + offsets[i + 1], n_rows) - columns;
        if (diagonal[i] < offsets[i + 1] && columns[diagonal[i]] == i && v[diagonal[i]] != 0.0)
          inverse_diagonal[i] = 1.0 / v[diagonal[i]];
      }
  }



  namespace
  {
    /// sum_k a_k x_{c_k} over the entries [begin, end) of a row, in four
    /// partial sums: with one, every multiply-add waits for the one before
    /// (n16 benchmark, 2 ranks: Krylov 2.3-2.6 -> 2.0 s, n32 32-33 -> 30 s,
    /// the same iterations)
    inline double
    row_product(const float *a, const int *c, const double *x, const int begin, const int end)
    {
      double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      int    k = begin;
      for (; k + 3 < end; k += 4)
        {
          s0 += a[k] * x[c[k]];
          s1 += a[k + 1] * x[c[k + 1]];
          s2 += a[k + 2] * x[c[k + 2]];
          s3 += a[k + 3] * x[c[k + 3]];
        }
      for (; k < end; ++k)
        s0 += a[k] * x[c[k]];
      return (s0 + s1) + (s2 + s3);
    }
  } // namespace



  void
  LocalSymmetricGaussSeidel::vmult(TrilinosWrappers::MPI::Vector       &x_vector,
                                   const TrilinosWrappers::MPI::Vector &b_vector,
                                   TrilinosWrappers::MPI::Vector       &r_vector) const
  {
    double       *x = x_vector.begin();
    double       *r = r_vector.begin();
    const double *b = b_vector.begin();
    const float  *a = values.data();
    double       *d = delta.data();
    // forward from x = 0: only the entries left of the diagonal meet nonzero x_j
    for (int i = 0; i < n_rows; ++i)
      x[i] = (b[i] - row_product(a, columns, x, offsets[i], diagonal[i])) * inverse_diagonal[i];
    // backward: the row's own columns, x_i += d_i = (b_i - sum_j a_ij x_j) / a_ii
    for (int i = n_rows - 1; i >= 0; --i)
      {
        const double residual = b[i] - row_product(a, columns, x, offsets[i], ghosts_begin[i]);
        d[i]                  = residual * inverse_diagonal[i];
        x[i] += d[i];
        // what the update leaves of the row's residual: nothing, unless the
        // row has no diagonal to solve with
        r[i] = inverse_diagonal[i] != 0.0 ? 0.0 : residual;
      }
    // The residual of the result, r = b - A x, without a product with A:
    // row i's backward update zeroed its residual, with the entries right of
    // the diagonal already updated; the later updates d_j of the entries
    // left of it and the other ranks' x (zero in the sweeps) change it to
    //   r_i = - sum_{j<i} a_ij d_j - sum_{j of other ranks} a_ij x_j,
    // the lower part and the ghost columns of the row instead of a whole
    // product in double precision (n32 benchmark, 2 ranks: Krylov 30.1 ->
    // 26.7 s, n16 2.0 -> 1.8 s, the same iterations).
    const double *ghost = import_ghosts(x_vector);
    for (int i = 0; i < n_rows; ++i)
      {
        r[i] -= row_product(a, columns, d, offsets[i], diagonal[i]);
        if (ghost != nullptr)
          r[i] -= row_product(a, columns, ghost, ghosts_begin[i], offsets[i + 1]);
      }
  }



  const double *
  LocalSymmetricGaussSeidel::import_ghosts(const TrilinosWrappers::MPI::Vector &x) const
  {
    if (importer == nullptr)
      return nullptr;
    x_columns->Import(x.trilinos_vector(), *importer, Insert);
    return x_columns->Values();
  }



  void
  LocalSymmetricGaussSeidel::step(TrilinosWrappers::MPI::Vector       &x_vector,
                                  const TrilinosWrappers::MPI::Vector &b_vector) const
  {
    double       *x      = x_vector.begin();
    const double *b      = b_vector.begin();
    const float  *a      = values.data();
    const double *ghost  = import_ghosts(x_vector); // x at the other ranks' columns
    auto          update = [&](const int i) {
      double r = b[i] - row_product(a, columns, x, offsets[i], ghosts_begin[i]);
      if (ghost != nullptr)
        r -= row_product(a, columns, ghost, ghosts_begin[i], offsets[i + 1]);
      x[i] += r * inverse_diagonal[i];
    };
    for (int i = 0; i < n_rows; ++i)
      update(i);
    for (int i = n_rows - 1; i >= 0; --i)
      update(i);
  }



  template <int dim>
  std::optional<TensorGridUnknowns>
  TensorGridUnknowns::detect(const std::map<types::global_dof_index, Point<dim>> &points,
                             const IndexSet                                      &owned,
                             const std::vector<unsigned int>                     &component,
                             const unsigned int                                   n_components,
                             MPI_Comm                                             comm)
  {
    double extent = 0.0;
    for (const types::global_dof_index dof : owned)
      for (unsigned int d = 0; d < dim; ++d)
        extent = std::max(extent, std::abs(points.at(dof)[d]));
    const double tolerance = 1e-9 * Utilities::MPI::max(extent, comm);

    TensorGridUnknowns grid;
    grid.n_components   = n_components;
    std::size_t n_nodes = 1;
    for (unsigned int d = 0; d < dim; ++d)
      {
        std::vector<double> x;
        for (const types::global_dof_index dof : owned)
          x.push_back(points.at(dof)[d]);
        grid.lines.push_back(distinct_values(std::move(x), tolerance, comm));
        n_nodes *= grid.lines.back().size();
      }
    if (n_nodes * n_components != owned.size())
      return std::nullopt;

    // the grid slot of every owned unknown; a point off the grid lines or a
    // slot taken twice: no tensor grid
    std::vector<long long> slot_unknown(n_nodes * n_components, -1);
    bool                   on_grid = true;
    unsigned int           i       = 0;
    for (const types::global_dof_index dof : owned)
      {
        std::size_t node = 0, stride = 1;
        for (unsigned int d = 0; d < dim; ++d)
          {
            const std::vector<double> &l    = grid.lines[d];
            const double               x    = points.at(dof)[d];
            const auto                 line = std::lower_bound(l.begin(), l.end(), x - tolerance);
            on_grid = on_grid && line != l.end() && std::abs(*line - x) <= tolerance;
            node += (line - l.begin()) * stride;
            stride *= l.size();
          }
        long long &slot = slot_unknown[std::min(node, n_nodes - 1) * n_components + component[i++]];
        on_grid         = on_grid && slot < 0;
        slot            = dof;
      }
    if (Utilities::MPI::min(on_grid ? 1 : 0, comm) == 0)
      return std::nullopt;
    MPI_Allreduce(
      MPI_IN_PLACE, slot_unknown.data(), slot_unknown.size(), MPI_LONG_LONG, MPI_MAX, comm);
    if (*std::min_element(slot_unknown.begin(), slot_unknown.end()) < 0)
      return std::nullopt;
    grid.unknown.assign(slot_unknown.begin(), slot_unknown.end());
    return grid;
  }



  TensorGridMultigrid::TensorGridMultigrid(TensorGridUnknowns grid_,
                                           const unsigned int coarsest_unknowns)
    : grid(std::move(grid_))
    , coarsest_control(1, 0)
  {
    std::vector<std::vector<unsigned int>> lines;
    for (const std::vector<double> &l : grid.lines)
      {
        lines.emplace_back(l.size());
        for (unsigned int i = 0; i < l.size(); ++i)
          lines.back()[i] = i;
      }
    auto n_unknowns = [&](const std::vector<std::vector<unsigned int>> &g) {
      std::size_t n = grid.n_components;
      for (const std::vector<unsigned int> &l : g)
        n *= l.size();
      return n;
    };
    std::vector<std::vector<std::vector<unsigned int>>> grids{lines};
    while (n_unknowns(grids.back()) > coarsest_unknowns)
      {
        std::vector<std::vector<unsigned int>> coarse;
        for (const std::vector<unsigned int> &l : grids.back())
          coarse.push_back(coarsened(l));
        if (coarse == grids.back())
          break;
        grids.push_back(std::move(coarse));
      }
    levels.resize(grids.size());
    for (unsigned int l = 0; l < grids.size(); ++l)
      levels[l].lines = grids[grids.size() - 1 - l];
  }



  void
  TensorGridMultigrid::number_unknowns(Level &level, const std::vector<char> &constrained) const
  {
    // this rank's unknowns of the grid, numbered after those of the lower ranks
    const std::vector<unsigned int> finest_sizes = grid.sizes();
    const unsigned int              nc           = grid.n_components;
    std::vector<std::size_t>        mine;
    for_each_node(level.lines, finest_sizes, [&](const std::size_t node, const auto &) {
      for (unsigned int c = 0; c < nc; ++c)
        {
          const types::global_dof_index u = grid.unknown[node * nc + c];
          if (!constrained[u] && levels.back().owned.is_element(u))
            mine.push_back(node * nc + c);
        }
    });
    std::sort(mine.begin(), mine.end());
    unsigned long long       offset = 0;
    const unsigned long long n_mine = mine.size();
    MPI_Exscan(&n_mine, &offset, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, comm);
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      offset = 0;
    const std::size_t n_total = Utilities::MPI::sum(mine.size(), comm);

    level.index.assign(grid.unknown.size(), -1);
    for (std::size_t i = 0; i < mine.size(); ++i)
      level.index[mine[i]] = offset + i;
    MPI_Allreduce(
      MPI_IN_PLACE, level.index.data(), level.index.size(), MPI_LONG_LONG, MPI_MAX, comm);
    level.owned = IndexSet(n_total);
    level.owned.add_range(offset, offset + n_mine);
  }



  void
  TensorGridMultigrid::build_prolongation(Level                   &fine,
                                          const Level             &coarse,
                                          const std::vector<char> &constrained) const
  {
    const unsigned int                                                     dim = grid.lines.size();
    std::vector<std::vector<std::vector<std::pair<unsigned int, double>>>> weights;
    for (unsigned int d = 0; d < dim; ++d)
      weights.push_back(line_interpolation(fine.lines[d], coarse.lines[d], grid.lines[d]));

    const std::vector<unsigned int> finest_sizes = grid.sizes();
    const unsigned int              nc           = grid.n_components;
    std::vector<std::tuple<types::global_dof_index, types::global_dof_index, double>> entries;
    for_each_node(fine.lines, finest_sizes, [&](const std::size_t node, const auto &position) {
      for (unsigned int c = 0; c < nc; ++c)
        {
          const long long row = fine.index[node * nc + c];
          if (row < 0 || !fine.owned.is_element(row) || constrained[grid.unknown[node * nc + c]])
            continue;
          // the tensor product of the axes' weights
          std::vector<std::pair<std::size_t, double>> terms{{0, 1.0}};
          std::size_t                                 stride = 1;
          for (unsigned int d = 0; d < dim; ++d)
            {
              std::vector<std::pair<std::size_t, double>> next;
              for (const auto &[node_so_far, w] : terms)
                for (const auto &[line, w_d] : weights[d][position[d]])
                  next.push_back({node_so_far + line * stride, w * w_d});
              terms = std::move(next);
              stride *= finest_sizes[d];
            }
          for (const auto &[coarse_node, w] : terms)
            if (const long long col = coarse.index[coarse_node * nc + c]; col >= 0)
              entries.emplace_back(row, col, w);
        }
    });

    DynamicSparsityPattern dsp(fine.owned.size(), coarse.owned.size(), fine.owned);
    for (const auto &[row, col, w] : entries)
      dsp.add(row, col);
    fine.prolongation.reinit(fine.owned, coarse.owned, dsp, comm);
    for (const auto &[row, col, w] : entries)
      fine.prolongation.set(row, col, w);
    fine.prolongation.compress(VectorOperation::insert);
  }



  void
  TensorGridMultigrid::initialize(const TrilinosWrappers::SparseMatrix &A)
  {
    comm = A.get_mpi_communicator();

    // decoupled rows (Dirichlet constraints): no off-diagonal entry
    std::vector<int>        decoupled(A.m(), 0);
    const Epetra_CrsMatrix &M = A.trilinos_matrix();
    for (int r = 0; r < M.NumMyRows(); ++r)
      {
        int     n;
        double *values;
        int    *columns;
        M.ExtractMyRowView(r, n, values, columns);
        const auto row     = TrilinosWrappers::global_row_index(M, r);
        bool       coupled = false;
        for (int k = 0; k < n; ++k)
          coupled = coupled || (values[k] != 0.0 &&
                                TrilinosWrappers::global_column_index(M, columns[k]) != row);
        decoupled[row] = coupled ? 0 : 1;
      }
    MPI_Allreduce(MPI_IN_PLACE, decoupled.data(), decoupled.size(), MPI_INT, MPI_MAX, comm);
    std::vector<char> constrained(decoupled.begin(), decoupled.end());
    // the grids' unknowns and prolongations change only with the constraints
    const bool same_grids = (constrained == grid_constraints);
    grid_constraints      = std::move(constrained);

    Level &finest = levels.back();
    finest.A      = &A;
    finest.owned  = A.locally_owned_range_indices();
    finest.index.assign(grid.unknown.begin(), grid.unknown.end());
    for (unsigned int l = levels.size() - 1; l > 0; --l)
      {
        Level &fine = levels[l], &coarse = levels[l - 1];
        if (!same_grids)
          {
            number_unknowns(coarse, grid_constraints);
            build_prolongation(fine, coarse, grid_constraints);
          }

        // A_{l-1} = P^T (A_l P)
        const Epetra_CrsMatrix &P = fine.prolongation.trilinos_matrix();
        Epetra_CrsMatrix        AP(Copy, fine.A->trilinos_matrix().RowMap(), 0);
        Epetra_CrsMatrix        PtAP(Copy, P.DomainMap(), 0);
        if (EpetraExt::MatrixMatrix::Multiply(fine.A->trilinos_matrix(), false, P, false, AP) !=
              0 ||
            EpetraExt::MatrixMatrix::Multiply(P, true, AP, false, PtAP) != 0)
          throw std::runtime_error("geometric multigrid: a Galerkin product failed");
        coarse.galerkin.reinit(PtAP, true);
        coarse.A = &coarse.galerkin;
      }

    for (unsigned int l = 0; l < levels.size(); ++l)
      {
        Level &level = levels[l];
        if (l > 0)
          level.smoother.initialize(*level.A);
        if (l + 1 < levels.size())
          {
            level.x.reinit(level.owned, comm);
            level.b.reinit(level.owned, comm);
          }
        level.r.reinit(level.owned, comm);
      }
    coarsest_solver = std::make_unique<TrilinosWrappers::SolverDirect>(
      coarsest_control, TrilinosWrappers::SolverDirect::AdditionalData(false, "Amesos_Klu"));
    coarsest_solver->initialize(*levels.front().A);
  }



  void
  TensorGridMultigrid::v_cycle(const unsigned int                   l,
                               TrilinosWrappers::MPI::Vector       &x,
                               const TrilinosWrappers::MPI::Vector &b) const
  {
    if (l == 0)
      {
        coarsest_solver->solve(x, b);
        return;
      }
    const Level &level = levels[l], &coarse = levels[l - 1];
    level.smoother.vmult(x, b, level.r);          // pre-smoothing from x = 0, r = b - A x
    level.prolongation.Tvmult(coarse.b, level.r); // restriction P^T r
    v_cycle(l - 1, coarse.x, coarse.b);
    level.prolongation.vmult_add(x, coarse.x); // coarse-grid correction
    level.smoother.step(x, b);                 // post-smoothing
  }



  void
  TensorGridMultigrid::vmult(TrilinosWrappers::MPI::Vector       &dst,
                             const TrilinosWrappers::MPI::Vector &src) const
  {
    v_cycle(levels.size() - 1, dst, src);
  }



  template std::optional<TensorGridUnknowns>
  TensorGridUnknowns::detect<2>(const std::map<types::global_dof_index, Point<2>> &,
                                const IndexSet &,
                                const std::vector<unsigned int> &,
                                unsigned int,
                                MPI_Comm);
  template std::optional<TensorGridUnknowns>
  TensorGridUnknowns::detect<3>(const std::map<types::global_dof_index, Point<3>> &,
                                const IndexSet &,
                                const std::vector<unsigned int> &,
                                unsigned int,
                                MPI_Comm);
} // namespace needlesim
