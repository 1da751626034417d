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
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a Central Portal bundle the way Central validates a deployment, and against sluice-bom,
 * the one list of published modules. A problem is reported for:
 *
 * <ul>
 *   <li>a module sluice-bom lists that the bundle lacks, or a module in the bundle it does not
 *       list;
 *   <li>a POM without name, description, url, a licence (name and url), a developer or scm (url and
 *       connection), stated in the POM itself; a POM with a parent (the release flattens them); a
 *       licence that does not state the amps-client situation;
 *   <li>a SNAPSHOT or unresolved ({@code ${...}}) version: the module's or any dependency's;
 *   <li>a jar module without its jar, {@code -sources.jar} or {@code -javadoc.jar}; a javadoc jar
 *       with no HTML page or a sources jar with no Java source;
 *   <li>a file without its {@code .asc} signature, or one that does not verify; a file without its
 *       {@code .md5} and {@code .sha1}, or any checksum that does not match;
 *   <li>a plugin tarball that packs the proprietary amps-client.
 * </ul>
 *
 * <pre>{@code
 * java -cp release-tools/target/classes dev.sluice.release.BundleCheck \
 *     --bundle central-bundle.zip --bom sluice-bom/pom.xml --version 0.1.0
 * }</pre>
 */
public final class BundleCheck {
  static final String AMPS_CLIENT = "com.crankuptheamps:amps-client";

  private final PomFacts bom;
  private final String version;
  private final SignatureCheck signatures;
  private final List<String> problems = new ArrayList<>();
  private int filesChecked;
  private int signaturesVerified;

  BundleCheck(PomFacts bom, String version, SignatureCheck signatures) {
    this.bom = bom;
    this.version = version;
    this.signatures = signatures;
  }

  /** The problems of an unpacked bundle (the repository layout under {@code root}); none passes. */
  List<String> check(Path root) throws IOException {
    problems.clear();
    Map<String, Path> components = components(root);
    Map<String, String> published = published();
    for (String expected : published.keySet()) {
      if (!components.containsKey(expected)) {
        problems.add(
            expected
                + " is published (sluice-bom lists it) but the bundle has no "
                + expected
                + ":"
                + version);
      }
    }
    for (Map.Entry<String, Path> component : components.entrySet()) {
      if (!published.containsKey(component.getKey())) {
        problems.add(
            "the bundle holds "
                + component.getKey()
                + ", which sluice-bom does not list: add it to sluice-bom if it is published,"
                + " else to excludeArtifacts in the root pom's release profile");
      }
      checkComponent(component.getKey(), component.getValue());
    }
    return List.copyOf(problems);
  }

  /** Module key ({@code group:artifact}) to the bundle directory of each published module. */
  private Map<String, String> published() {
    Map<String, String> out = new TreeMap<>();
    out.put(bom.groupId + ":" + bom.artifactId, bom.version);
    for (PomFacts.Dependency managed : bom.managedDependencies) {
      out.put(managed.key, managed.version);
      if (!managed.version.equals(version)) {
        problems.add(
            "sluice-bom manages "
                + managed.key
                + " at "
                + managed.version
                + ", not the release version "
                + version);
      }
    }
    return out;
  }

  private Map<String, Path> components(Path root) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        Path relative = root.relativize(file);
        int parts = relative.getNameCount();
        if (parts < 4) {
          problems.add(relative + " is not in a group/artifact/version directory");
          continue;
        }
        String artifact = relative.getName(parts - 3).toString();
        String group =
            relative
                .subpath(0, parts - 3)
                .toString()
                .replace(relative.getFileSystem().getSeparator(), ".");
        out.putIfAbsent(group + ":" + artifact, file.getParent().getParent());
      }
    }
    return out;
  }

  private void checkComponent(String key, Path artifactDir) throws IOException {
    String artifact = artifactDir.getFileName().toString();
    List<Path> versions = list(artifactDir);
    for (Path versionDir : versions) {
      String found = versionDir.getFileName().toString();
      if (!found.equals(version)) {
        problems.add(key + " is in the bundle at version " + found + ", not " + version);
        continue;
      }
      if (found.toUpperCase(Locale.ROOT).contains("SNAPSHOT")) {
        problems.add(key + ":" + found + " is a SNAPSHOT: Central takes only releases");
      }
      String base = artifact + "-" + found;
      Path pom = versionDir.resolve(base + ".pom");
      if (!Files.isRegularFile(pom)) {
        problems.add(key + " has no POM " + base + ".pom");
        continue;
      }
      PomFacts facts;
      try (InputStream in = Files.newInputStream(pom)) {
        facts = PomFacts.read(in, base + ".pom");
      } catch (IOException e) {
        problems.add(e.getMessage());
        continue;
      }
      checkPom(key, base + ".pom", facts);
      if (!"pom".equals(facts.packaging)) {
        checkArchives(versionDir, base);
      }
      for (Path file : list(versionDir)) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".asc") && !Checksums.isChecksum(name)) {
          checkSignedAndSummed(file);
        }
        if (name.endsWith(".tar.gz") && !name.endsWith(".asc")) {
          checkTarball(file);
        }
      }
    }
  }

  private void checkPom(String key, String file, PomFacts pom) {
    if (!key.equals(pom.groupId + ":" + pom.artifactId)) {
      problems.add(file + " names " + pom.groupId + ":" + pom.artifactId + ", not " + key);
    }
    if (!version.equals(pom.version)) {
      problems.add(file + " has version " + pom.version + ", not " + version);
    }
    if (pom.hasParent) {
      problems.add(
          file
              + " has a parent: a published POM must state everything itself (the release"
              + " profile flattens POMs)");
    }
    require(!pom.name.isEmpty(), file, "name");
    require(!pom.description.isEmpty(), file, "description");
    require(!pom.url.isEmpty(), file, "url");
    require(!pom.licenses.isEmpty(), file, "licenses/license");
    for (PomFacts.License license : pom.licenses) {
      require(!license.name.isEmpty(), file, "licenses/license/name");
      require(!license.url.isEmpty(), file, "licenses/license/url");
    }
    if (pom.licenses.stream().noneMatch(license -> license.comments.contains("amps-client"))) {
      problems.add(
          file
              + " does not state the amps-client licence situation (a licence comment naming"
              + " amps-client: proprietary, never bundled)");
    }
    require(!pom.developerNames.isEmpty(), file, "developers/developer");
    require(
        pom.developerNames.stream().noneMatch(String::isEmpty), file, "developers/developer/name");
    require(!pom.scmUrl.isEmpty(), file, "scm/url");
    require(!pom.scmConnection.isEmpty(), file, "scm/connection");
    List<PomFacts.Dependency> all = new ArrayList<>(pom.dependencies);
    all.addAll(pom.managedDependencies);
    for (PomFacts.Dependency dependency : all) {
      if (dependency.version.isEmpty()) {
        problems.add(file + " gives no version for its dependency " + dependency.key);
      } else if (dependency.version.toUpperCase(Locale.ROOT).contains("SNAPSHOT")) {
        problems.add(file + " depends on a SNAPSHOT: " + dependency);
      } else if (dependency.version.contains("${")) {
        problems.add(file + " has an unresolved version for " + dependency);
      }
    }
  }

  private void require(boolean present, String file, String element) {
    if (!present) {
      problems.add(file + " has no " + element + " (Central requires it)");
    }
  }

  private void checkArchives(Path dir, String base) throws IOException {
    Path jar = dir.resolve(base + ".jar");
    Path sources = dir.resolve(base + "-sources.jar");
    Path javadoc = dir.resolve(base + "-javadoc.jar");
    if (!Files.isRegularFile(jar)) {
      problems.add(base + ".jar is missing");
    }
    if (!Files.isRegularFile(sources)) {
      problems.add(base + "-sources.jar is missing (Central requires sources)");
    } else if (countEntries(sources, ".java") == 0) {
      problems.add(base + "-sources.jar holds no Java source");
    }
    if (!Files.isRegularFile(javadoc)) {
      problems.add(base + "-javadoc.jar is missing (Central requires javadoc)");
    } else if (countEntries(javadoc, ".html") == 0) {
      problems.add(base + "-javadoc.jar is empty: it holds no HTML page");
    }
  }

  private void checkSignedAndSummed(Path file) throws IOException {
    filesChecked++;
    String name = file.getFileName().toString();
    Path signature = file.resolveSibling(name + ".asc");
    if (!Files.isRegularFile(signature)) {
      problems.add(name + " has no signature " + name + ".asc");
    } else {
      Optional<String> bad = signatures.verify(file, signature);
      if (bad.isPresent()) {
        problems.add(name + ".asc does not verify: " + bad.get());
      } else {
        signaturesVerified++;
      }
    }
    for (String suffix : Checksums.ALL) {
      Path sum = file.resolveSibling(name + "." + suffix);
      if (!Files.isRegularFile(sum)) {
        if (Checksums.REQUIRED.contains(suffix)) {
          problems.add(name + " has no " + name + "." + suffix + " (Central requires it)");
        }
        continue;
      }
      String stated = Checksums.stated(sum);
      String actual = Checksums.of(file, suffix);
      if (!stated.equals(actual)) {
        problems.add(
            name
                + "."
                + suffix
                + " does not match: it says "
                + stated
                + ", the file's is "
                + actual);
      }
    }
  }

  private void checkTarball(Path tarball) throws IOException {
    List<String> names = TarGzEntries.names(tarball);
    for (String entry : names) {
      String fileName = entry.substring(entry.lastIndexOf('/') + 1);
      if (fileName.startsWith("amps-client") && fileName.endsWith(".jar")) {
        problems.add(
            tarball.getFileName()
                + " packs "
                + entry
                + ": amps-client is proprietary and must never be bundled");
      }
    }
  }

  private static int countEntries(Path zip, String suffix) throws IOException {
    int count = 0;
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (!entry.isDirectory() && entry.getName().endsWith(suffix)) {
          count++;
        }
      }
    } catch (IOException e) {
      throw new IOException(zip.getFileName() + " is not a readable jar: " + e.getMessage(), e);
    }
    return count;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().collect(Collectors.toList());
    }
  }

  int filesChecked() {
    return filesChecked;
  }

  int signaturesVerified() {
    return signaturesVerified;
  }

  /** Unpacks a bundle zip into {@code into} (which must be empty or absent). */
  static void unzip(Path zip, Path into) throws IOException {
    Files.createDirectories(into);
    Path root = into.toAbsolutePath().normalize();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("bundle entry " + entry.getName() + " points outside the bundle");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
  }

  /**
   * {@code --bundle ZIP_OR_DIR --bom POM --version V [--gpg GPG] [--gnupghome DIR]}: prints each
   * problem and exits 1 when there is any, 2 on bad arguments.
   */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--gpg", "gpg");
    options.put("--gnupghome", "");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length || !args[i].startsWith("--")) {
        err.println(
            "BundleCheck: usage: --bundle ZIP_OR_DIR --bom POM --version V [--gpg GPG] [--gnupghome DIR]");
        return 2;
      }
      options.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--bundle", "--bom", "--version")) {
      if (!options.containsKey(required)) {
        err.println("BundleCheck: " + required + " is required");
        return 2;
      }
    }
    PomFacts bom;
    try (InputStream in = Files.newInputStream(Paths.get(options.get("--bom")))) {
      bom = PomFacts.read(in, options.get("--bom"));
    }
    BundleCheck check =
        new BundleCheck(
            bom,
            options.get("--version"),
            new GpgSignatureCheck(
                options.get("--gpg"),
                options.get("--gnupghome").isEmpty()
                    ? null
                    : Paths.get(options.get("--gnupghome"))));
    Path bundle = Paths.get(options.get("--bundle"));
    List<String> problems;
    if (Files.isDirectory(bundle)) {
      problems = check.check(bundle);
    } else {
      Path unpacked = Files.createTempDirectory("bundle-check-");
      try {
        unzip(bundle, unpacked);
        problems = check.check(unpacked);
      } finally {
        deleteRecursively(unpacked);
      }
    }
    if (problems.isEmpty()) {
      out.println(
          "BundleCheck: OK: "
              + bundle
              + ": "
              + (bom.managedDependencies.size() + 1)
              + " published modules, "
              + check.filesChecked()
              + " files, each signed (verified) and summed (md5, sha1, sha256, sha512 matched)");
      return 0;
    }
    err.println(
        "BundleCheck: "
            + bundle
            + " would not pass Central's checks: "
            + problems.size()
            + " problems");
    new TreeSet<>(problems).forEach(problem -> err.println("  " + problem));
    return 1;
  }

  static void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException e)
                throws IOException {
              Files.delete(visited);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
