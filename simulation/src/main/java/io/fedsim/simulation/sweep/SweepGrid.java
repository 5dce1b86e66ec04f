package io.fedsim.simulation.sweep;

import io.fedsim.core.FedSimException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cartesian product of the sweep's axes, in odometer order: the first key varies slowest and the last
 * fastest, as nested loops written in the order the keys were given.
 */
public final class SweepGrid {
    private final List<SweepAxis> axes;

    public SweepGrid(List<SweepAxis> axes) {
        if (axes.isEmpty()) {
            throw new FedSimException("a sweep needs at least one --vary KEY=v1,v2,...");
        }
        Set<String> keys = new HashSet<>();
        for (SweepAxis axis : axes) {
            if (!keys.add(axis.key())) {
                throw new FedSimException("--vary " + axis.key() + " is given twice; list all its values in one --vary");
            }
        }
        this.axes = List.copyOf(axes);
    }

    public List<SweepAxis> axes() {
        return axes;
    }

    public List<String> keys() {
        return axes.stream().map(SweepAxis::key).toList();
    }

    public int size() {
        return axes.stream().mapToInt(a -> a.values().size()).reduce(1, Math::multiplyExact);
    }

    /** Every combination, numbered from 1. */
    public List<SweepPoint> points() {
        int size = size();
        int width = String.valueOf(size).length();
        List<SweepPoint> points = new ArrayList<>(size);
        int[] digit = new int[axes.size()];
        for (int index = 1; index <= size; index++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                values.put(axes.get(a).key(), axes.get(a).values().get(digit[a]));
            }
            points.add(new SweepPoint(index, width, values));
            advance(digit);
        }
        return points;
    }

    private void advance(int[] digit) {
        for (int a = axes.size() - 1; a >= 0; a--) {
            if (++digit[a] < axes.get(a).values().size()) {
                return;
            }
            digit[a] = 0;
        }
    }
}
