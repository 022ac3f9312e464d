package com.example.shop;

import java.util.ArrayList;
import java.util.List;

/**
 * A shopping cart.
 */
public class Cart {
    private final List<Item> items = new ArrayList<>();

    public Cart() {
    }

    /** Adds an item. */
    @Override
    public void add(Item item) {
        items.add(item);
    }

    public int total() {
        int sum = 0;
        for (Item item : items) {
            sum += item.price();
        }
        return sum;
    }

    public record Item(String name, int price) {
    }

    enum Status { OPEN, PAID }
}

interface Priced {
    int price();

    default boolean isFree() {
        return price() == 0;
    }
}
