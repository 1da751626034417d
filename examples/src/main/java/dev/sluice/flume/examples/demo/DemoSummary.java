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
package dev.sluice.flume.examples.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the demo reports at the end; {@link #toString()} is the printed summary. The output is
 * audited against the orders the AMPS server acknowledged, not the planned count.
 */
final class DemoSummary {
  /** Orders the run meant to publish (15 seed + the generated ones). */
  final long planned;

  /** Orders 1..acknowledged were acknowledged by the server; the audit checks them. */
  final long acknowledged;

  final OutputAudit audit;
  final double seconds;
  final Path output;
  final Path logs;
  final String metrics;
  final String killNote;

  DemoSummary(
      long planned,
      long acknowledged,
      OutputAudit audit,
      double seconds,
      Path output,
      Path logs,
      String metrics,
      String killNote) {
    this.planned = planned;
    this.acknowledged = acknowledged;
    this.audit = audit;
    this.seconds = seconds;
    this.output = output;
    this.logs = logs;
    this.metrics = metrics;
    this.killNote = killNote;
  }

  long missing() {
    return audit.missing;
  }

  /**
   * Why the run is not a success, one sentence each; empty when every planned order was
   * acknowledged and every acknowledged order was written once, to its symbol's file, in a finished
   * file, with no line the audit could not read.
   */
  List<String> problems() {
    List<String> p = new ArrayList<>();
    if (acknowledged != planned) {
      p.add(String.format(Locale.ROOT, "%,d of %,d orders acknowledged", acknowledged, planned));
    }
    if (audit.missing > 0) {
      p.add(String.format(Locale.ROOT, "%,d acknowledged orders missing", audit.missing));
    }
    if (audit.unparseable > 0) {
      p.add(
          String.format(
              Locale.ROOT, "%,d unparseable (partial or corrupt) lines", audit.unparseable));
    }
    if (audit.misplaced > 0) {
      p.add(String.format(Locale.ROOT, "%,d orders in another symbol's file", audit.misplaced));
    }
    if (audit.inUseFiles > 0) {
      p.add(audit.inUseFiles + " in-use files left");
    }
    return p;
  }

  boolean ok() {
    return problems().isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("\nSluice demo summary\n");
    line(
        sb,
        "published",
        String.format(
            Locale.ROOT, "%,d orders acknowledged of %,d planned", acknowledged, planned));
    line(
        sb,
        "written",
        String.format(
            Locale.ROOT,
            "%,d orders (%,d lines in %,d files)",
            audit.unique,
            audit.lines,
            audit.files));
    line(sb, "duplicates", String.format(Locale.ROOT, "%,d", audit.duplicates));
    line(
        sb,
        "missing",
        String.format(Locale.ROOT, "%,d", audit.missing)
            + (audit.firstMissing.isEmpty() ? "" : " (first: " + audit.firstMissing + ")"));
    line(
        sb,
        "misplaced",
        String.format(Locale.ROOT, "%,d (order in another symbol's file)", audit.misplaced));
    if (audit.unparseable > 0) {
      line(sb, "unparseable", String.format(Locale.ROOT, "%,d lines", audit.unparseable));
    }
    if (audit.inUseFiles > 0) {
      line(sb, "unfinished", audit.inUseFiles + " in-use files left");
    }
    line(
        sb,
        "throughput",
        String.format(
            Locale.ROOT,
            "%,.0f events/s end to end (%.1f s from the first publish to the last order written)",
            acknowledged / seconds,
            seconds));
    if (killNote != null) {
      line(sb, "aggregator", killNote);
    }
    line(sb, "metrics", metrics);
    line(sb, "output", output + "/agg*/orders/<symbol>/<yyyyMMddHH>.jsonl");
    line(sb, "logs", logs.toString());
    List<String> problems = problems();
    sb.append(
        problems.isEmpty()
            ? "  RESULT       OK: nothing missing\n"
            : "  RESULT       FAILED: " + String.join("; ", problems) + "\n");
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, String value) {
    sb.append(String.format(Locale.ROOT, "  %-12s %s%n", name, value));
  }
}
