#pragma once
// Opaque identifiers: 26-character, time-ordered (48-bit millisecond timestamp,
// then 80 random bits), Crockford base32 — sortable, URL-safe, unguessable
// enough for object ids (not for secrets: use the auth module for tokens).
// Thread-safe (a generator per thread).

#include <string>

namespace sanad::core {

std::string new_id();

// True when `id` has the shape new_id() produces.
bool looks_like_id(std::string_view id);

}  // namespace sanad::core
