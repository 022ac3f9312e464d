package com.example.calc;

/** Adds and subtracts. */
public class Calculator {
  private int memory;

  public Calculator() {}

  public int add(int a, int b) {
    return a + b;
  }

  public int add(int a, int b, int c) {
    return a + b + c;
  }

  public static int negate(int a) {
    return -a;
  }

  private int store(int value) {
    memory = value;
    return memory;
  }

  int packagePrivate() {
    return memory;
  }
}
