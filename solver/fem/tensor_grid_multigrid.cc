#include "tensor_grid_multigrid.h"

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/trilinos_index_access.h>

#include <EpetraExt_MatrixMatrix.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
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
  LocalSymmetricGaussSeidel::initialize(const TrilinosWrappers::SparseMatrix &A,
                                        const unsigned int                    block_size)
  {
    const Epetra_CrsMatrix &M = A.trilinos_matrix();
    int                    *o, *c;
    double                 *v;
    if (M.ExtractCrsDataPointers(o, c, v) != 0)
      throw std::runtime_error("Gauss-Seidel smoother: matrix storage not in CSR form");
    n_rows = M.NumMyRows();
    // Epetra numbers the owned columns first, in the order of the rows, and
    // sorts the columns of a row: the entries left of the diagonal are the
    // couplings to the unknowns a forward sweep has updated before
    for (int i = 0; i < n_rows; ++i)
      {
        if (!std::is_sorted(c + o[i], c + o[i + 1]))
          throw std::runtime_error("Gauss-Seidel smoother: unsorted matrix rows");
        if (M.ColMap().GID(i) != M.RowMap().GID(i))
          throw std::runtime_error("Gauss-Seidel smoother: column map without the rows first");
      }

    // The blocks: rows B m ... B m + B - 1 and columns B j ... B j + B - 1,
    // every block that holds an entry of the CSR matrix, the others' entries
    // zero. One column index serves B x B values, in single precision (the
    // sweeps stream the matrix, and a preconditioner needs no more digits).
    auto store_blocks = [&](const int B) {
      block              = B;
      const int n_blocks = n_rows / B;
      offsets.assign(n_blocks + 1, 0);
      columns.clear();
      std::vector<int> merged, row, both;
      for (int m = 0; m < n_blocks; ++m)
        {
          // the union of the B rows' block columns (each row sorted) and the
          // diagonal block, if only of zeros
          merged.assign(1, m);
          for (int i = B * m; i < B * (m + 1); ++i)
            {
              row.clear();
              for (int k = o[i]; k < o[i + 1]; ++k)
                if (row.empty() || row.back() != c[k] / B)
                  row.push_back(c[k] / B);
              both.clear();
              std::set_union(
                merged.begin(), merged.end(), row.begin(), row.end(), std::back_inserter(both));
              merged.swap(both);
            }
          columns.insert(columns.end(), merged.begin(), merged.end());
          offsets[m + 1] = columns.size();
        }
      values.assign(columns.size() * B * B, 0.0f);
      for (int i = 0; i < n_rows; ++i)
        for (int k = o[i], p = offsets[i / B]; k < o[i + 1]; ++k)
          {
            while (columns[p] != c[k] / B)
              ++p;
            values[(p * B + i % B) * B + c[k] % B] = v[k];
          }
    };
    // node blocks where they hold few zeros (Q1 vector fields: none; a
    // rank's columns must end with a whole block)
    const int  B      = block_size == 3 ? 3 : 1; // the kernels are compiled for these
    const bool blocks = B > 1 && n_rows % B == 0 && M.NumMyCols() % B == 0;
    if (blocks)
      store_blocks(B);
    if (!blocks || values.size() > 1.25 * o[n_rows])
      store_blocks(1);

    const int n_blocks = n_rows / block;
    diagonal.assign(n_blocks, 0);
    ghosts_begin.assign(n_blocks, 0);
    for (int m = 0; m < n_blocks; ++m)
      {
        const auto first = columns.begin() + offsets[m], last = columns.begin() + offsets[m + 1];
        diagonal[m] = std::lower_bound(first, last, m) - columns.begin();
        // the other ranks' columns come last (numbered after the owned ones)
        ghosts_begin[m] = std::lower_bound(first, last, n_blocks) - columns.begin();
      }
    inverse_diagonal.assign(n_rows, 0.0);
    for (int i = 0; i < n_rows; ++i)
      {
        const double a_ii = values[(diagonal[i / block] * block + i % block) * block + i % block];
        if (a_ii != 0.0)
          inverse_diagonal[i] = 1.0 / a_ii;
      }
    importer = M.Importer();
    if (importer != nullptr)
      x_columns = std::make_unique<Epetra_Vector>(M.ColMap());
    delta.assign(n_rows, 0.0);
    ghost_part.assign(n_rows, 0.0);
  }



  namespace
  {
    /// s_r += sum over the blocks [begin, end) of a block row of
    /// sum_q a_(r,q) x_(B column + q), for the B rows r of the block row, in
    /// two or four partial sums: with one, every multiply-add waits for the
    /// one before (n16 benchmark, 2 ranks: Krylov 2.3-2.6 -> 2.0 s, n32 32-33
    /// -> 30 s, the same iterations)
    template <int B>
    inline void
    add_block_products(const float  *a,
                       const int    *column,
                       const double *x,
                       const int     begin,
                       const int     end,
                       double (&s)[B])
    {
      constexpr int P = B == 1 ? 4 : 2; // independent chains per row
      double        t[P][B]{};
      int           k = begin;
      for (; k + P - 1 < end; k += P)
        for (int p = 0; p < P; ++p)
          for (int r = 0; r < B; ++r)
            for (int q = 0; q < B; ++q)
              t[p][r] += a[(k + p) * B * B + r * B + q] * x[B * column[k + p] + q];
      for (; k < end; ++k)
        for (int r = 0; r < B; ++r)
          for (int q = 0; q < B; ++q)
            t[0][r] += a[k * B * B + r * B + q] * x[B * column[k] + q];
      for (int r = 0; r < B; ++r)
        for (int p = 0; p < P; ++p)
          s[r] += t[p][r];
    }
  } // namespace



  void
  LocalSymmetricGaussSeidel::prefetch(const int m, const int distance) const
  {
    // A sweep waits for each row's x_i before the next row can finish, and
    // the core's window holds about one row: without help it has the
    // matrix lines of one row at a time in flight, and out of cache it
    // streams at less than half a matrix-vector product's rate (5.2 ms per
    // sweep over 64 MB against 3.3 ms for a product over 96 MB). Asking for
    // the lines of the row `distance` rows ahead keeps the stream going
    // (graded 32^3 elasticity, 1 rank, 3 x 3 blocks: a forward and a
    // backward sweep 10.5 -> 5.4 ms; 16^3, in cache: 0.68 -> 0.66 ms; 4, 8,
    // 16 rows ahead alike).
    const int next = m + distance;
    if (next < 0 || next >= int(diagonal.size()))
      return;
    const int   B = block;
    const char *v = reinterpret_cast<const char *>(values.data() + offsets[next] * B * B);
    const char *e = reinterpret_cast<const char *>(values.data() + offsets[next + 1] * B * B);
    for (; v < e; v += 64)
      __builtin_prefetch(v);
    const char *c = reinterpret_cast<const char *>(columns.data() + offsets[next]);
    const char *f = reinterpret_cast<const char *>(columns.data() + offsets[next + 1]);
    for (; c < f; c += 64)
      __builtin_prefetch(c);
  }



  template <int B>
  void
  LocalSymmetricGaussSeidel::vmult_blocks(TrilinosWrappers::MPI::Vector       &x_vector,
                                          const TrilinosWrappers::MPI::Vector &b_vector,
                                          TrilinosWrappers::MPI::Vector       &r_vector) const
  {
    double       *x = x_vector.begin();
    double       *r = r_vector.begin();
    const double *b = b_vector.begin();
    const float  *a = values.data();
    const int    *c = columns.data();
    double       *d = delta.data();
    const int     n = n_rows / B;
    // forward from x = 0: only the entries left of the diagonal meet nonzero
    // x_j: the blocks left of the diagonal block, and in it the rows above
    for (int m = 0; m < n; ++m)
      {
        prefetch(m, rows_ahead);
        double s[B]{};
        add_block_products<B>(a, c, x, offsets[m], diagonal[m], s);
        const float *D = a + diagonal[m] * B * B;
        for (int i = 0; i < B; ++i)
          {
            for (int q = 0; q < i; ++q)
              s[i] += D[i * B + q] * x[B * m + q];
            x[B * m + i] = (b[B * m + i] - s[i]) * inverse_diagonal[B * m + i];
          }
      }
    // backward: the row's own columns, x_i += d_i = (b_i - sum_j a_ij x_j) / a_ii
    for (int m = n - 1; m >= 0; --m)
      {
        prefetch(m, -rows_ahead);
        double s[B]{};
        add_block_products<B>(a, c, x, offsets[m], diagonal[m], s);
        add_block_products<B>(a, c, x, diagonal[m] + 1, ghosts_begin[m], s);
        const float *D = a + diagonal[m] * B * B;
        for (int i = B - 1; i >= 0; --i)
          {
            double residual = b[B * m + i] - s[i];
            for (int q = 0; q < B; ++q)
              residual -= D[i * B + q] * x[B * m + q];
            const double update = residual * inverse_diagonal[B * m + i];
            d[B * m + i]        = update;
            x[B * m + i] += update;
            // what the update leaves of the row's residual: nothing, unless the
            // row has no diagonal to solve with
            r[B * m + i] = inverse_diagonal[B * m + i] != 0.0 ? 0.0 : residual;
          }
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
    for (int m = 0; m < n; ++m)
      {
        prefetch(m, rows_ahead);
        double s[B]{};
        add_block_products<B>(a, c, d, offsets[m], diagonal[m], s);
        if (ghost != nullptr)
          add_block_products<B>(a, c, ghost, ghosts_begin[m], offsets[m + 1], s);
        const float *D = a + diagonal[m] * B * B;
        for (int i = 0; i < B; ++i)
          {
            for (int q = 0; q < i; ++q)
              s[i] += D[i * B + q] * d[B * m + q];
            r[B * m + i] -= s[i];
          }
      }
  }



  template <int B>
  void
  LocalSymmetricGaussSeidel::step_blocks(double *x, const double *b, const double *ghost) const
  {
    const float *a = values.data();
    const int   *c = columns.data();
    double      *g = ghost_part.data();
    const int    n = n_rows / B;
    // the other ranks' part of each row, fixed during the sweeps
    for (int m = 0; m < n; ++m)
      {
        double s[B]{};
        if (ghost != nullptr)
          add_block_products<B>(a, c, ghost, ghosts_begin[m], offsets[m + 1], s);
        for (int i = 0; i < B; ++i)
          g[B * m + i] = s[i];
      }
    // x_i += (b_i - sum_j a_ij x_j) / a_ii, forward (ascending rows) or backward
    auto update = [&](const int m, const bool forward) {
      prefetch(m, forward ? rows_ahead : -rows_ahead);
      double s[B]{};
      add_block_products<B>(a, c, x, offsets[m], diagonal[m], s);
      add_block_products<B>(a, c, x, diagonal[m] + 1, ghosts_begin[m], s);
      const float *D = a + diagonal[m] * B * B;
      for (int k = 0; k < B; ++k)
        {
          const int i        = forward ? k : B - 1 - k;
          double    residual = b[B * m + i] - s[i] - g[B * m + i];
          for (int q = 0; q < B; ++q)
            residual -= D[i * B + q] * x[B * m + q];
          x[B * m + i] += residual * inverse_diagonal[B * m + i];
        }
    };
    for (int m = 0; m < n; ++m)
      update(m, true);
    for (int m = n - 1; m >= 0; --m)
      update(m, false);
  }



  void
  LocalSymmetricGaussSeidel::vmult(TrilinosWrappers::MPI::Vector       &x,
                                   const TrilinosWrappers::MPI::Vector &b,
                                   TrilinosWrappers::MPI::Vector       &r) const
  {
    if (block == 3)
      vmult_blocks<3>(x, b, r);
    else
      vmult_blocks<1>(x, b, r);
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
  LocalSymmetricGaussSeidel::step(TrilinosWrappers::MPI::Vector       &x,
                                  const TrilinosWrappers::MPI::Vector &b) const
  {
    const double *ghost = import_ghosts(x); // x at the other ranks' columns
    if (block == 3)
      step_blocks<3>(x.begin(), b.begin(), ghost);
    else
      step_blocks<1>(x.begin(), b.begin(), ghost);
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
          level.smoother.initialize(*level.A, grid.n_components);
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
