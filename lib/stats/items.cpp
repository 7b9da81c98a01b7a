// Item-total correlations from the keyed covariance / correlation matrix, as psych::alpha.
#include "securebase/stats/items.hpp"

#include <cmath>

namespace securebase::stats {

double corrected_item_total(const SquareMatrix& c, std::size_t i) {
  double with_others = 0;
  double rest = 0;
  for (std::size_t a = 0; a < c.k; ++a) {
    if (a != i) with_others += c(a, i);
    for (std::size_t b = 0; b < c.k; ++b)
      if (a != i && b != i) rest += c(a, b);
  }
  return with_others / std::sqrt(c(i, i) * rest);
}

double raw_item_total(const SquareMatrix& c, std::size_t i) {
  double column = 0;
  double total = 0;
  for (std::size_t a = 0; a < c.k; ++a) {
    column += c(a, i);
    for (std::size_t b = 0; b < c.k; ++b) total += c(a, b);
  }
  return column / std::sqrt(c(i, i) * total);
}

double standardised_item_total(const SquareMatrix& r, std::size_t i) {
  double column = 0;
  double total = 0;
  for (std::size_t a = 0; a < r.k; ++a) {
    column += r(a, i);
    for (std::size_t b = 0; b < r.k; ++b) total += r(a, b);
  }
  return column / std::sqrt(total);
}

}  // namespace securebase::stats
