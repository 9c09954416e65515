// LeakSanitizer suppressions for this test binary (used only in sanitizer builds).
// fontconfig, reached through poppler's font lookup for non-embedded standard fonts,
// keeps a process-lifetime cache that LeakSanitizer reports as a leak.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
