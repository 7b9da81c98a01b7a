// securebase: careless-responding indices per respondent (longstring, IRV, Mahalanobis distance,
// even-odd consistency) and the flags they raise. Flags only: nothing is ever excluded here.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/reliability.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// Why a careless index has no value (its value is then NaN, or 0 for longstring).
enum class CarelessStatus {
  ok,               ///< computed
  too_few_answers,  ///< too few answered items (IRV and Mahalanobis: fewer than 2 and 1)
  too_few_units,    ///< even-odd: fewer than 3 units (scales or blocks) with both halves scored
  no_variance,      ///< even-odd: the odd or the even half-scores are all equal across units
  no_model,         ///< Mahalanobis: no mean vector and covariance matrix was given
};

/// "ok", "too_few_answers", ...: a stable name for output.
std::string_view to_string(CarelessStatus status) noexcept;

/// Mean vector and covariance matrix of the raw answers, for the Mahalanobis distance.
struct MahalanobisModel {
  std::vector<double> mean;  ///< per item, in layout order
  SquareMatrix covariance;   ///< items x items, symmetric and positive definite
};

/// Checks a model against `items` items: sizes, finite values, symmetry (to 1e-9 relative) and
/// positive definiteness. Throws 1005 (stats_covariance) naming the first problem; `source`
/// names the model in that error (e.g. a file name).
void validate_model(const MahalanobisModel& model, std::size_t items, std::string_view source);

/// The model of a (merged) accumulator: item means and pairwise-complete covariances of the raw
/// answers, validated as validate_model does (1005, located at `source`, when a covariance is
/// missing or the matrix is not positive definite).
MahalanobisModel mahalanobis_model(const Accumulator& acc,
                                   std::string_view source = "statistics partial");

/// How even-odd consistency forms its units. A unit is a scale, or a block of a scale's items
/// when the layout has fewer than `min_units` scales with 2 or more items.
struct EvenOddOptions {
  std::size_t min_units = 3;    ///< fewer scales than this: split scales into blocks
  std::size_t block_items = 6;  ///< items per block (a last block of 1 item joins the one before)
};

/// The units even-odd consistency uses for `layout`: per unit the indices into
/// layout.scales[scale].items it covers. Composite scales and 1-item scales are left out.
struct EvenOddUnit {
  std::size_t scale = 0;             ///< index into Layout::scales
  std::vector<std::size_t> members;  ///< positions in that scale's key (0-based, in key order)
};

/// The units of `layout` under `options` (see EvenOddOptions).
std::vector<EvenOddUnit> even_odd_units(const Layout& layout, const EvenOddOptions& options);

/// Default thresholds; a flag is raised when an index passes its threshold.
struct CarelessThresholds {
  double longstring_fraction = 0.5;    ///< flag longstring >= ceil(fraction * items); in (0, 1]
  double irv_below = 0.5;              ///< flag IRV < this (answer points); straight-lining gives 0
  double mahalanobis_p_below = 0.001;  ///< flag p < this; in (0, 1)
  double even_odd_below = 0.30;        ///< flag Spearman-Brown even-odd < this; in [-1, 1]
};

/// Throws 1006 (stats_parameter) when a threshold is outside its range.
void validate_thresholds(const CarelessThresholds& thresholds);

/// Which indices passed their threshold. An index without a value raises no flag.
struct CarelessFlags {
  bool longstring = false;   ///< a long run of identical answers
  bool irv = false;          ///< almost no variability across answers
  bool mahalanobis = false;  ///< an improbable pattern given the sample
  bool even_odd = false;     ///< halves of the same scales disagree
  /// True when any flag is raised.
  [[nodiscard]] bool any() const noexcept { return longstring || irv || mahalanobis || even_odd; }
};

/// The indices of one respondent.
struct Careless {
  std::size_t answered = 0;    ///< items answered (non-missing)
  std::size_t longstring = 0;  ///< longest run of equal consecutive answers (administration)
  double irv = 0;              ///< SD (n - 1) of the raw answers over answered items
  CarelessStatus irv_status = CarelessStatus::ok;  ///< too_few_answers below 2
  double mahalanobis_d2 = 0;                       ///< squared distance over the answered items
  double mahalanobis_df = 0;  ///< degrees of freedom: the number of answered items
  double mahalanobis_p = 0;   ///< upper tail of chi-square(df) at d2
  CarelessStatus mahalanobis_status = CarelessStatus::ok;  ///< no_model or too_few_answers
  std::size_t even_odd_units = 0;                          ///< units with both halves scored
  double even_odd_r = 0;  ///< Pearson r of odd-half with even-half scores across units
  double even_odd = 0;    ///< Spearman-Brown 2r / (1 + r), floored at -1
  CarelessStatus even_odd_status = CarelessStatus::ok;  ///< too_few_units or no_variance
  CarelessFlags flags;                                  ///< thresholds applied
};

/// Everything the per-respondent indices need, prepared once per batch.
struct CarelessSetup {
  Layout layout;                            ///< items (answers come in this order) and scale keys
  std::vector<std::size_t> administration;  ///< item index at each position shown; empty: layout
  std::vector<EvenOddUnit> units;           ///< even-odd units (even_odd_units(layout, ...))
  std::optional<MahalanobisModel> model;    ///< means and covariances (validated), if any
  CarelessThresholds thresholds;            ///< flag thresholds (validated)
};

/// A setup with default units and thresholds and no Mahalanobis model. `administration` lists
/// the layout item index at each position as shown (empty: the layout's order); a wrong size or
/// index is an internal error (901). Set `model` (from mahalanobis_model or validate_model) and
/// `thresholds` (then validate_thresholds) afterwards as needed.
CarelessSetup careless_setup(Layout layout, std::vector<std::size_t> administration = {});

/// The indices and flags of one respondent's raw answers (layout order, NaN = missing). The size
/// must equal the number of items (internal error 901 otherwise).
Careless careless(const CarelessSetup& setup, std::span<const double> answers);

/// Longest run of equal consecutive values in `answers` as given; a missing value (NaN) ends a
/// run and starts none, so all-missing gives 0.
std::size_t longstring(std::span<const double> answers);

/// Intra-individual response variability: the SD (n - 1) of the non-missing values; NaN when
/// fewer than 2.
double irv(std::span<const double> answers);

/// Upper tail of the chi-square distribution with `df` degrees of freedom at `x` (as R's
/// pchisq(x, df, lower.tail = FALSE)); 1 for x <= 0; NaN unless df > 0.
double chi_square_upper(double x, double df);

}  // namespace securebase::stats

SECUREBASE_API_END
