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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.Requirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BundleCheck against real gpg signatures: a throwaway key (as CI makes one) signs the fixture
 * bundle, {@code gpg --verify} passes it, and a jar changed after signing (checksums rewritten, so
 * only the signature can tell) fails.
 */
class BundleCheckGpgIT {
  private static final String V = BundleFixture.VERSION;
  @TempDir static Path gnupgHome;

  @BeforeAll
  static void makeThrowawayKey() throws Exception {
    Requirement.require(onPath("gpg"), "gpg (Debian package gnupg) to sign and verify");
    Files.setPosixFilePermissions(
        gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    gpg(
        "--passphrase",
        "",
        "--quick-gen-key",
        "BundleCheckGpgIT throwaway <test@sluice.invalid>",
        "ed25519",
        "sign",
        "1d");
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  @AfterAll
  static void stopAgent() throws Exception {
    new ProcessBuilder("gpgconf", "--homedir", gnupgHome.toString(), "--kill", "all")
        .redirectErrorStream(true)
        .start()
        .waitFor(30, TimeUnit.SECONDS);
  }

  private static void gpg(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("gpg", "--batch", "--homedir", gnupgHome.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "gpg did not finish: " + command);
    assertEquals(0, process.exitValue(), "gpg failed: " + command + "\n" + output);
  }

  private static final BundleFixture.Signer GPG_SIGNER =
      file -> {
        try {
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".asc"));
          gpg("--armor", "--detach-sign", file.toString());
        } catch (IOException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException(e);
        }
      };

  @Test
  void passesABundleSignedByTheKeyInTheKeyring(@TempDir Path dir) throws IOException {
    BundleFixture bundle = new BundleFixture(dir, GPG_SIGNER).write();
    BundleCheck check = new BundleCheck(bundle.bom(), V, new GpgSignatureCheck("gpg", gnupgHome));
    assertEquals(List.of(), check.check(dir));
    assertEquals(6, check.signaturesVerified());
  }

  @Test
  void refusesAJarChangedAfterItWasSigned(@TempDir Path dir) throws IOException {
    BundleFixture bundle = new BundleFixture(dir, GPG_SIGNER).write();
    Path jar = bundle.file("sluice-widget", "sluice-widget-" + V + ".jar");
    Path signature = jar.resolveSibling(jar.getFileName() + ".asc");
    byte[] goodSignature = Files.readAllBytes(signature);
    bundle.writeFile(
        "sluice-widget",
        jar.getFileName().toString(),
        BundleFixture.zip(java.util.Map.of("evil", "x")));
    Files.write(signature, goodSignature);
    List<String> problems =
        new BundleCheck(bundle.bom(), V, new GpgSignatureCheck("gpg", gnupgHome)).check(dir);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .contains("sluice-widget-" + V + ".jar.asc does not verify: gpg --verify failed"),
        problems.get(0));
  }

  @Test
  void refusesASignatureByAKeyNotInTheKeyring(@TempDir Path dir, @TempDir Path otherHome)
      throws IOException {
    BundleFixture bundle = new BundleFixture(dir, GPG_SIGNER).write();
    List<String> problems =
        new BundleCheck(bundle.bom(), V, new GpgSignatureCheck("gpg", otherHome)).check(dir);
    assertEquals(6, problems.size(), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.contains("does not verify")), problems.toString());
  }
}
