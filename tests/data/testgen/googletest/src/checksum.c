#include "checksum.h"

static unsigned rotate(unsigned value) { return (value << 1) | (value >> 31); }

unsigned checksum(const char* data, unsigned length) {
  unsigned sum = 0;
  for (unsigned i = 0; i < length; ++i) sum = rotate(sum) ^ (unsigned char)data[i];
  return sum;
}
