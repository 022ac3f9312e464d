// A counter with a few operations.
#pragma once

#include <string>

namespace demo {

class Counter {
 public:
  Counter();
  int increment();
  int value() const { return count_; }
  static Counter fromString(const std::string& text);

 private:
  void reset();
  int count_ = 0;
};

int add(int a, int b);

}  // namespace demo
