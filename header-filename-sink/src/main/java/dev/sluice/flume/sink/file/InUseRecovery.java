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
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes in-use files left by a crash, when the sink starts and before it opens any file.
 *
 * <p>For each in-use file under a root (symbolic links are not followed): if its finished name
 * already is the same file, the crash came between taking the name and removing the in-use name,
 * and the in-use name is removed. Otherwise a partial last record (written by a batch that was
 * never committed, so the channel delivers it again) is cut off, the cut logged and counted; a file
 * left with no whole record is deleted; the rest is published under its finished name, or the next
 * free one.
 */
final class InUseRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(InUseRecovery.class);

  private final FileNaming naming;
  private final Publisher publisher;
  private final Compression compression;
  private final RecordFraming framing;
  private final boolean sync;
  private final FileSinkCounters counters;

  InUseRecovery(
      FileNaming naming,
      Publisher publisher,
      Compression compression,
      RecordFraming framing,
      boolean sync,
      FileSinkCounters counters) {
    this.naming = naming;
    this.publisher = publisher;
    this.compression = compression;
    this.framing = framing;
    this.sync = sync;
    this.counters = counters;
  }

  /** Recovers every in-use file under a root; returns how many there were. */
  int recover(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            // The root's lock file is the sink's own, held now: with an in-use prefix "." and
            // no suffix it would look in use, and be "recovered" (deleted) under the lock.
            boolean lock =
                file.getParent().equals(root)
                    && file.getFileName().toString().equals(FileNaming.LOCK_FILE);
            if (attrs.isRegularFile()
                && !lock
                && naming.looksInUse(file.getFileName().toString())) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    for (Path p : found) {
      recoverFile(p);
    }
    return found.size();
  }

  void recoverFile(Path inUse) throws IOException {
    Path dir = inUse.getParent();
    String finished = naming.finishedNameOf(inUse.getFileName().toString());
    Path target = dir.resolve(finished);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(target, inUse)) {
      Files.delete(inUse);
      LOG.debug("Recovered {}: already published as {}", inUse, target);
      counters.recovered();
      return;
    }
    long size;
    long complete;
    try (FileChannel ch =
        FileChannel.open(inUse, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      size = ch.size();
      complete =
          compression == Compression.GZIP
              ? GzipMembers.completeLength(ch)
              : framing.completeLength(ch);
      if (complete < size) {
        ch.truncate(complete);
        if (sync) {
          ch.force(true);
        }
      }
    }
    if (complete < size) {
      LOG.warn(
          "Recovering {}: cut {} bytes of a partial last record, kept {} bytes",
          inUse,
          size - complete,
          complete);
      counters.recoveryCut(size - complete);
    }
    if (complete == 0) {
      Files.delete(inUse);
      LOG.info("Recovered {}: no whole record in it, deleted", inUse);
      counters.recoveryEmptyDeleted();
      counters.recovered();
      return;
    }
    Path published = publisher.publish(inUse, dir, naming.withoutFileSuffix(finished), 0);
    LOG.debug("Recovered {} as {}", inUse, published);
    counters.recovered();
  }
}
