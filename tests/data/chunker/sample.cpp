#include <string>
#include <vector>

namespace shapes {

// Base of every shape.
class Shape {
 public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
};

template <typename T>
struct Box : Shape {
  explicit Box(T side) : side_(side) {}
  double area() const override { return side_ * side_; }

 private:
  T side_;
};

double total(const std::vector<Shape*>& shapes);

}  // namespace shapes

namespace {
int helper(int v) {
  return v + 1;
}
}  // namespace

double shapes::total(const std::vector<Shape*>& shapes) {
  double sum = 0;
  for (const Shape* s : shapes) sum += s->area();
  return sum;
}

Circle::Circle(double r) : r_(r) {
  validate();
}

extern "C" int c_entry(void) {
  return helper(1);
}
