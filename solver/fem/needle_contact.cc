#include "needle_contact.h"

#include <cmath>

namespace needlesim
{
  namespace
  {
    // Index of the 3-d component that a component of a dim-d vector maps to
    // (axisymmetric: r -> x, z -> z).
    template <int dim>
    unsigned int
    component_3d(const unsigned int c)
    {
      return dim == 3 ? c : (c == 0 ? 0 : 2);
    }

    template <int dim>
    Tensor1
    to_3d(const dealii::Tensor<1, dim> &v)
    {
      Tensor1 w;
      for (unsigned int c = 0; c < dim; ++c)
        w[component_3d<dim>(c)] = v[c];
      return w;
    }

    template <int dim>
    double
    axis_distance(const dealii::Point<dim> &X)
    {
      return dim == 3 ? std::hypot(X[0], X[1]) : X[0];
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
  NeedleContact<dim>::set_points(std::vector<InteractionPoint<dim>> points)
  {
    Interaction<dim>::set_points(std::move(points));
    trial.assign(this->point_list.size(), PointState());
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
    const InteractionPoint<dim> &point = this->point_list[i];
    PointState                  &state = trial[i];
    state                              = PointState();
    if (axis_distance(point.X) < released_radius)
      return;

    const double z_tip = tip_position(t);
    const auto   d     = needle.signed_distance(to_3d<dim>(point.X + u), z_tip);
    if (d.value >= 0.0)
      return;

    const double eps = settings.penalty_factor * settings.modulus / point.size;
    // the penalty rounded over 1e-3 of the face size (a tenth of the
    // penetration); stick stiffness eps / 100: elastic slip before sliding
    // mu p / eps_T of a fraction of the face (stiffer sticking made the apex
    // nodes switch between stick and slip, docs/theory.md 9)
    const FrictionalContact law({eps, 0.01 * eps, settings.friction, 1e-3 * point.size});
    // slip of the skin relative to the needle in the step
    Tensor1 slip = to_3d<dim>(u - u_n);
    slip[2] -= z_tip - tip_position(t - dt);
    const FrictionalContact::Response r =
      law.evaluate({d.value, d.normal, d.hessian}, slip, committed[i].tangential_force);

    for (unsigned int c = 0; c < dim; ++c)
      {
        force[c] = r.force[component_3d<dim>(c)];
        for (unsigned int e = 0; e < dim; ++e)
          stiffness[c][e] = r.stiffness[component_3d<dim>(c)][component_3d<dim>(e)];
      }
    state.tangential_force = r.tangential_force;
    state.force            = point.weight * r.force;
    state.stored           = point.weight * r.stored;
    state.dissipation      = point.weight * r.dissipation;
    state.pressure         = r.pressure;
  }



  template <int dim>
  void
  NeedleContact<dim>::commit()
  {
    committed = trial;
    for (const PointState &s : committed)
      dissipated += s.dissipation;
  }



  template <int dim>
  Tensor1
  NeedleContact<dim>::force_on_needle() const
  {
    Tensor1 sum;
    for (const PointState &s : committed)
      sum += s.force;
    return sum;
  }



  template <int dim>
  double
  NeedleContact<dim>::stored_energy() const
  {
    double sum = 0.0;
    for (const PointState &s : committed)
      sum += s.stored;
    return sum;
  }

  template class NeedleContact<2>;
  template class NeedleContact<3>;
} // namespace needlesim
