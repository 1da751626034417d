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
package dev.sluice.flume.sink.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns an event's headers into a path relative to the base directory, or refuses it.
 *
 * <p>The checks here look only at the string; what can only be known on disk (symbolic links
 * leading out of the base directory, a parent that is a regular file) is checked by {@link
 * DirectoryGuard} when the file is opened. A path is refused when it is missing or empty, absolute,
 * has a {@code ..} segment, holds a control character (NUL included), is too long in total or in
 * one segment, names no file, or names a file the sink reserves (in-use names, the lock file).
 * Empty and {@code .} segments are dropped: {@code a//./b} is {@code a/b}.
 */
final class PathResolver {
  /** The most bytes one name may have on the usual Linux file systems (NAME_MAX). */
  static final int NAME_MAX = 255;

  /** The outcome for one event: a normalised relative path, or why there is none. */
  static final class Resolution {
    private static final Map<RefusalReason, Resolution> REFUSED =
        new EnumMap<>(RefusalReason.class);

    static {
      for (RefusalReason r : RefusalReason.values()) {
        REFUSED.put(r, new Resolution(null, r));
      }
    }

    private final String path;
    private final RefusalReason refusal;

    /** The target under the base directory, made once per resolution ({@link #target(Path)}). */
    private Target target;

    private Resolution(String path, RefusalReason refusal) {
      this.path = path;
      this.refusal = refusal;
    }

    static Resolution of(String path) {
      return new Resolution(path, null);
    }

    static Resolution refused(RefusalReason reason) {
      return REFUSED.get(reason);
    }

    /** The relative path, segments joined by {@code /}; null when refused. */
    String path() {
      return path;
    }

    /** Why the path was refused; null when it was not. */
    RefusalReason refusal() {
      return refusal;
    }

    /**
     * The file under {@code root} (always the same root for one sink: its base directory), the same
     * instance for every event that resolves here, so the open-file lookup is one hash and an
     * identity check.
     */
    Target target(Path root) {
      Target t = target;
      if (t == null || t.root() != root) {
        t = new Target(root, path);
        target = t;
      }
      return t;
    }

    @Override
    public String toString() {
      return refusal == null ? path : "refused: " + refusal.label();
    }
  }

  private final String header;
  private final PathTemplate template;
  private final FileNaming naming;
  private final int maxPathBytes;
  private final int maxFileNameBytes;
  private final LongSupplier clock;

  /**
   * Resolutions of recent raw paths. The rules are a function of the string alone, and most traffic
   * names a few files over and over: checking each event's path again (splitting it, measuring its
   * UTF-8 length, building its names) was the largest cost per event in a profile of the one-file
   * benchmark. Emptied when full, so it holds at most {@link #cacheSize} entries.
   */
  private final HashMap<String, Resolution> cache = new HashMap<>();

  private final int cacheSize;

  /**
   * @param header the header that names the path, when there is no template
   * @param template the template, or null to use the header
   * @param maxPathBytes the longest relative path accepted, in UTF-8 bytes
   */
  PathResolver(
      String header,
      PathTemplate template,
      FileNaming naming,
      int maxPathBytes,
      LongSupplier clock) {
    this(header, template, naming, maxPathBytes, clock, 0);
  }

  /**
   * @param cacheSize how many raw paths' resolutions to remember; 0 for none
   */
  PathResolver(
      String header,
      PathTemplate template,
      FileNaming naming,
      int maxPathBytes,
      LongSupplier clock,
      int cacheSize) {
    this.cacheSize = cacheSize;
    this.header = header;
    this.template = template;
    this.naming = naming;
    this.maxPathBytes = maxPathBytes;
    this.maxFileNameBytes = NAME_MAX - naming.decorationBytes();
    this.clock = clock;
    if (maxFileNameBytes < 1) {
      throw new IllegalArgumentException("in-use prefix, suffix and file suffix leave no room");
    }
  }

  /** The header naming the path; null with a template. */
  String header() {
    return header;
  }

  /** The template; null without one. */
  PathTemplate template() {
    return template;
  }

  Resolution resolve(Map<String, String> headers) {
    return resolveRaw(raw(headers));
  }

  /** The path an event asks for, before any check: the header's value or the expanded template. */
  String raw(Map<String, String> headers) {
    return template == null ? headers.get(header) : template.expand(headers, clock.getAsLong());
  }

  /** {@link #check}, remembered for recent paths. */
  Resolution resolveRaw(String raw) {
    if (raw == null || cacheSize == 0) {
      return check(raw);
    }
    Resolution r = cache.get(raw);
    if (r == null) {
      r = check(raw);
      if (cache.size() >= cacheSize) {
        cache.clear();
      }
      cache.put(raw, r);
    }
    return r;
  }

  /** Applies the path rules to a path given as a string. */
  Resolution check(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Resolution.refused(RefusalReason.MISSING_HEADER);
    }
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isISOControl(raw.charAt(i))) {
        return Resolution.refused(RefusalReason.CONTROL_CHARACTER);
      }
    }
    if (raw.charAt(0) == '/') {
      return Resolution.refused(RefusalReason.ABSOLUTE_PATH);
    }
    if (FileNaming.utf8Length(raw) > maxPathBytes) {
      return Resolution.refused(RefusalReason.NAME_TOO_LONG);
    }
    String[] parts = raw.split("/", -1);
    List<String> kept = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      String segment = parts[i];
      boolean isLast = i == parts.length - 1;
      if (segment.isEmpty() || segment.equals(".")) {
        if (isLast) {
          return Resolution.refused(RefusalReason.INVALID_NAME);
        }
        continue;
      }
      if (segment.equals("..")) {
        return Resolution.refused(RefusalReason.PARENT_SEGMENT);
      }
      if (FileNaming.utf8Length(segment) > (isLast ? maxFileNameBytes : NAME_MAX)) {
        return Resolution.refused(RefusalReason.NAME_TOO_LONG);
      }
      kept.add(segment);
    }
    String last = kept.get(kept.size() - 1);
    if (naming.looksInUse(last)
        || naming.looksInUse(naming.finishedName(last, 0))
        || (kept.size() == 1 && last.equals(FileNaming.LOCK_FILE))) {
      return Resolution.refused(RefusalReason.INVALID_NAME);
    }
    return Resolution.of(kept.size() == parts.length ? raw : String.join("/", kept));
  }
}
