#pragma once

#include <cstddef>
#include <vector>

#include "kinetics/model/mechanism.hpp"

/// First-order adsorbate interactions (docs/CONFIG.md, "Adsorbate interactions"; CatMAP's
/// `first_order` model): the ε matrix of a mechanism, the response function F, and interaction
/// energies at a set of coverages with their exact derivatives.
///
///   E_i(θ) = E_i° + Σ_j F(t_j)·ε_ij·θ_j                      (j over the adsorbates)
///   ∂E_i/∂θ_n = F(t_n)·ε_in + F′(t_n)·Σ_{j on n's site type} ε_ij·θ_j
///
/// t_j is the total adsorbate coverage of j's site type (Σθ over its adsorbates). Transition states
/// carry no coverage; the row of a step's transition state is
/// ε_TS,j = (1 − w)·Σ_IS ε_a,j + w·Σ_FS ε_b,j (stoichiometric counts, adsorbates only).
///
/// A "row" is a vector over the state vector (mechanism::surface): free sites have ε = 0 and
/// carry no interaction. Units: ε and energies [eV], coverages dimensionless.
namespace tofmap {

/// F(t) and dF/dt of a response function.
struct response_value {
  double F = 0;
  double dF = 0;
};

/// The response function at total coverage `t`: `linear` F = S; `piecewise_linear` F = 0 for
/// t ≤ C, S·(t − C)/t above; `smooth_piecewise_linear` F = 0 for t ≤ C − D,
/// S·(t − (C − D))²/(4D·t) up to C + D, S·(t − C)/t above.
response_value respond(const interaction_response& r, double t);

/// w of step `st`: its `ts_weight=`, else the model's `interaction_ts`.
double ts_weight(const mechanism& m, const step& st);

/// The ε matrix of a mechanism over its state vector: the `interaction` lines, the missing pairs
/// of different adsorbates filled by the cross rule, zeros for free sites.
class interaction_matrix {
public:
  explicit interaction_matrix(const mechanism& m);

  /// Size of the state vector.
  std::size_t size() const { return n_; }

  /// ε_ij [eV]; 0 for a free site.
  double epsilon(std::size_t i, std::size_t j) const { return epsilon_[i * n_ + j]; }

  /// Row i of the matrix (size() entries).
  const double* row(std::size_t i) const { return epsilon_.data() + i * n_; }

  /// D_j = Σ_FS ε_b,j − Σ_IS ε_a,j of step `st` into `out` (size() entries): how the
  /// interactions move its dG. Its transition state moves its Ga by w·D.
  void reaction_row(const step& st, double* out) const;

  /// ε_TS,j of the transition state of step `st` with weight `w` into `out` (size() entries).
  void transition_state_row(const step& st, double w, double* out) const;

private:
  /// out += sign·Σ over the side's adsorbates of coefficient·row.
  void add_side(const std::vector<term>& side, double sign, double* out) const;

  std::size_t n_;
  std::vector<double> epsilon_; // n × n, row-major (symmetric)
};

/// max |ε_ij| over the pairs of adsorbates of `m` [eV] (0 without interactions).
double largest_epsilon(const mechanism& m);

/// The species whose E(θ) `[analysis] energies` reports, as indices into mechanism::energies:
/// the adsorbates with an energy in the order of the state vector, then the transition states
/// with an energy in the order of their steps.
std::vector<int> interacting_species(const mechanism& m);

/// The ε row of species `energy` (index into mechanism::energies: an adsorbate, or a transition
/// state, which inherits from the step that writes it) into `out` (size() entries).
void species_row(const mechanism& m, const interaction_matrix& eps, int energy, double* out);

/// The interaction terms of one set of coverages: F and F′ of every site type at its total
/// coverage, and F(t_j)·θ_j of every adsorbate. Sized once; evaluating allocates nothing.
class coverage_terms {
public:
  explicit coverage_terms(const mechanism& m);

  /// Evaluates the terms at `theta` (a state vector).
  void evaluate(const double* theta);

  /// Σ_j row_j·F(t_j)·θ_j at the last coverages: the interaction energy of `row` [eV].
  double energy(const double* row) const;

  /// ∂energy(row)/∂θ_n for every state species n into `out` (0 for free sites), at the last
  /// coverages.
  void gradient(const double* row, double* out);

  /// F and F′ of site type `t` at the last coverages.
  response_value response(std::size_t t) const { return response_[t]; }

private:
  interaction_response kind_;
  std::vector<int> site_type_;           // per state species; -1 for free sites
  std::vector<response_value> response_; // per site type
  std::vector<double> u_;                // F(t_j)·θ_j per state species (0 for free sites)
  std::vector<double> theta_;            // the last coverages
  std::vector<double> sums_;             // per site type: Σθ, or Σ row_j·θ_j (workspace)
};

} // namespace tofmap
