#include "actors/plots/script.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "actors/plots/gnuplot.hpp"

namespace tofmap::plots {

gnuplot_script::gnuplot_script(const std::string& stem, const std::string& what, int width,
                               int height, const std::string& reads) {
  std::ostringstream out;
  out << "# " << what << "\n"
      << "# Drawn by tofmap from ../map.csv"
      << (reads.empty() ? "" : " (this script reads " + reads + ")")
      << ". Restyle at will, then run in this folder:\n"
      << "#   gnuplot " << stem << ".gp\n"
      << "set terminal pngcairo size " << width << "," << height << " enhanced font 'sans,11'\n"
      << "set encoding utf8\n"
      << "set output " << quoted(stem + ".png") << "\n";
  head_ = out.str();
}

void gnuplot_script::add_block(const std::string& name, const std::string& comment,
                               const std::string& text) {
  data_ << "# " << comment << "\n$" << name << " << EOD\n" << text << "EOD\n";
}

std::string gnuplot_script::text() const {
  std::string out = head_ + settings_.str() + data_.str();
  for (std::size_t k = 0; k < elements_.size(); ++k)
    out += (k == 0 ? "plot " : ", \\\n     ") + elements_[k];
  return out + "\n";
}

std::string num(double x) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x > 0 ? "inf" : "-inf";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), x);
  return std::string(buf, end);
}

std::string short_num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", x);
  return buf;
}

std::string plain(const std::string& text) {
  return quoted(text) + " noenhanced";
}

std::string axis_title(const plot_axis& a) {
  return a.unit.empty() ? a.label : a.label + " [" + a.unit + "]";
}

std::string tics_command(const char* name, const std::vector<log_tic>& tics, bool at_values) {
  std::string out = "set " + std::string{name} + "tics (";
  for (std::size_t k = 0; k < tics.size(); ++k)
    out += (k == 0 ? "" : ", ") + quoted(tics[k].label) + " "
           + short_num(at_values ? std::pow(10.0, tics[k].exponent) : tics[k].exponent)
           + (tics[k].label.empty() ? " 1" : ""); // level 1: a minor tic
  return out + ")\n";
}

} // namespace tofmap::plots
