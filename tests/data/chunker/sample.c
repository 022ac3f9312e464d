/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "list.h"

#define MAX_ITEMS 16

/* A point on the plane. */
struct point {
	int x;
	int y;
};

typedef struct {
	struct point *items;
	size_t count;
} point_list;

enum color { RED, GREEN, BLUE };

static int counter;

/**
 * add_point - appends a point
 * @list: the list
 */
int add_point(point_list *list, struct point p)
{
	if (list->count >= MAX_ITEMS)
		return -1;
	list->items[list->count++] = p;
	return 0;
}
EXPORT_SYMBOL(add_point);

#ifdef CONFIG_DEBUG
static void dump(const point_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		printf("%d %d\n", list->items[i].x, list->items[i].y);
}
#endif

static inline int square(int v) { return v * v; }
static inline int cube(int v) { return v * v * v; }

int main(void)
{
	return add_point(NULL, (struct point){0, 0});
}
