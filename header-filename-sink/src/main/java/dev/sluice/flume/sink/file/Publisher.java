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

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Gives a finished in-use file its final name, atomically and without ever replacing an existing
 * file.
 *
 * <p>{@code rename(2)} replaces its target, so a finished name is taken with {@code link(2)}, which
 * fails when the name exists, and the in-use name is removed afterwards. Readers never see a
 * half-written file under a finished name. A crash between the two steps leaves both names on the
 * same file, which recovery notices ({@link InUseRecovery}). Where hard links are not supported the
 * file is renamed after checking that the name is free.
 */
final class Publisher {
  private static final int MAX_TRIES = 100_000;

  private final FileNaming naming;
  private final boolean sync;

  Publisher(FileNaming naming, boolean sync) {
    this.naming = naming;
    this.sync = sync;
  }

  /**
   * Publishes {@code inUse} under the first free finished name of {@code requested} from counter
   * {@code n} on.
   *
   * @return the finished file
   */
  Path publish(Path inUse, Path directory, String requested, long n) throws IOException {
    for (long k = n; k < n + MAX_TRIES; k++) {
      String name = naming.finishedName(requested, k);
      if (naming.looksInUse(name)) {
        continue;
      }
      Path target = directory.resolve(name);
      if (takeName(inUse, target)) {
        if (sync) {
          DirectoryGuard.syncDirectory(directory);
        }
        return target;
      }
    }
    throw new IOException(
        "no free name for " + inUse + " after " + MAX_TRIES + " tries from " + requested);
  }

  private static boolean takeName(Path inUse, Path target) throws IOException {
    try {
      Files.createLink(target, inUse);
    } catch (FileAlreadyExistsException taken) {
      return false;
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      // File systems without hard links: check, then rename (not atomic against another writer).
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.move(inUse, target);
      return true;
    }
    Files.delete(inUse);
    return true;
  }
}
