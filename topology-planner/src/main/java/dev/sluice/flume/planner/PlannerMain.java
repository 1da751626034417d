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
package dev.sluice.flume.planner;

import dev.sluice.flume.planner.Plan.Tier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-plan}: sizes a tiered Flume topology from a YAML description and writes every
 * agent's configuration, a report and a picture. Exit codes: 0 planned, 1 the description has
 * problems (each printed with its field), 2 a usage error, 3 a file could not be read or written.
 */
@Command(
    name = "sluice-plan",
    mixinStandardHelpOptions = true,
    version = "sluice-plan (Sluice topology-planner)",
    description =
        "Plans tiered Flume fan-in topologies: agents per tier, batch sizes, channel capacities, disk; writes each agent's properties, a report and an SVG.",
    subcommands = {PlannerMain.PlanCommand.class, CommandLine.HelpCommand.class})
public final class PlannerMain implements Callable<Integer> {
  static final int PROBLEMS = 1;
  static final int IO_ERROR = 3;

  @Spec CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  static int run(String... args) {
    return new CommandLine(new PlannerMain()).execute(args);
  }

  /** As {@link #run(String...)} with the command's output and errors going to the writers. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new PlannerMain());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** {@code plan}: writes the plan of one description. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = "Plan a topology: writes conf/<agent>.properties, report.md and topology.svg.")
  static final class PlanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "DESCRIPTION",
        description = "The topology description (YAML; see docs/topologies.md).")
    Path description;

    @Option(
        names = {"-o", "--out"},
        paramLabel = "DIR",
        description = "Where to write the plan (default: plan-<name> beside the description).")
    Path out;

    @Option(names = "--check", description = "Only check and size the description; write nothing.")
    boolean check;

    @Override
    public Integer call() {
      PrintWriter stdout = spec.commandLine().getOut();
      PrintWriter stderr = spec.commandLine().getErr();
      String yaml;
      try {
        yaml = new String(Files.readAllBytes(description), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        stderr.println("sluice-plan: no such description file: " + description);
        return IO_ERROR;
      } catch (IOException e) {
        stderr.println("sluice-plan: cannot read " + description + ": " + e);
        return IO_ERROR;
      }
      PlannedTopology planned;
      try {
        planned = PlannedTopology.of(yaml);
      } catch (DescriptionException e) {
        stderr.println("sluice-plan: " + description + ": " + e.getMessage());
        return PROBLEMS;
      }
      stdout.println("topology " + planned.plan.description.name + ":");
      for (Tier t : planned.plan.tiers) {
        stdout.println("  tier " + t.name + ": " + t.agents.size() + " agents");
      }
      if (check) {
        return 0;
      }
      Path dir = out != null ? out : siblingDir(description, planned.plan.description.name);
      try {
        List<Path> files = planned.writeTo(dir);
        stdout.println(
            "wrote " + files.size() + " files under " + dir + " (report.md explains every number)");
      } catch (IOException e) {
        stderr.println("sluice-plan: cannot write the plan under " + dir + ": " + e);
        return IO_ERROR;
      }
      return 0;
    }

    private static Path siblingDir(Path description, String name) {
      Path parent = description.toAbsolutePath().getParent();
      return parent.resolve("plan-" + name);
    }
  }
}
