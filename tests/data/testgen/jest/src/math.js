// Arithmetic helpers.
function add(a, b) {
  return a + b;
}

function _clamp(value) {
  return Math.max(0, value);
}

function subtract(a, b) {
  return _clamp(a - b);
}

class Counter {
  constructor() {
    this.count = 0;
  }

  increment() {
    this.count += 1;
    return this.count;
  }

  _reset() {
    this.count = 0;
  }
}

module.exports = { add, subtract, Counter };
