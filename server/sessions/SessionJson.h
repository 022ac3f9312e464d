// The session store's values as the camelCase JSON the gloss/sessions/* methods answer with and
// the JSON export writes. Unknown numbers are null.
#pragma once

#include "server/sessions/SessionTypes.h"

namespace gloss::server::sessions {

json::object toJSON(const Session& session);
json::object toJSON(const Message& message);
json::object toJSON(const Summary& summary);
json::object toJSON(const SearchHit& hit);
json::object toJSON(const Stats& stats);

}  // namespace gloss::server::sessions
