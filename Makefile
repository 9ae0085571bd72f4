# The README's commands. Thin wrappers: the work is in tools/ and CMake.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build run test unit integration e2e sanitize fuzz clean

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

# The C++ unit and integration tests again, built with AddressSanitizer and UBSan in their own
# build directory (cmake/sanitize.cmake). Any sanitizer report fails the test that caused it.
SANITIZE_DIR ?= build-sanitize
sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMVERKAN_SANITIZE=ON
	cmake --build $(SANITIZE_DIR) -j $(JOBS) --target sanitizer_tests
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tools/sanitizers/lsan.supp:print_suppressions=0 \
	ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j 2 -L gtest

# The meeting-report parser under libFuzzer for a bounded time (ADR 0052), built with clang in its
# own directory; the sample reports are the seed corpus. A finding fails with its input saved.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	CXX=clang++ cmake -S tools/fuzz -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/findings
	$(FUZZ_DIR)/meeting_report_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
	  -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/findings/ \
	  $(FUZZ_DIR)/corpus services/attendance/tests/data/meeting_reports

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR) .local
