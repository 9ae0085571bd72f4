# The README's commands. Thin wrappers: the work is in tools/ and CMake.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build run test unit integration e2e clean

deps:
	tools/scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) -j $(JOBS)

# PostgreSQL, the dev broker, the four services and the demo programme, until Ctrl-C.
run: build
	python3 tools/stack/stack.py run --build-dir $(BUILD_DIR)

# Every test: unit, integration (real PostgreSQL and dev broker) and end-to-end (the whole stack).
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j 2

unit integration e2e: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -L $@

clean:
	rm -rf $(BUILD_DIR) .local
