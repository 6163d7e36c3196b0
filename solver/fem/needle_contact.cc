#include "needle_contact.h"

#include <cmath>
#include <utility>

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
  NeedleContact<dim>::NeedleContact(std::shared_ptr<const NeedleShape>   needle_,
                                    std::function<double(double)>        tip_position_,
                                    const ContactSettings               &settings_,
                                    std::set<dealii::types::boundary_id> boundaries_)
    : needle(std::move(needle_))
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
    const auto   d     = needle->signed_distance(to_3d<dim>(point.X + u), z_tip);
    // the gap the law sees, shifted by the multiplier (0 without augmentation)
    const double shift = committed[i].shift;
    if (d.value - shift >= 0.0)
      return;

    const FrictionalContact law = law_of(i);
    // (frictionless contact needs no slip, nor the gap at the step's start)
    const Slip slip =
      settings.friction > 0.0 ? slip_in_step(point.X, u, u_n, t, dt, d, shift) : Slip();
    const FrictionalContact::Response r = law.evaluate({d.value - shift, d.normal, d.hessian},
                                                       slip.value,
                                                       committed[i].tangential_force,
                                                       slip.jacobian);

    for (unsigned int c = 0; c < dim; ++c)
      {
        force[c] = r.force[component_3d<dim>(c)];
        for (unsigned int e = 0; e < dim; ++e)
          stiffness[c][e] = r.stiffness[component_3d<dim>(c)][component_3d<dim>(e)];
      }
    state.tangential_force = r.tangential_force;
    state.force            = point.weight * r.force;
    state.stored           = point.weight * (r.stored - law.normal_energy(shift));
    state.dissipation      = point.weight * r.dissipation;
    state.pressure         = r.pressure;
  }



  template <int dim>
  FrictionalContact
  NeedleContact<dim>::law_of(const unsigned int i) const
  {
    // eps = kappa E / l, l the penalty length or else the face size h: with a
    // fixed l the penalised problem, and with it the Newton iterations that
    // settle the contact set, no longer change with the mesh (theory 8)
    const double face   = this->point_list[i].size;
    const double length = settings.penalty_length > 0.0 ? settings.penalty_length : face;
    const double eps    = settings.penalty_factor * settings.modulus / length;
    // the penalty rounded over 1e-3 of the face size whatever the penalty
    // length (about a tenth of the penetration with l = h; over 1e-3 l the
    // benchmark's Newton iterations rose by 5-7 %); stick stiffness eps / 100:
    // elastic slip before sliding mu p / eps_T of a fraction of the face
    // (stiffer sticking made the apex nodes switch between stick and slip,
    // docs/theory.md 9)
    return FrictionalContact({eps, 0.01 * eps, settings.friction, 1e-3 * face});
  }



  template <int dim>
  typename NeedleContact<dim>::Slip
  NeedleContact<dim>::slip_in_step(const dealii::Point<dim>     &X,
                                   const dealii::Tensor<1, dim> &u,
                                   const dealii::Tensor<1, dim> &u_n,
                                   const double                  t,
                                   const double                  dt,
                                   const NeedleShape::Distance  &d,
                                   const double                  shift) const
  {
    // relative displacement of the skin point against the needle in the step,
    //   s = (u - u_n) - (z_tip - z_tip,n) e_z
    const double z_tip_n = tip_position(t - dt);
    Slip         slip;
    slip.value = to_3d<dim>(u - u_n);
    slip.value[2] -= tip_position(t) - z_tip_n;
    slip.jacobian = static_cast<Tensor2>(identity2());
    // A point that was apart from the needle at the start of the step, g_n > 0,
    // and is inside it at the end, g < 0, touched it at the fraction
    //   theta = g_n / (g_n - g)
    // of the step (gap linear in the step) and slides only for the rest:
    //   d = (1 - theta) s,   dd/du = (1 - theta) I - s (x) dtheta/du,
    //   dtheta/du = g_n / (g_n - g)^2 n.
    // Charging it the whole step's s made the friction of the points the cone
    // sweeps over grow with the load step (an error of first order in the step).
    // (gaps shifted by the multiplier's s_n)
    const double g_n = needle->signed_distance(to_3d<dim>(X + u_n), z_tip_n).value - shift;
    const double g   = d.value - shift;
    if (g_n > 0.0)
      {
        const double theta = g_n / (g_n - g);
        slip.jacobian      = (1.0 - theta) * slip.jacobian -
                        dealii::outer_product(slip.value, g_n / ((g_n - g) * (g_n - g)) * d.normal);
        slip.value *= 1.0 - theta;
      }
    return slip;
  }



  template <int dim>
  void
  NeedleContact<dim>::commit()
  {
    committed = trial;
    for (const PointState &s : committed)
      dissipated += s.dissipation;
    if (settings.augmented)
      for (unsigned int i = 0; i < committed.size(); ++i)
        committed[i].shift = law_of(i).penetration_at(committed[i].pressure);
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
