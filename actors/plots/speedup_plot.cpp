#include "actors/plots/speedup_plot.hpp"

#include <sstream>

#include "actors/plots/gnuplot.hpp"

namespace tofmap::plots {

std::string speedup_script(const std::string& title, int cores) {
  std::ostringstream out;
  out << "# Time and speed-up against workers, from speedup.csv (tofmap bench). Restyle at will,\n"
      << "# then run in this folder: gnuplot speedup.gp\n"
      << "set terminal pngcairo size " << speedup_width << "," << speedup_height
      << " font 'sans,11'\n"
      << "set output 'speedup.png'\n"
      << "set termoption noenhanced\n"
      << "set datafile separator comma\n"
      << "# columns: 1 workers, 2 runs, 3 seconds (median), 4 min, 5 max, 6 command seconds,\n"
      << "# 7 speed-up, 8 ideal, 9 efficiency, 10 parallelism, 11 points/s\n"
      << "stats 'speedup.csv' skip 1 using 1 nooutput\n"
      << "first_n = STATS_min\n"
      << "nmax = STATS_max\n"
      << "stats 'speedup.csv' skip 1 using ($1 == first_n ? $3 : NaN) nooutput\n"
      << "first_t = STATS_min\n"
      << "cores = " << cores << "\n"
      << "set multiplot layout 1,2 title " << quoted(title) << "\n"
      << "set grid\n"
      << "set key top right opaque box\n"
      << "set xlabel 'workers'\n"
      << "set xrange [0:nmax * 1.05 + 0.5]\n"
      << "set xtics 1\n"
      << "if (nmax > 16) set xtics autofreq\n"
      << "set arrow 1 from cores, graph 0 to cores, graph 1 nohead dashtype 3 linecolor rgb "
         "'grey40'\n"
      << "set label 1 sprintf('%d cores', cores) at cores, graph 0.04 right offset -0.5, 0\n"
      << "set ylabel 'time [s] to compute the map (median; bars: range)'\n"
      << "set yrange [0:*]\n"
      << "plot 'speedup.csv' skip 1 using 1:3:4:5 with yerrorlines pointtype 7 linewidth 2 "
         "title 'measured', \\\n"
      << "     [x = 1:nmax] first_t * first_n / x with lines dashtype 2 linecolor rgb 'black' "
         "title 'ideal'\n"
      << "set ylabel 'speed-up'\n"
      << "set yrange [0:nmax * 1.05 + 0.5]\n"
      << "set key top left opaque box\n"
      << "plot 'speedup.csv' skip 1 using 1:7 with linespoints pointtype 7 linewidth 2 "
         "title 'measured', \\\n"
      << "     [x = 0:nmax] x with lines dashtype 2 linecolor rgb 'black' title 'ideal'\n"
      << "unset multiplot\n";
  return out.str();
}

} // namespace tofmap::plots
