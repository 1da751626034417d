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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Central bundle that passes BundleCheck, written in a directory: sluice-bom (managing
 * sluice-widget) and sluice-widget with its jar, sources, javadoc and plugin tarball, each with a
 * signature and four checksums. Tests break one thing and expect the check to say so.
 */
final class BundleFixture {
  static final String VERSION = "1.0.0";
  static final String GROUP_DIR = "dev/sluice";

  final Path root;

  /**
   * Signs a file: writes {@code file.asc}. The default writes what {@link #FAKE_SIGNATURES} takes.
   */
  private final Signer signer;

  interface Signer {
    void sign(Path file) throws IOException;
  }

  /** Accepts an {@code .asc} that holds "signed " and the file's sha256. */
  static final SignatureCheck FAKE_SIGNATURES =
      (file, signature) -> {
        try {
          String expected = "signed " + Checksums.of(file, "sha256");
          String actual = Files.readString(signature).trim();
          return expected.equals(actual)
              ? java.util.Optional.empty()
              : java.util.Optional.of("the fake signature does not match the file");
        } catch (IOException e) {
          return java.util.Optional.of(e.toString());
        }
      };

  static final Signer FAKE_SIGNER =
      file ->
          Files.writeString(
              file.resolveSibling(file.getFileName() + ".asc"),
              "signed " + Checksums.of(file, "sha256"));

  BundleFixture(Path root) {
    this(root, FAKE_SIGNER);
  }

  BundleFixture(Path root, Signer signer) {
    this.root = root;
    this.signer = signer;
  }

  /** Writes the passing bundle; returns this. */
  BundleFixture write() throws IOException {
    writeFile("sluice-bom", "sluice-bom-" + VERSION + ".pom", pom("sluice-bom", "pom", bomBody()));
    writeFile(
        "sluice-widget",
        "sluice-widget-" + VERSION + ".pom",
        pom("sluice-widget", "jar", dependency("dev.sluice:sluice-common:" + VERSION)));
    writeFile(
        "sluice-widget", "sluice-widget-" + VERSION + ".jar", zip(Map.of("a/Widget.class", "x")));
    writeFile(
        "sluice-widget",
        "sluice-widget-" + VERSION + "-sources.jar",
        zip(Map.of("a/Widget.java", "class Widget {}")));
    writeFile(
        "sluice-widget",
        "sluice-widget-" + VERSION + "-javadoc.jar",
        zip(Map.of("index.html", "<html></html>")));
    writeFile(
        "sluice-widget",
        "sluice-widget-" + VERSION + "-plugin.tar.gz",
        tarGz(
            List.of(
                "sluice-widget/lib/sluice-widget-" + VERSION + ".jar",
                "sluice-widget/libext/sluice-common-" + VERSION + ".jar")));
    return this;
  }

  Path dir(String artifact) {
    return root.resolve(GROUP_DIR).resolve(artifact).resolve(VERSION);
  }

  Path file(String artifact, String name) {
    return dir(artifact).resolve(name);
  }

  /** Writes (or rewrites) a file with its signature and all four checksums. */
  void writeFile(String artifact, String name, byte[] content) throws IOException {
    Path file = file(artifact, name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    signer.sign(file);
    for (String suffix : Checksums.ALL) {
      Files.writeString(file.resolveSibling(name + "." + suffix), Checksums.of(file, suffix));
    }
  }

  void writeFile(String artifact, String name, String content) throws IOException {
    writeFile(artifact, name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A complete published POM; {@code body} goes after scm. */
  static String pom(String artifact, String packaging, String body) {
    return pomWith(artifact, packaging, body, new LinkedHashMap<>());
  }

  /**
   * A POM with some of its Central elements replaced: element name to its replacement text ("" to
   * leave it out).
   */
  static String pomWith(
      String artifact, String packaging, String body, Map<String, String> replaced) {
    Map<String, String> elements = new LinkedHashMap<>();
    elements.put("name", "<name>Sluice " + artifact + "</name>");
    elements.put("description", "<description>What " + artifact + " does.</description>");
    elements.put("url", "<url>https://example.invalid/sluice</url>");
    elements.put(
        "licenses",
        "<licenses><license><name>Apache License, Version 2.0</name>"
            + "<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>"
            + "<comments>Uses the proprietary amps-client, never bundled.</comments>"
            + "</license></licenses>");
    elements.put(
        "developers",
        "<developers><developer><name>The Sluice Authors</name></developer></developers>");
    elements.put(
        "scm",
        "<scm><connection>scm:git:https://example.invalid/sluice.git</connection>"
            + "<url>https://example.invalid/sluice</url></scm>");
    elements.putAll(replaced);
    StringBuilder pom = new StringBuilder();
    pom.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
        .append("<modelVersion>4.0.0</modelVersion>\n");
    if (elements.containsKey("parent")) {
      pom.append(elements.remove("parent")).append('\n');
    }
    pom.append("<groupId>dev.sluice</groupId>\n")
        .append("<artifactId>")
        .append(artifact)
        .append("</artifactId>\n<version>")
        .append(VERSION)
        .append("</version>\n<packaging>")
        .append(packaging)
        .append("</packaging>\n");
    for (String element : elements.values()) {
      pom.append(element).append('\n');
    }
    return pom.append(body).append("</project>\n").toString();
  }

  static String bomBody() {
    return "<dependencyManagement><dependencies>"
        + "<dependency><groupId>dev.sluice</groupId><artifactId>sluice-widget</artifactId>"
        + "<version>"
        + VERSION
        + "</version></dependency>"
        + "</dependencies></dependencyManagement>\n";
  }

  /** {@code group:artifact:version[:scope]} as a dependencies element. */
  static String dependency(String coordinates) {
    String[] parts = coordinates.split(":");
    return "<dependencies><dependency><groupId>"
        + parts[0]
        + "</groupId><artifactId>"
        + parts[1]
        + "</artifactId><version>"
        + parts[2]
        + "</version>"
        + (parts.length > 3 ? "<scope>" + parts[3] + "</scope>" : "")
        + "</dependency></dependencies>\n";
  }

  PomFacts bom() throws IOException {
    try (InputStream in =
        Files.newInputStream(file("sluice-bom", "sluice-bom-" + VERSION + ".pom"))) {
      return PomFacts.read(in, "sluice-bom");
    }
  }

  static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A ustar tarball, gzipped, of empty files with the given names (each under 100 bytes). */
  static byte[] tarGz(List<String> names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      for (String name : names) {
        out.write(tarHeader(name));
      }
      out.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static byte[] tarHeader(String name) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, "00000000000");
    put(header, 136, "00000000000");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format(Locale.ROOT, "%06o", sum));
    header[154] = 0;
    return header;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  static List<String> tarNamesWith(String extra) {
    List<String> names = new ArrayList<>();
    names.add("sluice-widget/lib/sluice-widget-" + VERSION + ".jar");
    names.add(extra);
    return names;
  }
}
