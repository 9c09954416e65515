# The two commands of the README, and a few conveniences. Every target prints what it does.
.PHONY: run test build deps bench format tidy clean

run:            ## install what is missing, build, migrate, load the demo corpus, serve on :8080
	@scripts/run.sh

test:           ## install what the tests need, build, run every test (SQLite, PostgreSQL, Redis)
	@scripts/test.sh

build:          ## build into build/ (no package installation)
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build

deps:           ## install the build and test packages only
	@scripts/install-deps.sh build test

bench:          ## build and run the benchmarks (see docs/benchmarks.md)
	@scripts/bench.sh

format:         ## reformat C++ sources with the pinned .clang-format
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

tidy:           ## run clang-tidy over the sources (needs build/compile_commands.json)
	find src -name '*.cpp' | xargs clang-tidy -p build --quiet

clean:
	rm -rf build build-asan build-bench
