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
package dev.sluice.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/** The checksum files Central takes beside each file, and how to compute them. */
final class Checksums {
  /** Central requires these two beside every file; it takes the others if present. */
  static final List<String> REQUIRED = List.of("md5", "sha1");

  static final List<String> ALL = List.of("md5", "sha1", "sha256", "sha512");

  private Checksums() {}

  /** The hex digest of a file with the algorithm a checksum suffix names ({@code sha256}). */
  static String of(Path file, String suffix) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm(suffix));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + suffix + " digest", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) {
      hex.append(String.format(Locale.ROOT, "%02x", b & 0xff));
    }
    return hex.toString();
  }

  /**
   * The digest a checksum file states: its first word, lower-cased (some tools append the file name
   * after it).
   */
  static String stated(Path checksumFile) throws IOException {
    String text = Files.readString(checksumFile).trim();
    int space = text.indexOf(' ');
    return (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
  }

  static boolean isChecksum(String fileName) {
    return ALL.stream().anyMatch(suffix -> fileName.endsWith("." + suffix));
  }

  private static String algorithm(String suffix) {
    switch (suffix) {
      case "md5":
        return "MD5";
      case "sha1":
        return "SHA-1";
      case "sha256":
        return "SHA-256";
      case "sha512":
        return "SHA-512";
      default:
        throw new IllegalArgumentException("no checksum named " + suffix);
    }
  }
}
