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

/**
 * Why an event's path was refused. Each reason has its own counter and, under the {@code
 * dead-letter} policy, its own file in the dead-letter directory.
 */
enum RefusalReason {
  /** The header is absent or empty, or a template's header or timestamp is missing or bad. */
  MISSING_HEADER("missing-header", "EventsRefusedMissingHeader"),
  /** The path starts with {@code /}. */
  ABSOLUTE_PATH("absolute-path", "EventsRefusedAbsolutePath"),
  /** A segment of the path is {@code ..}. */
  PARENT_SEGMENT("parent-segment", "EventsRefusedParentSegment"),
  /** The path holds NUL or another control character. */
  CONTROL_CHARACTER("control-character", "EventsRefusedControlCharacter"),
  /** A segment or the whole path is longer than the file system or {@code maxPathLength} allow. */
  NAME_TOO_LONG("name-too-long", "EventsRefusedNameTooLong"),
  /** The path would resolve outside the base directory, through a symbolic link. */
  OUTSIDE_BASE_DIRECTORY("outside-base-directory", "EventsRefusedOutsideBaseDirectory"),
  /** A parent segment names something that is not a directory (for example a regular file). */
  NOT_A_DIRECTORY("not-a-directory", "EventsRefusedNotADirectory"),
  /**
   * No file name (empty, {@code .}, or ending in {@code /}), or a name the sink reserves: one that
   * looks like an in-use file, or the lock file.
   */
  INVALID_NAME("invalid-name", "EventsRefusedInvalidName");

  private final String fileName;
  private final String counter;

  RefusalReason(String fileName, String counter) {
    this.fileName = fileName;
    this.counter = counter;
  }

  /**
   * The reason as written in logs and as the dead-letter file name, for example {@code
   * missing-header}.
   */
  String label() {
    return fileName;
  }

  /** The name of this reason's counter. */
  String counter() {
    return counter;
  }
}
