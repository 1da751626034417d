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
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a POM file says about itself, read from the file alone (no parent, no interpolation): a
 * published POM must state everything Central requires in itself.
 */
final class PomFacts {
  /** A dependency as written: {@code groupId:artifactId}, its version text and scope. */
  static final class Dependency {
    final String key;
    final String version;
    final String scope;

    Dependency(String key, String version, String scope) {
      this.key = key;
      this.version = version;
      this.scope = scope;
    }

    @Override
    public String toString() {
      return key + ":" + version + (scope.isEmpty() ? "" : " (" + scope + ")");
    }
  }

  /** A licence element: its name, url and comments. */
  static final class License {
    final String name;
    final String url;
    final String comments;

    License(String name, String url, String comments) {
      this.name = name;
      this.url = url;
      this.comments = comments;
    }
  }

  final String groupId;
  final String artifactId;
  final String version;
  final String packaging;
  final String name;
  final String description;
  final String url;
  final boolean hasParent;
  final String parentVersion;
  final List<License> licenses;
  final List<String> developerNames;
  final String scmUrl;
  final String scmConnection;
  final List<Dependency> dependencies;
  final List<Dependency> managedDependencies;

  private PomFacts(Element project) {
    Element parent = child(project, "parent");
    this.hasParent = parent != null;
    this.parentVersion = text(parent, "version");
    String group = text(project, "groupId");
    this.groupId = group.isEmpty() ? text(parent, "groupId") : group;
    this.artifactId = text(project, "artifactId");
    String ownVersion = text(project, "version");
    this.version = ownVersion.isEmpty() ? parentVersion : ownVersion;
    String kind = text(project, "packaging");
    this.packaging = kind.isEmpty() ? "jar" : kind;
    this.name = text(project, "name");
    this.description = text(project, "description");
    this.url = text(project, "url");
    this.licenses = new ArrayList<>();
    for (Element license : children(child(project, "licenses"), "license")) {
      licenses.add(
          new License(text(license, "name"), text(license, "url"), text(license, "comments")));
    }
    this.developerNames = new ArrayList<>();
    for (Element developer : children(child(project, "developers"), "developer")) {
      String who = text(developer, "name");
      developerNames.add(who.isEmpty() ? text(developer, "id") : who);
    }
    Element scm = child(project, "scm");
    this.scmUrl = text(scm, "url");
    this.scmConnection = text(scm, "connection");
    this.dependencies = dependencies(child(project, "dependencies"));
    this.managedDependencies =
        dependencies(child(child(project, "dependencyManagement"), "dependencies"));
  }

  static PomFacts read(InputStream in, String what) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      Document document = builder.parse(in);
      Element root = document.getDocumentElement();
      if (!"project".equals(root.getNodeName())) {
        throw new IOException(what + " is not a POM: its root element is " + root.getNodeName());
      }
      return new PomFacts(root);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(what + " is not a well-formed POM: " + e.getMessage(), e);
    }
  }

  private static List<Dependency> dependencies(Element list) {
    List<Dependency> out = new ArrayList<>();
    for (Element dependency : children(list, "dependency")) {
      out.add(
          new Dependency(
              text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
              text(dependency, "version"),
              text(dependency, "scope")));
    }
    return out;
  }

  private static Element child(Element parent, String tag) {
    List<Element> found = children(parent, tag);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node.getNodeType() == Node.ELEMENT_NODE && tag.equals(node.getNodeName())) {
        out.add((Element) node);
      }
    }
    return out;
  }

  private static String text(Element parent, String tag) {
    Element element = child(parent, tag);
    return element == null ? "" : element.getTextContent().trim();
  }
}
