#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "actors/plots/plot_spec.hpp"
#include "actors/plots/scales.hpp"

/// A gnuplot script under construction. Each part of a picture (the cells of a map, its contour
/// lines, the marks of failed points, a legend entry) is a small function that adds its settings,
/// its data and its elements of the one `plot` command; a new overlay is one more such function.
namespace tofmap::plots {

class gnuplot_script {
public:
  /// The head: what the picture shows, how to redraw it, the terminal (pngcairo, enhanced text:
  /// model names are written `noenhanced`) and STEM.png as the output. `reads` names the files
  /// the script reads besides itself (empty: none).
  gnuplot_script(const std::string& stem, const std::string& what, int width, int height,
                 const std::string& reads);

  std::ostringstream& settings() { return settings_; } ///< `set ...` lines, in order
  std::ostringstream& data() { return data_; }         ///< data blocks, before the plot
  void add(std::string element) { elements_.push_back(std::move(element)); } ///< a plot element

  /// A data block $NAME of `text` (lines, each ending in a newline), with a comment line.
  void add_block(const std::string& name, const std::string& comment, const std::string& text);

  std::string text() const;

private:
  std::string head_;
  std::ostringstream settings_;
  std::ostringstream data_;
  std::vector<std::string> elements_;
};

/// Shortest text that reads back as exactly x ("nan", "inf", "-inf" for the non-finite).
std::string num(double x);

/// x with 6 significant digits: a tic position, where a pixel is coarser than that.
std::string short_num(double x);

/// `text` from a model (a title, a species name) for an enhanced-text terminal: a quoted string
/// and `noenhanced`, so that CO_g is not written CO with a subscript g.
std::string plain(const std::string& text);

/// "p(CO_g) [atm]", or the label alone when the unit is not known.
std::string axis_title(const plot_axis& a);

/// `set xtics (...)` (`name` "x" or "y") with `tics`: at their exponents (an axis on the plot's
/// scale, log10 of the values), or at 10^exponent when `at_values` (a gnuplot log axis).
std::string tics_command(const char* name, const std::vector<log_tic>& tics, bool at_values);

} // namespace tofmap::plots
