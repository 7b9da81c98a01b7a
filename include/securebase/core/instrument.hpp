// securebase: an instrument (questionnaire key, scales, orders, norms) and how to load one.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "securebase/core/plan.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The answer range every item shares, with the default (English) label of each point.
struct ResponseScale {
  int min = 1;                      ///< lowest answer
  int max = 7;                      ///< highest answer
  std::vector<std::string> labels;  ///< labels[i] names the answer min + i; may be empty
};

/// One scale an item counts towards, whether it counts reversed (min + max - x), and its weight.
/// A reversed, weighted key counts weight * (min + max - x): reversal first, then the weight.
struct ItemKey {
  std::size_t scale = 0;  ///< index into Instrument::scales
  bool reversed = false;  ///< reverse-keyed in this scale
  double weight = 1;      ///< finite, non-zero; other than 1 only in a sum scale needing all items
};

/// One item: stable id, position in the canonical order, and its keys.
struct Item {
  std::string id;             ///< stable id, e.g. "i09"; starts with a letter
  int number = 0;             ///< 1-based position in the canonical order
  std::vector<ItemKey> keys;  ///< scales it counts towards (may be empty: unscored item)
  std::string note;           ///< construct / rationale note (never item wording of others)
};

/// How a scale combines its keyed items.
enum class ScaleMethod { mean, sum };

/// How a proportion of items becomes a whole number of items.
enum class Rounding { ceil, floor, nearest };

/// The minimum-answered rule of a scale, as declared and as resolved to a count.
struct MinimumAnswered {
  bool is_proportion = false;          ///< declared as a proportion of the scale's items
  double declared = 0;                 ///< the count or the proportion as written
  Rounding rounding = Rounding::ceil;  ///< applied to proportion * items
  int required = 0;                    ///< resolved: answered items needed for a score
};

/// A published (or provisional) reliability coefficient for a scale.
struct Reliability {
  double value = 0;  ///< e.g. Cronbach's alpha
  std::optional<double>
      sd;              ///< score SD it goes with: gives an SEM when no norm set covers the scale
  std::string source;  ///< citation or derivation
  bool provisional = false;  ///< derived by assumption, not measured
};

/// A scale: which items, how combined, how many must be answered.
///
/// A composite scale ("method": "mean_of_scales" in the file) has no items of its own: its score
/// is the mean of the scores of its `components` that have one, and its min_answered counts
/// scored components. `method` is then the components' shared method (the composite's metric).
struct Scale {
  std::string id;                          ///< stable id, e.g. "anxiety"
  std::string name;                        ///< display name
  ScaleMethod method = ScaleMethod::mean;  ///< mean or (prorated) sum; a composite's components'
  MinimumAnswered min_answered;            ///< rule for a score to exist (composite: components)
  std::vector<std::size_t> components;     ///< composite only: component scale indices, >= 2
  std::vector<std::size_t> items;          ///< item indices, derived from the item keys
  std::vector<std::size_t> reversed;       ///< the reverse-keyed ones among them, derived
  std::vector<double> weights;             ///< weights[i] is the weight of items[i], derived
  /// True for a mean_of_scales composite.
  [[nodiscard]] bool is_composite() const noexcept { return !components.empty(); }
  std::optional<Reliability> reliability;  ///< used for the SEM when a norm set gives none
};

/// A presentation order: the item shown at each position.
struct ItemOrder {
  std::string id;                  ///< e.g. "fraley" (canonical) or a study's own order
  std::string description;         ///< where it comes from
  std::vector<std::size_t> items;  ///< items[p] is the item index at position p + 1
  bool verified = true;            ///< false when the mapping could not be checked at source
};

/// One point of a percentile table: the score at or below which `percentile` % fall.
struct PercentilePoint {
  double percentile = 0;  ///< in (0, 100)
  double score = 0;       ///< on the scale's metric
};

/// Norm values of one scale inside a norm set.
struct ScaleNorm {
  std::size_t scale = 0;                     ///< index into Instrument::scales
  double mean = 0;                           ///< sample mean
  double sd = 0;                             ///< sample standard deviation (> 0)
  std::optional<double> reliability;         ///< e.g. alpha in that sample
  std::vector<PercentilePoint> percentiles;  ///< optional table, increasing
};

/// A named reference sample.
struct NormSet {
  std::string id;                 ///< e.g. "osp-2018"
  std::string name;               ///< display name
  std::string sample;             ///< who was sampled
  std::string citation;           ///< where the numbers come from
  long n = 0;                     ///< sample size
  std::vector<ScaleNorm> scales;  ///< per-scale values
  /// The norm values for a scale, or nullptr when the set does not cover it.
  [[nodiscard]] const ScaleNorm* find(std::size_t scale) const noexcept;
};

/// One axis of the attachment plane: a scale and whether high means more (+1) or less (-1).
struct PlaneAxis {
  std::size_t scale = 0;  ///< index into Instrument::scales
  int direction = 1;      ///< +1: high score = more anxiety/avoidance; -1: the reverse
};

/// Which scales span the anxiety x avoidance plane.
struct Plane {
  PlaneAxis anxiety;    ///< the anxiety axis
  PlaneAxis avoidance;  ///< the avoidance axis
};

/// Which scales make up a secure-base profile: an overall scale and its facets (our inventory).
struct SecureBaseScales {
  std::size_t overall = 0;          ///< index into Instrument::scales of the overall scale
  std::vector<std::size_t> facets;  ///< indices of the facet scales, in the order to show them
};

/// A bibliographic reference.
struct Citation {
  std::string text;  ///< full reference
  std::string doi;   ///< DOI without prefix, may be empty
  std::string url;   ///< may be empty
};

/// The data of an instrument, as the loader (io/instrument_json.hpp) builds it. A plain value: an
/// Instrument made from it is what every function takes, and cannot be changed.
struct InstrumentModel {
  std::string id;                               ///< e.g. "ecr-r"
  std::string version;                          ///< version of this instrument file
  std::string title;                            ///< full title
  std::string short_title;                      ///< e.g. "ECR-R"
  std::vector<Citation> citations;              ///< where the key comes from
  std::string licence;                          ///< licence / permission note
  ResponseScale response_scale;                 ///< shared answer range
  std::vector<Item> items;                      ///< in canonical order (items[i].number == i + 1)
  std::vector<Scale> scales;                    ///< scales, in declared order
  ItemOrder canonical_order;                    ///< the order item numbers refer to
  std::vector<ItemOrder> alternative_orders;    ///< other named presentation orders
  std::vector<NormSet> norm_sets;               ///< named reference samples
  std::optional<Plane> plane;                   ///< attachment plane, when the instrument has one
  std::optional<SecureBaseScales> secure_base;  ///< secure-base facets, when it has them
  std::string key_fingerprint;                  ///< SHA-256 hex of the canonical scoring key
  std::string source;                           ///< "embedded:ID" or the file path it came from
  ScoringPlan plan;                             ///< compiled key
};

class Instrument;

namespace detail {
/// For the loader: an Instrument from a model whose plan was compiled from its scales. Throws
/// Error 901 (internal) when the plan does not fit the items and scales, so that no Instrument
/// can send the scoring kernel out of bounds.
SECUREBASE_HIDDEN Instrument make_instrument(InstrumentModel model);
}  // namespace detail

/// A loaded, validated instrument with its compiled scoring plan: a read-only handle to data
/// shared by its copies. It has no default (there is no empty instrument to score with) and
/// nothing can change it after loading; a moved-from handle still holds the data (moving
/// copies). Load one with load_instrument and friends (io/instrument_json.hpp).
class Instrument {
 public:
  /// A second handle to the same data (no copy of it).
  Instrument(const Instrument&) = default;
  /// Makes this handle share the other's data.
  Instrument& operator=(const Instrument&) = default;
  ~Instrument() = default;

  /// e.g. "ecr-r".
  [[nodiscard]] const std::string& id() const noexcept { return m_->id; }
  /// Version of this instrument file.
  [[nodiscard]] const std::string& version() const noexcept { return m_->version; }
  /// Full title.
  [[nodiscard]] const std::string& title() const noexcept { return m_->title; }
  /// e.g. "ECR-R".
  [[nodiscard]] const std::string& short_title() const noexcept { return m_->short_title; }
  /// Where the key comes from.
  [[nodiscard]] const std::vector<Citation>& citations() const noexcept { return m_->citations; }
  /// Licence / permission note.
  [[nodiscard]] const std::string& licence() const noexcept { return m_->licence; }
  /// The shared answer range.
  [[nodiscard]] const ResponseScale& response_scale() const noexcept { return m_->response_scale; }
  /// Items in canonical order (items()[i].number == i + 1).
  [[nodiscard]] const std::vector<Item>& items() const noexcept { return m_->items; }
  /// Scales, in declared order.
  [[nodiscard]] const std::vector<Scale>& scales() const noexcept { return m_->scales; }
  /// The order item numbers refer to.
  [[nodiscard]] const ItemOrder& canonical_order() const noexcept { return m_->canonical_order; }
  /// Other named presentation orders.
  [[nodiscard]] const std::vector<ItemOrder>& alternative_orders() const noexcept {
    return m_->alternative_orders;
  }
  /// Named reference samples.
  [[nodiscard]] const std::vector<NormSet>& norm_sets() const noexcept { return m_->norm_sets; }
  /// The attachment plane, when the instrument has one.
  [[nodiscard]] const std::optional<Plane>& plane() const noexcept { return m_->plane; }
  /// The secure-base facets, when it has them.
  [[nodiscard]] const std::optional<SecureBaseScales>& secure_base() const noexcept {
    return m_->secure_base;
  }
  /// SHA-256 hex of the canonical scoring key.
  [[nodiscard]] const std::string& key_fingerprint() const noexcept { return m_->key_fingerprint; }
  /// "embedded:ID" or the file path it came from.
  [[nodiscard]] const std::string& source() const noexcept { return m_->source; }
  /// The compiled key.
  [[nodiscard]] const ScoringPlan& plan() const noexcept { return m_->plan; }
  /// All of the above at once.
  [[nodiscard]] const InstrumentModel& model() const noexcept { return *m_; }

  /// Index of the item with this id, if any.
  [[nodiscard]] std::optional<std::size_t> find_item(std::string_view item_id) const;
  /// Index of the scale with this id, if any.
  [[nodiscard]] std::optional<std::size_t> find_scale(std::string_view scale_id) const;
  /// The norm set with this id, or nullptr.
  [[nodiscard]] const NormSet* find_norm_set(std::string_view norm_id) const;
  /// The order with this id (canonical or alternative), or nullptr.
  [[nodiscard]] const ItemOrder* find_order(std::string_view order_id) const;

 private:
  friend Instrument detail::make_instrument(InstrumentModel model);
  explicit Instrument(std::shared_ptr<const InstrumentModel> model) : m_(std::move(model)) {}
  std::shared_ptr<const InstrumentModel> m_;  ///< never null
};

/// The lowest and highest score a scale can take when scored with `method` (its declared method,
/// or an override): the sum over its items of min(w * lo, w * hi) and max(w * lo, w * hi) for
/// the response range [lo, hi] and each item's weight w, divided by the number of items for a
/// mean. A composite's range runs from the lowest to the highest of its components' ranges.
/// Used for the norm checks of the loader and to clamp 95% intervals.
std::pair<double, double> score_range(const InstrumentModel& instrument, std::size_t scale,
                                      ScaleMethod method);

/// The same for a loaded instrument.
std::pair<double, double> score_range(const Instrument& instrument, std::size_t scale,
                                      ScaleMethod method);

/// "mean" or "sum".
std::string_view to_string(ScaleMethod method) noexcept;

/// "ceil", "floor" or "nearest".
std::string_view to_string(Rounding rounding) noexcept;

/// Human description of a scale's minimum-answered rule, e.g. "at least 15 of 18 items
/// answered (80% of items, rounded up)".
std::string describe_min_answered(const Scale& scale);

}  // namespace securebase

SECUREBASE_API_END
