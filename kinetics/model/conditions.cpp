#include "kinetics/model/conditions.hpp"

namespace tofmap {

conditions conditions::base(const mechanism& m) {
  conditions c;
  c.reset(m);
  return c;
}

void conditions::reset(const mechanism& m) {
  temperature = m.temperature;
  pressure.resize(m.gases.size());
  for (std::size_t g = 0; g < m.gases.size(); ++g)
    pressure[g] = m.gases[g].pressure;
  dG.resize(m.steps.size());
  Ga.resize(m.steps.size());
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    dG[s] = m.steps[s].dG;
    Ga[s] = m.steps[s].Ga;
  }
  E.assign(m.energies.size(), std::nullopt);
}

} // namespace tofmap
