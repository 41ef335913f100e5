#include "kinetics/config/initial_coverages.hpp"

#include <algorithm>

#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

std::string initial_text(const std::vector<double>& theta, const mechanism& m) {
  if (theta.empty())
    return "empty";
  std::string result;
  for (std::size_t i = 0; i < m.surface.size() && i < theta.size(); ++i)
    if (!m.surface[i].free_site)
      result += (result.empty() ? "" : " ") + m.surface[i].name + "=" + format_double(theta[i]);
  return result;
}

std::vector<double> read_initial(const ini_entry& e, const mechanism& m) {
  if (e.value == "empty")
    return {};
  std::vector<double> theta(m.surface.size(), 0.0);
  std::vector<bool> given(m.surface.size(), false);
  for (auto word : split_words(e.value)) {
    auto eq = word.find('=');
    if (eq == std::string_view::npos || eq == 0)
      e.fail("'initial' must be 'empty' or NAME=VALUE ..., got " + in_quotes(word));
    auto name = std::string{word.substr(0, eq)};
    auto i = m.find_surface(name);
    auto what = "initial: " + in_quotes(name);
    if (i < 0) {
      std::string known;
      for (const auto& s : m.surface)
        if (!s.free_site)
          known += (known.empty() ? "" : ", ") + s.name;
      e.fail(what + " is not an adsorbate of the model (adsorbates: " + known + ")");
    }
    auto k = static_cast<std::size_t>(i);
    if (m.surface[k].free_site)
      e.fail(what + " is a free site: its coverage is 1 minus the others'");
    if (given[k])
      e.fail(what + " is given twice");
    given[k] = true;
    theta[k] = read_double(e, what, word.substr(eq + 1));
    if (!(theta[k] >= 0 && theta[k] <= 1))
      e.fail(what + " must be in [0, 1], got " + in_quotes(word.substr(eq + 1)));
  }
  if (std::all_of(theta.begin(), theta.end(), [](double x) { return x == 0; }))
    return {}; // the empty surface, however written
  for (std::size_t t = 0; t < m.site_types.size(); ++t) {
    double sum = 0;
    for (std::size_t k = 0; k < m.surface.size(); ++k)
      if (!m.surface[k].free_site && m.surface[k].site_type == static_cast<int>(t))
        sum += m.surface[k].sites * theta[k];
    if (sum > 1 + 1e-12)
      e.fail("initial: the coverages of site type " + m.site_types[t] + " sum to "
             + format_double(sum) + " (sites times coverage), more than 1");
    theta[static_cast<std::size_t>(m.free_site_of(static_cast<int>(t)))] = std::max(0.0, 1 - sum);
  }
  return theta;
}

} // namespace tofmap::detail
