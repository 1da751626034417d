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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code gpg --batch --verify file.asc file} against gpg's keyring ({@code GNUPGHOME}, or {@code
 * ~/.gnupg}), as Central verifies against the public keyservers: the signing key's public half must
 * be in that keyring.
 */
final class GpgSignatureCheck implements SignatureCheck {
  private static final long TIMEOUT_SECONDS = 60;

  private final String gpg;
  private final Path homedir;

  /**
   * @param gpg the gpg executable
   * @param homedir the keyring directory, or null for gpg's own choice (GNUPGHOME or ~/.gnupg)
   */
  GpgSignatureCheck(String gpg, Path homedir) {
    this.gpg = gpg;
    this.homedir = homedir;
  }

  @Override
  public Optional<String> verify(Path file, Path signature) {
    Path output = null;
    try {
      output = Files.createTempFile("gpg-verify-", ".out");
      List<String> command = new ArrayList<>(List.of(gpg, "--batch"));
      if (homedir != null) {
        command.add("--homedir");
        command.add(homedir.toString());
      }
      command.addAll(List.of("--verify", signature.toString(), file.toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of("gpg --verify did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() == 0) {
        return Optional.empty();
      }
      String said = Files.readString(output, StandardCharsets.UTF_8).trim().replace('\n', ' ');
      return Optional.of("gpg --verify failed (exit " + process.exitValue() + "): " + said);
    } catch (IOException e) {
      return Optional.of("cannot run " + gpg + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while gpg verified " + signature);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          output.toFile().deleteOnExit();
        }
      }
    }
  }
}
