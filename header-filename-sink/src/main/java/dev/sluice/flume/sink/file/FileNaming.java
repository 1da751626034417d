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
 * Names of finished and in-use files.
 *
 * <p>The first file for a requested name {@code app.log} is {@code app.log} (plus {@code
 * sink.fileSuffix}); when that name is taken, a counter goes before the last extension: {@code
 * app.1.log}, {@code app.2.log}, ... A file being written is named {@code <inUsePrefix><finished
 * name><inUseSuffix>}, so readers that skip in-use names only ever see finished files.
 */
final class FileNaming {
  /** Name of the lock file the sink keeps in each directory it owns. */
  static final String LOCK_FILE = ".sluice-header-filename.lock";

  /** Room kept in each name for a counter such as {@code .4294967295}. */
  static final int COUNTER_ROOM = 11;

  private final String inUsePrefix;
  private final String inUseSuffix;
  private final String fileSuffix;

  FileNaming(String inUsePrefix, String inUseSuffix, String fileSuffix) {
    if (inUsePrefix.isEmpty() && inUseSuffix.isEmpty()) {
      throw new IllegalArgumentException("an in-use prefix or suffix is needed");
    }
    this.inUsePrefix = inUsePrefix;
    this.inUseSuffix = inUseSuffix;
    this.fileSuffix = fileSuffix;
  }

  /** The finished name for the n-th file (from 0) of a requested name. */
  String finishedName(String requested, long n) {
    if (n == 0) {
      return requested + fileSuffix;
    }
    int dot = requested.lastIndexOf('.');
    if (dot <= 0) {
      return requested + "." + n + fileSuffix;
    }
    return requested.substring(0, dot) + "." + n + requested.substring(dot) + fileSuffix;
  }

  String inUseName(String finishedName) {
    return inUsePrefix + finishedName + inUseSuffix;
  }

  /** True when a file of this name would be taken for an in-use file by crash recovery. */
  boolean looksInUse(String fileName) {
    return fileName.length() > inUsePrefix.length() + inUseSuffix.length()
        && fileName.startsWith(inUsePrefix)
        && fileName.endsWith(inUseSuffix);
  }

  /** The finished name an in-use file was going to get. */
  String finishedNameOf(String inUseName) {
    if (!looksInUse(inUseName)) {
      throw new IllegalArgumentException(inUseName + " is not an in-use name");
    }
    return inUseName.substring(inUsePrefix.length(), inUseName.length() - inUseSuffix.length());
  }

  /** A finished name without the file suffix: the name to publish under again, or number from. */
  String withoutFileSuffix(String finishedName) {
    return finishedName.endsWith(fileSuffix)
        ? finishedName.substring(0, finishedName.length() - fileSuffix.length())
        : finishedName;
  }

  /**
   * Bytes that the sink adds to a requested name at most: in-use prefix and suffix, file suffix and
   * counter. A requested name may use the rest of the file system's 255 bytes.
   */
  int decorationBytes() {
    return utf8Length(inUsePrefix)
        + utf8Length(inUseSuffix)
        + utf8Length(fileSuffix)
        + COUNTER_ROOM;
  }

  static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
