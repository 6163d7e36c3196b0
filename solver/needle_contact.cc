#include "needle_contact.h"

#include <cmath>

namespace needlesim
{
  namespace
  {
    template <int dim>
    Tensor1
    to_3d(const dealii::Tensor<1, dim> &v)
    {
      Tensor1 w;
      if (dim == 3)
        for (unsigned int i = 0; i < 3; ++i)
          w[i] = v[i];
      else
        {
          w[0] = v[0];
          w[2] = v[dim - 1];
        }
      return w;
    }

    // Index of the 3-d component that a component of a dim-d vector maps to.
    template <int dim>
    unsigned int
    component_3d(const unsigned int c)
    {
      return dim == 3 ? c : (c == 0 ? 0 : 2);
    }
  } // namespace



  template <int dim>
  NeedleContact<dim>::NeedleContact(const NeedleGeometry                &needle_,
                                    std::function<double(double)>        tip_position_,
                                    const ContactSettings               &settings_,
                                    std::set<dealii::types::boundary_id> boundaries_)
    : needle(needle_)
    , tip_position(std::move(tip_position_))
    , settings(settings_)
    , contact_boundaries(std::move(boundaries_))
  {}



  template <int dim>
  void
  NeedleContact<dim>::set_points(std::vector<SurfacePoint<dim>> points)
  {
    SurfaceInteraction<dim>::set_points(std::move(points));
    trial.assign(this->point_list.size(), NodeState());
    committed = trial;
  }



  template <int dim>
  void
  NeedleContact<dim>::evaluate(const unsigned int            i,
                               const dealii::Tensor<1, dim> &u,
                               const dealii::Tensor<1, dim> &u_n,
                               const double                  t,
                               const double                  dt,
                               dealii::Tensor<1, dim>       &force,
                               dealii::Tensor<2, dim>       &stiffness)
  {
    const SurfacePoint<dim> &point = this->point_list[i];
    const double                z_tip = tip_position(t);
    const Tensor1               x     = to_3d<dim>(point.X + u);
    const NeedleGeometry::Distance d  = distance(i, x, z_tip);

    NodeState &state = trial[i];
    state            = NodeState();
    state.gap        = d.value;
    if (d.value >= 0.0)
      return;

    const double eps = settings.penalty, mu = settings.friction;
    const double p   = -eps * d.value; // contact pressure [MPa]
    Tensor1      f   = eps * d.value * d.normal;
    dealii::Tensor<2, 3> K =
      eps * (dealii::outer_product(d.normal, d.normal) + d.value * static_cast<Tensor2>(d.hessian));

    // Regularised Coulomb friction on the slip relative to the needle.
    const double dz = z_tip - tip_position(t - dt);
    Tensor1      relative = to_3d<dim>(u - u_n);
    relative[2] -= dz;
    const Tensor2 tangential = static_cast<Tensor2>(identity2()) - dealii::outer_product(d.normal, d.normal);
    const Tensor1 s          = tangential * relative;
    const double  r          = std::sqrt(s * s + settings.slip_regularization * settings.slip_regularization);
    const Tensor1 s_hat      = s / r;
    f += mu * p * s_hat;
    K += mu * (dealii::outer_product(s_hat, -eps * d.normal) +
               p / r * (static_cast<Tensor2>(identity2()) - dealii::outer_product(s, s) / (r * r)) *
                 tangential);

    for (unsigned int c = 0; c < dim; ++c)
      {
        force[c] = f[component_3d<dim>(c)];
        for (unsigned int e = 0; e < dim; ++e)
          stiffness[c][e] = K[component_3d<dim>(c)][component_3d<dim>(e)];
      }
    state.pressure      = p;
    state.force         = point.weight * f;
    state.friction_work = point.weight * mu * p * (s * s) / r;
  }



  template <int dim>
  NeedleGeometry::Distance
  NeedleContact<dim>::distance(const unsigned int i, const Tensor1 &x, const double z_tip) const
  {
    const double zeta = x[2] - z_tip;
    const double r    = needle.radius_at_height(zeta);
    if (!splitting || dim != 3 || std::abs(this->point_list[i].X[1]) > 1e-12 ||
        std::abs(x[0]) >= r)
      return needle.signed_distance(x, z_tip);
    // The wedge: g = y - sqrt(r^2 - x^2), grad g = (x/w, 1, -r r'/w); in the
    // gradient w is kept above r/20 so that it stays bounded at the rim.
    const double h      = 1e-6;
    const double dr     = (needle.radius_at_height(zeta + h) - needle.radius_at_height(zeta - h)) /
                      (2.0 * h);
    const double w      = std::sqrt(r * r - x[0] * x[0]);
    const double w_grad = std::max(w, 0.05 * r);
    Tensor1      grad;
    grad[0]             = x[0] / w_grad;
    grad[1]             = 1.0;
    grad[2]             = -r * dr / w_grad;
    const double norm   = grad.norm();
    NeedleGeometry::Distance d;
    d.value  = (x[1] - w) / norm;
    d.normal = grad / norm;
    d.hessian = SymTensor2();
    return d;
  }



  template <int dim>
  void
  NeedleContact<dim>::commit()
  {
    committed = trial;
    for (const NodeState &s : committed)
      dissipated += s.friction_work;
  }



  template <int dim>
  Tensor1
  NeedleContact<dim>::force_on_needle() const
  {
    Tensor1 sum;
    for (const NodeState &s : committed)
      sum += s.force;
    return sum;
  }



  template <int dim>
  double
  NeedleContact<dim>::penalty_energy() const
  {
    double energy = 0.0;
    for (unsigned int i = 0; i < committed.size(); ++i)
      if (committed[i].gap < 0.0)
        energy += 0.5 * settings.penalty * this->point_list[i].weight * committed[i].gap *
                  committed[i].gap;
    return energy;
  }



  template <int dim>
  double
  NeedleContact<dim>::max_penetration() const
  {
    double m = 0.0;
    for (const NodeState &s : committed)
      m = std::max(m, -s.gap);
    return m;
  }

  template class NeedleContact<2>;
  template class NeedleContact<3>;
} // namespace needlesim
