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
package dev.sluice.flume.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What one benchmark measured in one run: its workloads (ours beside the anchor, every round), how
 * it measured them (prose), and where and when: the command that reproduces it, the commit, the
 * date, the wall time, the machine and its load average at the start and the end. {@link #begin}
 * takes the provenance when the run starts; {@link Recorder#end} when it ends.
 */
public final class Section {
  private final String name;
  private final String title;
  private final String description;
  private final String command;
  private final String commit;
  private final String date;
  private final double wallSeconds;
  private final String machine;
  private final String loadStart;
  private final String loadEnd;
  private final List<Workload> workloads;
  private final List<Figure> figures;
  private final String notes;
  private final List<Agreement.Row> agreement;

  Section(
      String name,
      String title,
      String description,
      String command,
      String commit,
      String date,
      double wallSeconds,
      String machine,
      String loadStart,
      String loadEnd,
      List<Workload> workloads,
      List<Figure> figures,
      String notes,
      List<Agreement.Row> agreement) {
    this.name = Objects.requireNonNull(name);
    this.title = Objects.requireNonNull(title);
    this.description = description == null ? "" : description;
    this.command = command;
    this.commit = commit;
    this.date = date;
    this.wallSeconds = wallSeconds;
    this.machine = machine;
    this.loadStart = loadStart;
    this.loadEnd = loadEnd;
    this.workloads = List.copyOf(workloads);
    this.figures = List.copyOf(figures);
    this.notes = notes == null ? "" : notes;
    this.agreement = agreement == null ? List.of() : List.copyOf(agreement);
  }

  /**
   * Starts recording the run of benchmark {@code name} ({@code bin/bench <name>}), whose page
   * section is headed {@code title} and reproduced by {@code command}: takes the commit, the date,
   * the machine and its load average now.
   */
  public static Recorder begin(String name, String title, String command) {
    return new Recorder(name, title, command);
  }

  /** Collects a section while its benchmark runs. */
  public static final class Recorder {
    private final String name;
    private final String title;
    private final String command;
    private final String commit = Provenance.commit();
    private final String date = Provenance.now();
    private final String machine = Provenance.machine();
    private final String loadStart = Provenance.loadAverage();
    private final long startNanos = System.nanoTime();
    private final List<Workload> workloads = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private String description = "";
    private String notes = "";

    private Recorder(String name, String title, String command) {
      this.name = name;
      this.title = title;
      this.command = command;
    }

    /** The commit the run measures (as the section records it). */
    public String commit() {
      return commit;
    }

    /** The machine the run measures on (as the section records it). */
    public String machine() {
      return machine;
    }

    /** How the workloads were measured (markdown, shown above the figures). */
    public Recorder description(String markdown) {
      this.description = markdown;
      return this;
    }

    /** What to read into the figures (markdown, shown below them). */
    public Recorder notes(String markdown) {
      this.notes = markdown;
      return this;
    }

    public Recorder add(Workload w) {
      for (Workload existing : workloads) {
        if (existing.name().equals(w.name())) {
          throw new IllegalArgumentException(name + ": two workloads named " + w.name());
        }
      }
      workloads.add(w);
      return this;
    }

    /** A figure of ours alone, where the anchor has no counterpart (see {@link Figure}). */
    public Recorder add(Figure f) {
      figures.add(f);
      return this;
    }

    /** The section as of now: the load average and wall time at the end are taken here. */
    public Section end() {
      if (workloads.isEmpty()) {
        throw new IllegalStateException(name + " measured no workload");
      }
      return new Section(
          name,
          title,
          description,
          command,
          commit,
          date,
          (System.nanoTime() - startNanos) / 1e9,
          machine,
          loadStart,
          Provenance.loadAverage(),
          workloads,
          figures,
          notes,
          List.of());
    }
  }

  /** The same section with its agreement with a previous run. */
  Section withAgreement(List<Agreement.Row> rows) {
    return new Section(
        name,
        title,
        description,
        command,
        commit,
        date,
        wallSeconds,
        machine,
        loadStart,
        loadEnd,
        workloads,
        figures,
        notes,
        rows);
  }

  /**
   * Whether {@code other} is this very run, read back from a results file (where the wall time is
   * whole seconds, so a run that just ended never is): the same benchmark, command, commit, start
   * date, wall time and load averages, and the same ratio in every round of every workload.
   */
  boolean sameRunAs(Section other) {
    if (!name.equals(other.name)
        || !Objects.equals(command, other.command)
        || !Objects.equals(commit, other.commit)
        || !Objects.equals(date, other.date)
        || Double.compare(wallSeconds, other.wallSeconds) != 0
        || !Objects.equals(loadStart, other.loadStart)
        || !Objects.equals(loadEnd, other.loadEnd)
        || workloads.size() != other.workloads.size()) {
      return false;
    }
    for (int i = 0; i < workloads.size(); i++) {
      Workload a = workloads.get(i);
      Workload b = other.workloads.get(i);
      if (!a.name().equals(b.name()) || !a.ratios().values().equals(b.ratios().values())) {
        return false;
      }
    }
    return true;
  }

  /** The benchmark's name, as {@code bin/bench <name>} takes it. */
  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public String command() {
    return command;
  }

  public String commit() {
    return commit;
  }

  /** When the run started, {@code yyyy-MM-dd HH:mm UTC}. */
  public String date() {
    return date;
  }

  public double wallSeconds() {
    return wallSeconds;
  }

  public String machine() {
    return machine;
  }

  public String loadStart() {
    return loadStart;
  }

  public String loadEnd() {
    return loadEnd;
  }

  public List<Workload> workloads() {
    return Collections.unmodifiableList(workloads);
  }

  /** The workload of that name, or null. */
  public Workload workload(String workloadName) {
    for (Workload w : workloads) {
      if (w.name().equals(workloadName)) {
        return w;
      }
    }
    return null;
  }

  /** Figures of ours alone. */
  public List<Figure> figures() {
    return figures;
  }

  public String notes() {
    return notes;
  }

  /** How each workload's median ratio compares with the previous run's; empty for a first run. */
  public List<Agreement.Row> agreement() {
    return agreement;
  }
}
