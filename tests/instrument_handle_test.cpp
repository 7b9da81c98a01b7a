// The Instrument type holds its invariants (issue 17): there is no empty Instrument, nothing of
// a loaded one can be changed, and the one way to make one from data checks that its compiled
// plan fits, so that score() can never read out of bounds.
#include <catch2/catch.hpp>
#include <type_traits>
#include <utility>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"

using securebase::ErrorCode;
using securebase::Instrument;
using securebase::InstrumentModel;
using securebase::test::check_error;

// Misuse that does not compile: a default Instrument, and assigning to or clearing any part of
// one (the checks are concepts, so that the ill-formed expressions only answer "no").
template <typename I>
concept can_reset_plan = requires(I& i) {
  i.plan() = securebase::ScoringPlan{};
};
template <typename I>
concept can_clear_items = requires(I& i) {
  i.items().clear();
};
template <typename I>
concept can_clear_scales = requires(I& i) {
  i.scales().clear();
};
template <typename I>
concept can_reset_model_plan = requires(I& i) {
  i.model().plan = securebase::ScoringPlan{};
};
static_assert(!std::is_default_constructible_v<Instrument>);
static_assert(!can_reset_plan<Instrument>);
static_assert(!can_clear_items<Instrument>);
static_assert(!can_clear_scales<Instrument>);
static_assert(!can_reset_model_plan<Instrument>);
static_assert(std::is_copy_constructible_v<Instrument> && std::is_copy_assignable_v<Instrument>);

TEST_CASE("a moved-from Instrument still scores: moving copies the shared handle", "[instrument]") {
  Instrument a = securebase::load_embedded_instrument("ecr-r");
  const Instrument b = std::move(a);
  const securebase::Responses none =
      securebase::empty_responses(a);                    // NOLINT(bugprone-use-after-move)
  CHECK(securebase::score(a, none).scales.size() == 2);  // NOLINT(bugprone-use-after-move)
  CHECK(&a.model() == &b.model());                       // NOLINT(bugprone-use-after-move)
}

TEST_CASE("an Instrument is made only from data whose plan fits it (901 otherwise)",
          "[instrument]") {
  const Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const std::string message = "[securebase.internal.901] embedded:ecr-r: cannot be used: ";
  SECTION("the plan emptied") {
    InstrumentModel m = ecr.model();
    m.plan = {};
    check_error([&] { (void)securebase::detail::make_instrument(m); }, ErrorCode::internal,
                message +
                    "the plan has per-scale arrays of another size than the scales; please "
                    "report this bug");
  }
  SECTION("the items removed") {
    InstrumentModel m = ecr.model();
    m.items.clear();
    check_error([&] { (void)securebase::detail::make_instrument(m); }, ErrorCode::internal,
                message + "it has no items or no scales; please report this bug");
  }
  SECTION("an item index past the items") {
    InstrumentModel m = ecr.model();
    m.items.pop_back();
    check_error([&] { (void)securebase::detail::make_instrument(m); }, ErrorCode::internal,
                message + "the plan names an item that does not exist; please report this bug");
  }
  SECTION("a scale dropped") {
    InstrumentModel m = ecr.model();
    m.scales.pop_back();
    check_error([&] { (void)securebase::detail::make_instrument(m); }, ErrorCode::internal,
                message +
                    "the plan has per-scale arrays of another size than the scales; please "
                    "report this bug");
  }
  SECTION("the data unchanged") {
    const Instrument copy = securebase::detail::make_instrument(ecr.model());
    CHECK(copy.key_fingerprint() == ecr.key_fingerprint());
  }
}

// The concepts above can say "yes": a plain struct with the same member names passes them.
struct Mutable {
  securebase::ScoringPlan plan_;
  std::vector<int> items_;
  securebase::ScoringPlan& plan() { return plan_; }
  std::vector<int>& items() { return items_; }
};
static_assert(can_reset_plan<Mutable> && can_clear_items<Mutable>);
