// Methods that exist only for the end-to-end tests (`gloss serve --test-methods`): a slow
// request that honours cancellation, one that streams progress and partial results, and one
// provider chat streamed as the chat methods stream theirs.
#pragma once

#include "server/MethodTable.h"
#include "server/ProviderService.h"

namespace gloss::server {

void registerTestMethods(MethodTable& table, ProviderService& providers);

}  // namespace gloss::server
