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

namespace {

/// One start's text, read as `initial` reads it; `label` begins every message ("initial", or
/// "initial, start 2 of 3").
[[noreturn]] void unknown_adsorbate(const ini_entry& e, const std::string& what,
                                    const mechanism& m) {
  std::string known;
  for (const auto& s : m.surface)
    if (!s.free_site)
      known += (known.empty() ? "" : ", ") + s.name;
  e.fail(what + " is not an adsorbate of the model (adsorbates: " + known + ")");
}

/// Gives every free site 1 - Σ sites·θ of its type; a site type over 1 is an error.
void fill_free_sites(const ini_entry& e, const std::string& label, const mechanism& m,
                     std::vector<double>& theta) {
  for (std::size_t t = 0; t < m.site_types.size(); ++t) {
    double sum = 0;
    for (std::size_t k = 0; k < m.surface.size(); ++k)
      if (!m.surface[k].free_site && m.surface[k].site_type == static_cast<int>(t))
        sum += m.surface[k].sites * theta[k];
    if (sum > 1 + 1e-12)
      e.fail(label + ": the coverages of site type " + m.site_types[t] + " sum to "
             + format_double(sum) + " (sites times coverage), more than 1");
    theta[static_cast<std::size_t>(m.free_site_of(static_cast<int>(t)))] = std::max(0.0, 1 - sum);
  }
}

std::vector<double> read_start(const ini_entry& e, std::string_view text, const std::string& label,
                               const mechanism& m) {
  if (text == "empty")
    return {};
  std::vector<double> theta(m.surface.size(), 0.0);
  std::vector<bool> given(m.surface.size(), false);
  for (auto word : split_words(text)) {
    auto eq = word.find('=');
    if (eq == std::string_view::npos || eq == 0)
      e.fail(label == "initial"
               ? "'initial' must be 'empty' or NAME=VALUE ..., got " + in_quotes(word)
               : label + ": must be 'empty' or NAME=VALUE ..., got " + in_quotes(word));
    auto name = std::string{word.substr(0, eq)};
    auto i = m.find_surface(name);
    auto what = label + ": " + in_quotes(name);
    if (i < 0)
      unknown_adsorbate(e, what, m);
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
  fill_free_sites(e, label, m, theta);
  return theta;
}

/// The starts of `text`, split at ';' and trimmed.
std::vector<std::string_view> split_starts(std::string_view text) {
  std::vector<std::string_view> result;
  while (true) {
    auto semicolon = text.find(';');
    result.push_back(trim(text.substr(0, semicolon)));
    if (semicolon == std::string_view::npos)
      return result;
    text.remove_prefix(semicolon + 1);
  }
}

} // namespace

void read_starts(const ini_entry& e, const mechanism& m, std::vector<double>& first,
                 std::vector<std::vector<double>>& others) {
  auto texts = split_starts(e.value);
  others.clear();
  if (texts.size() == 1) {
    first = read_start(e, texts[0], "initial", m);
    return;
  }
  for (std::size_t s = 0; s < texts.size(); ++s) {
    auto label = "initial, start " + std::to_string(s + 1) + " of " + std::to_string(texts.size());
    if (texts[s].empty())
      e.fail(label + " is empty (starts are separated by ';': START; START ...)");
    auto theta = read_start(e, texts[s], label, m);
    if (s == 0)
      first = std::move(theta);
    else
      others.push_back(std::move(theta));
  }
}

std::string starts_text(const std::vector<double>& first,
                        const std::vector<std::vector<double>>& others, const mechanism& m) {
  auto result = initial_text(first, m);
  for (const auto& start : others)
    result += "; " + initial_text(start, m);
  return result;
}

} // namespace tofmap::detail
