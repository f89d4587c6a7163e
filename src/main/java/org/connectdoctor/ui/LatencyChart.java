package org.connectdoctor.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;

/**
 * The latest rounds' success times as one line, with the slowest and fastest written beside it.
 * A single Polyline over at most {@link ProbeViewModel#CHART_POINTS} points: a LineChart re-lays
 * its axes and rebuilds a node per point on every change, which during a flood is the costliest
 * thing the FX thread would do (measured: frames of 400-600 ms in FloodWindowTest).
 */
final class LatencyChart extends Region {
    private static final double LEFT = 86;
    private final Polyline line = new Polyline();
    private final Line base = new Line();
    private final Label max = new Label();
    private final Label min = new Label();
    private final Label caption = new Label();
    private List<ProbeViewModel.Point> points = List.of();

    LatencyChart() {
        getStyleClass().add("latency-chart");
        line.getStyleClass().add("latency-line");
        base.getStyleClass().add("latency-base");
        for (Label l : List.of(max, min, caption)) {
            l.getStyleClass().add(Styles.SOURCE_LINE);
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        caption.setId("latency-caption");
        getChildren().addAll(base, line, max, min, caption);
        setPadding(new Insets(4, 8, 4, 4));
        setMinHeight(90);
        setPrefHeight(130);
    }

    /** Shows these points (round, ms); the latest last. */
    void show(List<ProbeViewModel.Point> latest) {
        points = List.copyOf(latest);
        if (points.isEmpty()) {
            caption.setText("");
            max.setText("");
            min.setText("");
        } else {
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (ProbeViewModel.Point p : points) {
                lo = Math.min(lo, p.millis());
                hi = Math.max(hi, p.millis());
            }
            max.setText(String.format(Locale.ROOT, "%.3f ms", hi));
            min.setText(String.format(Locale.ROOT, "%.3f ms", lo));
            long first = points.get(0).round();
            long last = points.get(points.size() - 1).round();
            caption.setText(first == last ? "probe " + first : "time of probes " + first + " to " + last);
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        double captionH = caption.prefHeight(-1);
        double plotX = in.getLeft() + LEFT;
        double plotW = Math.max(1, w - LEFT);
        double plotTop = in.getTop();
        double plotH = Math.max(1, h - captionH - 2);
        max.resizeRelocate(in.getLeft(), plotTop, LEFT - 6, max.prefHeight(-1));
        min.resizeRelocate(in.getLeft(), plotTop + plotH - min.prefHeight(-1), LEFT - 6, min.prefHeight(-1));
        caption.resizeRelocate(plotX, plotTop + plotH + 2, Math.min(plotW, caption.prefWidth(-1)), captionH);
        base.setStartX(plotX);
        base.setEndX(plotX + plotW);
        base.setStartY(plotTop + plotH);
        base.setEndY(plotTop + plotH);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (ProbeViewModel.Point p : points) {
            lo = Math.min(lo, p.millis());
            hi = Math.max(hi, p.millis());
        }
        double span = hi - lo <= 0 ? 1 : hi - lo;
        int n = points.size();
        Double[] xy = new Double[n * 2];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = plotX + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            xy[2 * i + 1] = plotTop + plotH - plotH * (points.get(i).millis() - lo) / span;
        }
        line.getPoints().setAll(xy);
    }
}
