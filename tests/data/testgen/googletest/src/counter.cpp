#include "counter.h"

namespace demo {

static int clampToZero(int value) {
  return value < 0 ? 0 : value;
}

Counter::Counter() = default;

int Counter::increment() {
  return ++count_;
}

Counter Counter::fromString(const std::string& text) {
  Counter counter;
  counter.count_ = clampToZero(static_cast<int>(text.size()));
  return counter;
}

void Counter::reset() {
  count_ = 0;
}

int add(int a, int b) {
  return a + b;
}

}  // namespace demo
