package com.example.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NegateTest {
  @Test
  void negates() {
    assertEquals(-1, Calculator.negate(1));
  }
}
