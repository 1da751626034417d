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
package dev.sluice.flume.planner;

import dev.sluice.flume.planner.Description.Destination;
import dev.sluice.flume.planner.Plan.Agent;
import dev.sluice.flume.planner.Plan.Role;
import dev.sluice.flume.planner.Plan.Tier;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a plan as SVG through JFreeSVG's Graphics2D: one column per hop (client tier, aggregating
 * tiers, destinations' nodes, destinations), a box per agent, a line per Avro connection. A tier of
 * more than {@value #MAX_BOXES} agents shows its first and last agents around a "more" box.
 */
final class TopologyPicture {
  static final int MAX_BOXES = 8;
  private static final double BOX_W = 150;
  private static final double BOX_H = 38;
  private static final double GAP_Y = 14;
  private static final double COL_W = 230;
  private static final double MARGIN = 30;
  private static final double TITLE_H = 50;
  private static final Color CLIENT = new Color(0xDCEBFA);
  private static final Color AGG = new Color(0xE3F4E1);
  private static final Color NODE = new Color(0xFFF1D6);
  private static final Color DEST = new Color(0xF1E4F6);
  private static final Color LINE = new Color(0x7A869A);

  private final Plan plan;
  private final IdentityHashMap<Object, Point2D.Double> anchors = new IdentityHashMap<>();
  private final List<List<Object>> columns = new ArrayList<>();
  private final Map<String, Object> destinationBoxes = new HashMap<>();

  private TopologyPicture(Plan plan) {
    this.plan = plan;
  }

  static String svg(Plan plan) {
    return new TopologyPicture(plan).draw();
  }

  private String draw() {
    layoutColumns();
    int rows = 0;
    for (List<Object> c : columns) {
      rows = Math.max(rows, c.size());
    }
    double width = 2 * MARGIN + columns.size() * COL_W;
    double height = TITLE_H + 2 * MARGIN + rows * (BOX_H + GAP_Y);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, (int) width, (int) height);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "Topology "
            + plan.description.name
            + " ("
            + plan.agents().size()
            + " agents, channel: "
            + plan.description.channel
            + ")",
        (float) MARGIN,
        (float) (MARGIN + 8));
    for (int c = 0; c < columns.size(); c++) {
      List<Object> col = columns.get(c);
      double colHeight = col.size() * (BOX_H + GAP_Y);
      double top = TITLE_H + MARGIN + (rows * (BOX_H + GAP_Y) - colHeight) / 2;
      for (int r = 0; r < col.size(); r++) {
        anchors.put(col.get(r), new Point2D.Double(MARGIN + c * COL_W, top + r * (BOX_H + GAP_Y)));
      }
    }
    g.setStroke(new BasicStroke(1.2f));
    edges(g);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (Map.Entry<Object, Point2D.Double> e : anchors.entrySet()) {
      box(g, e.getKey(), e.getValue());
    }
    return g.getSVGDocument();
  }

  private void layoutColumns() {
    for (Tier t : plan.tiers) {
      if (t.role == Role.FINAL) {
        continue;
      }
      columns.add(shown(t.agents));
    }
    List<Object> finals = new ArrayList<>();
    for (Tier t : plan.tiers) {
      if (t.role == Role.FINAL) {
        finals.addAll(shown(t.agents));
      }
    }
    if (!finals.isEmpty()) {
      columns.add(finals);
    }
    List<Object> dests = new ArrayList<>();
    for (Destination d : plan.description.destinations) {
      Object box = new DestinationBox(d);
      destinationBoxes.put(d.name, box);
      dests.add(box);
    }
    columns.add(dests);
  }

  /** The agents drawn for a tier: all, or the first and last few around a "more" marker. */
  private static List<Object> shown(List<Agent> agents) {
    List<Object> out = new ArrayList<>();
    if (agents.size() <= MAX_BOXES) {
      out.addAll(agents);
      return out;
    }
    int half = (MAX_BOXES - 1) / 2;
    out.addAll(agents.subList(0, half));
    out.add("... " + (agents.size() - 2 * half) + " more");
    out.addAll(agents.subList(agents.size() - half, agents.size()));
    return out;
  }

  private void edges(SVGGraphics2D g) {
    for (Tier t : plan.tiers) {
      for (Agent a : t.agents) {
        if (!anchors.containsKey(a)) {
          continue;
        }
        for (Plan.ChannelPlan c : a.channels) {
          List<Object> targets = new ArrayList<>();
          boolean failover = false;
          if (c.destination == null) {
            targets.addAll(t.next.agents);
          } else if (t.role != Role.FINAL && plan.finalTier(c.destination) != null) {
            targets.addAll(plan.finalTier(c.destination).agents);
            failover = plan.description.destination(c.destination).balance.equals("failover");
          } else {
            targets.add(destinationBoxes.get(c.destination));
          }
          boolean first = true;
          for (Object target : targets) {
            Point2D.Double to = anchors.get(target);
            if (to == null) {
              continue;
            }
            Point2D.Double from = anchors.get(a);
            g.setColor(LINE);
            g.setStroke(
                failover && !first
                    ? new BasicStroke(
                        1.2f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {6f, 4f},
                        0f)
                    : new BasicStroke(1.2f));
            g.draw(new Line2D.Double(from.x + BOX_W, from.y + BOX_H / 2, to.x, to.y + BOX_H / 2));
            first = false;
          }
        }
      }
    }
  }

  private static void box(SVGGraphics2D g, Object what, Point2D.Double at) {
    String title;
    String detail;
    Color fill;
    if (what instanceof Agent) {
      Agent a = (Agent) what;
      title = a.name;
      detail = a.hasAvroSource() ? "avro :" + a.port : "amps source";
      fill = a.tier.role == Role.CLIENT ? CLIENT : a.tier.role == Role.FINAL ? NODE : AGG;
    } else if (what instanceof DestinationBox) {
      Destination d = ((DestinationBox) what).destination;
      title = d.name;
      detail = d.kind + ", outage " + Figure.duration(d.worstOutageSeconds);
      fill = DEST;
    } else {
      title = String.valueOf(what);
      detail = "";
      fill = Color.WHITE;
    }
    RoundRectangle2D.Double r = new RoundRectangle2D.Double(at.x, at.y, BOX_W, BOX_H, 10, 10);
    g.setColor(fill);
    g.fill(r);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f));
    g.draw(r);
    g.setColor(Color.BLACK);
    g.drawString(title, (float) (at.x + 8), (float) (at.y + 16));
    g.setColor(Color.DARK_GRAY);
    g.drawString(detail, (float) (at.x + 8), (float) (at.y + 31));
  }

  /** A destination's box (an identity key of the layout, like an agent). */
  private static final class DestinationBox {
    final Destination destination;

    DestinationBox(Destination destination) {
      this.destination = destination;
    }
  }
}
