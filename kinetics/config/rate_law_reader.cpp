#include "kinetics/config/rate_law_reader.hpp"

#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

/// The attribute `key` of `x`, or nullptr for a key that is not a number of the law.
std::optional<double>* number_of(rate_law_attributes& x, const std::string& key) {
  return key == "A" ? &x.A : key == "b" ? &x.b : key == "Ea" ? &x.Ea : nullptr;
}

/// "Ea=" when only Ea is given, "b=" when only b, "b= and Ea=" for both.
std::string arrhenius_extras(const rate_law_attributes& x) {
  if (x.b && x.Ea)
    return "b= and Ea=";
  return x.b ? "b=" : "Ea=";
}

/// Whether dG can change the rates of `st`: not for an irreversible step whose kf ignores it
/// (modified Arrhenius; collision theory adsorbing forward). Under transition-state theory dG
/// enters the barrier max(Ga, dG, 0) even when the step is irreversible.
bool dG_enters_rates(const step& st) {
  return st.reversible || !(st.arrhenius || (st.sticking() && !st.gas_initial.empty()));
}

} // namespace

bool rate_law_attributes::read(const ini_entry& e, const std::string& what, const std::string& key,
                               const std::string& value) {
  auto* number = number_of(*this, key);
  if (number == nullptr && key != "reversible")
    return false;
  if (number != nullptr ? number->has_value() : reversible.has_value())
    e.fail(what + "'" + key + "' is given twice");
  const auto name = what + "'" + key + "'";
  if (key == "A")
    A = read_positive(e, name, value);
  else if (number != nullptr)
    *number = read_double(e, name, value);
  else if (value == "yes" || value == "no")
    reversible = value == "yes";
  else
    e.fail(name + " must be yes or no, got '" + value + "'");
  return true;
}

void apply_rate_law(const ini_entry& e, const std::string& what, const rate_law_attributes& x,
                    bool has_transition_state, step& st) {
  st.reversible = x.reversible.value_or(true);
  if (!x.A) {
    if (x.b || x.Ea)
      e.fail(what + arrhenius_extras(x)
             + " without A=: b= and Ea= are constants of modified Arrhenius, kf = "
               "A·T^b·exp(-Ea/kB·T) (a transition-state barrier is written Ga=)");
    return;
  }
  const auto law = what + "A= (modified Arrhenius)";
  if (st.Ga)
    e.fail(law + " and Ga= (transition-state theory) both give kf: write one of them");
  if (st.s0)
    e.fail(law + " and s0= (collision theory) both give kf: write one of them");
  if (has_transition_state)
    e.fail(law
           + " gives kf without a transition state: write the step IS <-> FS, or give "
             "the barrier as Ga= instead of A=");
  if (!x.Ea)
    e.fail(law + " needs Ea= (activation energy, eV; Ea=0 for none)");
  st.arrhenius = arrhenius_parameters{*x.A, x.b.value_or(0.0), *x.Ea};
}

std::string rate_law_text(const step& st) {
  std::string result;
  if (st.arrhenius)
    result += " A=" + format_double(st.arrhenius->A) + " b=" + format_double(st.arrhenius->b)
              + " Ea=" + format_double(st.arrhenius->Ea);
  if (!st.reversible)
    result += " reversible=no";
  return result;
}

void check_step_axis(const ini_entry& e, const std::string& what, const map_parameter& p,
                     const step& st) {
  if (p.kind == parameter_kind::Ga && st.arrhenius)
    e.fail(what + ": " + p.label + " changes nothing: the step uses A= (modified Arrhenius), "
           + "whose barrier is Ea=");
  if (p.kind == parameter_kind::dG && !dG_enters_rates(st))
    e.fail(what + ": " + p.label + " changes nothing: the step is irreversible (reversible=no) "
           + "and its forward rate constant does not depend on dG");
}

} // namespace tofmap::detail
