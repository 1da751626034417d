/*
 * Copyright 2026 The Sluice Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.sluice.flume.benchmarks;

import dev.sluice.flume.benchmarks.report.Section;

/**
 * A benchmark {@code bin/bench} runs: ours beside its anchor, measured alternately round after
 * round in the same run, returned as a section of the results page.
 */
@FunctionalInterface
public interface Benchmark {
  /**
   * Runs the benchmark with its own command line (what follows its name on {@code bin/bench}; every
   * benchmark takes {@code --rounds R} and {@code --quick}), printing progress, and returns what it
   * measured.
   */
  Section run(String[] args) throws Exception;
}
