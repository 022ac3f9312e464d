// Methods that exist only for the end-to-end tests (`gloss serve --test-methods`): a slow
// request that honours cancellation, and one that streams progress and partial results.
#pragma once

#include "server/MethodTable.h"

namespace gloss::server {

void registerTestMethods(MethodTable& table);

}  // namespace gloss::server
