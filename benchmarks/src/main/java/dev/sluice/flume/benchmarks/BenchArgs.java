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

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of an end-to-end benchmark: {@code --name value} options and {@code --flag}
 * switches, each given at most once, checked against what the benchmark accepts, with an error that
 * names the option and repeats the usage. An explicit value wins over one a switch such as {@code
 * --quick} implies, whatever their order.
 */
public final class BenchArgs {
  private final String name;
  private final String usage;
  private final String[] args;
  private final Map<String, String> given = new HashMap<>();

  private BenchArgs(String name, String usage, String[] args) {
    this.name = name;
    this.usage = usage;
    this.args = args.clone();
  }

  /**
   * Parses {@code args} of benchmark {@code name} ({@code bin/bench <name>}); {@code valued} take a
   * value, {@code flags} do not; {@code usage} is shown with every error.
   */
  public static BenchArgs parse(
      String name, String[] args, List<String> valued, List<String> flags, String usage) {
    BenchArgs a = new BenchArgs(name, usage, args);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      String value;
      if (valued.contains(option)) {
        if (i + 1 >= args.length) {
          throw a.error(option + " needs a value");
        }
        value = args[++i];
      } else if (flags.contains(option)) {
        value = "";
      } else {
        throw a.error("unknown argument " + option);
      }
      if (a.given.put(option, value) != null) {
        throw a.error(option + " is given twice");
      }
    }
    return a;
  }

  /** A whole number of at least 1, or {@code otherwise} when the option is not given. */
  public int positive(String option, int otherwise) {
    return atLeast(1, option, otherwise);
  }

  /** A whole number of at least 0, or {@code otherwise} when the option is not given. */
  public int nonNegative(String option, int otherwise) {
    return atLeast(0, option, otherwise);
  }

  private int atLeast(int least, String option, int otherwise) {
    String v = given.get(option);
    if (v == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= least) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the usage
    }
    throw error(option + " wants a whole number of at least " + least + ", got '" + v + "'");
  }

  /** The option's text, or {@code otherwise}. */
  public String text(String option, String otherwise) {
    return given.getOrDefault(option, otherwise);
  }

  /** The option as a path, or null when it is not given. */
  public Path path(String option) {
    String v = given.get(option);
    return v == null ? null : Paths.get(v);
  }

  /** Whether the switch is given. */
  public boolean flag(String option) {
    return given.containsKey(option);
  }

  /** The command as a user reruns it: {@code bin/bench <name> <args>}. */
  public String command() {
    return ("bin/bench " + name + " " + String.join(" ", args)).trim();
  }

  /** An error about the command line, naming the benchmark and its usage. */
  public UsageException error(String problem) {
    return new UsageException("bin/bench " + name + ": " + problem + "; usage: " + usage);
  }

  /**
   * A command line {@code bin/bench} cannot run: its message says what is wrong and how the command
   * is used, and {@code bin/bench} prints it without a stack trace (exit code {@value
   * BenchMain#USAGE_EXIT}).
   */
  public static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
