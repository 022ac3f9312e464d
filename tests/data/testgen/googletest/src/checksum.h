#ifndef CHECKSUM_H
#define CHECKSUM_H

unsigned checksum(const char* data, unsigned length);

#endif
