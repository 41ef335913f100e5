#include "kinetics/map/refinement.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

namespace tofmap {

namespace {

/// log10 TOF as the split rule sees it: TOF <= 0 (and NaN) count as -30.
double log_tof(double tof) {
  if (!(tof > 0))
    return -30;
  return std::min(std::log10(tof), 400.0); // +inf: above every finite TOF, still comparable
}

// -- the branches hook ----------------------------------------------------------------------------
// The number of distinct steady states of a point, for the split rule (map_layout's `branches`).
int32_t branch_count(const map_layout& layout, const double* row) {
  return static_cast<int32_t>(row[layout.branches_column()]);
}

} // namespace

point_summary summarize(const map_layout& layout, const double* row, point_status status) {
  point_summary s;
  s.log_tof = log_tof(row[0]); // tof is the first value of a row (map_layout)
  s.status = status;
  s.branches = branch_count(layout, row);
  return s;
}

bool cell_changes(const point_summary* corners, std::size_t count, double refine_tof) {
  for (std::size_t a = 0; a < count; ++a)
    for (std::size_t b = a + 1; b < count; ++b) {
      const auto& p = corners[a];
      const auto& q = corners[b];
      if (std::fabs(p.log_tof - q.log_tof) > refine_tof || p.branches != q.branches
          || p.status != q.status)
        return true;
    }
  return false;
}

int level_of(const map_spec& map, uint64_t k) {
  const auto ny = static_cast<uint64_t>(map.ny());
  const auto i = static_cast<int>(k / ny);
  const auto j = static_cast<int>(k % ny);
  for (int l = 0; l < map.refine; ++l) {
    const int s = 1 << (map.refine - l);
    if (i % s == 0 && j % s == 0)
      return l;
  }
  return map.refine;
}

refinement::refinement(const map_spec& map)
  : map_(map), levels_(map.refine), refine_tof_(map.refine_tof), nx_(map.nx()), ny_(map.ny()),
    state_(map.size(), point_state::unknown), summary_(map.size()),
    per_level_(static_cast<std::size_t>(levels_) + 1, 0) {
  const bool any_cell = nx_ > 1 || ny_ > 1;
  for (int l = 0; l < levels_; ++l) {
    cells_x_.push_back(nx_ > 1 ? (nx_ - 1) / step_x(l) : any_cell ? 1 : 0);
    cells_y_.push_back(ny_ > 1 ? (ny_ - 1) / step_y(l) : any_cell ? 1 : 0);
    active_.emplace_back(static_cast<std::size_t>(cells_x_.back()) * cells_y_.back(), 0);
  }
  const int sx = std::max(1, 1 << levels_);
  for (int i = 0; i < nx_; i += sx)
    for (int j = 0; j < ny_; j += sx)
      ask(i, j);
  if (levels_ > 0)
    std::fill(active_[0].begin(), active_[0].end(), 1);
}

int refinement::step_x(int l) const {
  return nx_ > 1 ? 1 << (levels_ - l) : 0;
}

int refinement::step_y(int l) const {
  return ny_ > 1 ? 1 << (levels_ - l) : 0;
}

uint64_t refinement::index(int i, int j) const {
  return static_cast<uint64_t>(i) * static_cast<uint64_t>(ny_) + static_cast<uint64_t>(j);
}

std::size_t refinement::corners(const cell_id& c, std::array<uint64_t, 4>& out) const {
  const int sx = step_x(c.level);
  const int sy = step_y(c.level);
  const int i0 = c.ci * sx;
  const int j0 = c.cj * sy;
  out = {index(i0, j0), index(i0 + sx, j0), index(i0, j0 + sy), index(i0 + sx, j0 + sy)};
  std::sort(out.begin(), out.end());
  return static_cast<std::size_t>(std::unique(out.begin(), out.end()) - out.begin());
}

std::size_t refinement::cell_slot(const cell_id& c) const {
  return static_cast<std::size_t>(c.ci) * static_cast<std::size_t>(cells_y_[c.level])
         + static_cast<std::size_t>(c.cj);
}

void refinement::ask(int i, int j) {
  const auto k = index(i, j);
  if (state_[k] != point_state::unknown)
    return;
  state_[k] = point_state::requested;
  pending_.push_back(k);
  ++points_;
  const int l = level_of(k);
  ++per_level_[static_cast<std::size_t>(l)];
  level_ = std::max(level_, l);
}

std::vector<uint64_t> refinement::take() {
  std::vector<uint64_t> out;
  out.reserve(pending_.size());
  for (auto k : pending_)
    if (state_[k] != point_state::known)
      out.push_back(k);
  pending_.clear();
  std::sort(out.begin(), out.end());
  return out;
}

void refinement::learn(uint64_t k, const point_summary& s) {
  if (state_[k] == point_state::known)
    return;
  if (state_[k] == point_state::unknown) { // restored from a journal before it was asked for
    ++points_;
    const int l = level_of(k);
    ++per_level_[static_cast<std::size_t>(l)];
    level_ = std::max(level_, l);
  }
  state_[k] = point_state::known;
  summary_[k] = s;
  ++learned_;
  const auto i = static_cast<int>(k / static_cast<uint64_t>(ny_));
  const auto j = static_cast<int>(k % static_cast<uint64_t>(ny_));
  // The cells of every level whose corner (i, j) is.
  for (int l = level_of(k); l < levels_; ++l) {
    const int sx = step_x(l);
    const int sy = step_y(l);
    for (int ci = sx > 0 ? i / sx - 1 : 0; ci <= (sx > 0 ? i / sx : 0); ++ci)
      for (int cj = sy > 0 ? j / sy - 1 : 0; cj <= (sy > 0 ? j / sy : 0); ++cj)
        if (ci >= 0 && cj >= 0 && ci < cells_x_[l] && cj < cells_y_[l])
          judge_if_complete({l, ci, cj});
  }
}

void refinement::activate(const cell_id& c) {
  active_[c.level][cell_slot(c)] = 1;
  judge_if_complete(c); // its corners may be known already (restored from a journal)
}

void refinement::judge_if_complete(const cell_id& c) {
  auto& active = active_[c.level][cell_slot(c)];
  if (!active)
    return;
  std::array<uint64_t, 4> ks{};
  const auto n = corners(c, ks);
  std::array<point_summary, 4> values{};
  for (std::size_t a = 0; a < n; ++a) {
    if (state_[ks[a]] != point_state::known)
      return;
    values[a] = summary_[ks[a]];
  }
  active = 0;
  if (cell_changes(values.data(), n, refine_tof_))
    split(c);
}

void refinement::split(const cell_id& c) {
  const int sx = step_x(c.level);
  const int sy = step_y(c.level);
  const int i0 = c.ci * sx;
  const int j0 = c.cj * sy;
  const int hx = sx / 2;
  const int hy = sy / 2;
  ask(i0 + hx, j0);
  ask(i0 + hx, j0 + sy);
  ask(i0, j0 + hy);
  ask(i0 + sx, j0 + hy);
  ask(i0 + hx, j0 + hy);
  const int child = c.level + 1;
  if (child >= levels_)
    return; // cells of the finest level are never split
  for (int a = 0; a < (sx > 0 ? 2 : 1); ++a)
    for (int b = 0; b < (sy > 0 ? 2 : 1); ++b)
      activate({child, (sx > 0 ? 2 * c.ci : c.ci) + a, (sy > 0 ? 2 * c.cj : c.cj) + b});
}

void write_refined_map_csv(std::ostream& out, const map_layout& layout, const map_table& table,
                           const map_spec& map) {
  std::string line = layout.csv_header();
  line += map_layout::branch_header();
  line += ",level\n";
  out << line;
  for (std::size_t k = 0; k < table.size(); ++k) {
    if (!table.done[k])
      continue;
    line.clear();
    layout.append_csv_row(line, k, table.row(k), table.status[k]);
    layout.append_branch_columns(line, table.row(k));
    line += ',';
    line += std::to_string(level_of(map, k));
    line += '\n';
    out << line;
  }
}

} // namespace tofmap
