#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// CatMAP's input table (the `energies.txt` of its tutorials) as the `gas =` and `species =` lines
/// of a tofmap config (docs/CONFIG.md, "Species energies and thermochemistry").
///
/// The table is tab-separated with a header line naming its columns: surface_name, site_name,
/// species_name, formation_energy and frequencies are required (bulk_structure, other_parameters
/// and reference are read when present, coverage columns are noticed). Gas lines have
/// surface_name `None` and site_name `gas`; frequencies are written `[ν1,ν2,...]` in cm⁻¹.
///
/// What becomes of each line of the surface asked for:
///   - a gas X: `gas = X_g mass=M E=...`, the mass from the formula's standard atomic weights;
///     an ideal gas (geometry, symmetry number, spin and moments of inertia of the common
///     molecules this importer knows, from ASE's G2 structures as CatMAP uses them) when its
///     frequencies are the molecule's 3N-5 or 3N-6 modes, else frozen (G = E), with a warning;
///   - an adsorbate X on site S: `species = X_TYPE E=... [freq=...]`, harmonic with frequencies,
///     frozen without; a transition state A-B (a name with '-') spans one site per fragment
///     (`A-B_2TYPE`), as tofmap's step balance needs when it dissociates onto two sites;
///   - the reference column becomes the line's comment.
/// What cannot be carried over is left out with a warning "SOURCE:LINE: ...": names that are no
/// formula of element symbols (CatMAP's electrochemical pseudo-species), imaginary and
/// non-positive frequencies, other_parameters, coverage-dependent energies (the lowest coverage
/// is used), repeated lines (the first is used), energies of free sites.
namespace tofmap {

struct catmap_import_options {
  std::string surface; ///< surface_name of the adsorbates to import, e.g. "Pt"
  /// CatMAP site_name -> tofmap site type. Empty: a surface with one site_name gets
  /// `default_site`; with several, each keeps its own name (which must then be a valid site type).
  /// With entries, lines on other sites are skipped with a warning.
  std::vector<std::pair<std::string, std::string>> sites;
  std::string default_site = "s";
};

struct catmap_import_result {
  std::vector<std::string> lines;    ///< comments, then `gas = ...`, then `species = ...`
  std::vector<std::string> warnings; ///< "SOURCE:LINE: what was not carried over"
};

/// Converts the table `text` (`source` names it in messages). Throws config_error with the line
/// for a table that cannot be read (no header, a required column missing, a formation energy or
/// frequency list that is not numbers) and for an unknown surface (the message lists the
/// surfaces).
catmap_import_result import_catmap(std::string_view text, const std::string& source,
                                   const catmap_import_options& options);

} // namespace tofmap
