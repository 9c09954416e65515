# Generates openapi_document.h: the OpenAPI JSON as a raw string literal.
file(READ ${INPUT} content)
file(WRITE ${OUTPUT}.tmp "#pragma once\n// Generated from src/api/openapi.json at build time. Do not edit.\n#include <string_view>\nnamespace sanad::api {\ninline constexpr std::string_view kOpenApiDocument = R\"sanad_openapi(${content})sanad_openapi\";\n}  // namespace sanad::api\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
