package io.fedsim.simulation.output;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Just enough JSON writing for FedSim's flat records: strings, numbers (NaN as null), booleans, nesting. */
public final class Json {
    private Json() {
    }

    /** One JSON object from an ordered map whose values are String, Number, Boolean, Map, List, or null. */
    public static String object(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(quote(e.getKey())).append(':').append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    /** One JSON array of values as {@link #object} takes them. */
    public static String array(List<?> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? "," : "").append(value(values.get(i)));
        }
        return sb.append(']').toString();
    }

    @SuppressWarnings("unchecked")
    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : number(d);
        }
        if (v instanceof Float f) {
            return value(f.doubleValue());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            return object((Map<String, ?>) m);
        }
        if (v instanceof List<?> list) {
            return array(list);
        }
        return quote(v.toString());
    }

    /** Shortest round-tripping decimal, without exponent noise for ordinary values. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) { // an integral value as "12.0" (and -0.0 as "-0.0")
            return (Double.doubleToRawLongBits(d) == Long.MIN_VALUE ? "-" : "") + (long) d + ".0";
        }
        return Double.toString(d);
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
