package app.admin;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: for each metric family its
 * {@code # HELP} and {@code # TYPE} lines, then its samples, one per line, each family written
 * once and whole. Label values are escaped as the format requires (backslash, double quote,
 * line feed); names are checked against the format's grammar.
 */
final class Exposition {

    /** The media type of what this writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The metric types of the format that this server uses. */
    enum Type { COUNTER, GAUGE, HISTOGRAM }

    private final StringBuilder out = new StringBuilder(8 * 1024);
    private final Set<String> families = new HashSet<>();

    /**
     * Starts the family {@code name}: its HELP and TYPE lines. Its samples follow, before the
     * next family starts.
     *
     * @throws IllegalArgumentException if the name is not a valid metric name, or was used already
     */
    Family family(String name, Type type, String help) {
        if (!METRIC_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (!families.add(name)) {
            throw new IllegalArgumentException("metric family written twice: " + name);
        }
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append("\n# TYPE ").append(name).append(' ').append(type.name().toLowerCase(Locale.ROOT))
                .append('\n');
        return new Family(name, type);
    }

    /** Everything written so far. */
    String text() {
        return out.toString();
    }

    /** The samples of one family. Labels are given as name, value, name, value... */
    final class Family {
        private final String name;
        private final Type type;

        private Family(String name, Type type) {
            this.name = name;
            this.type = type;
        }

        /** A counter or gauge sample. */
        Family sample(long value, String... labels) {
            line(name, labels, null, null);
            out.append(value).append('\n');
            return this;
        }

        /** A counter or gauge sample that is not a whole number. */
        Family sample(double value, String... labels) {
            line(name, labels, null, null);
            out.append(number(value)).append('\n');
            return this;
        }

        /**
         * A histogram's samples: {@code _bucket} for each bound with its cumulative count, then
         * {@code +Inf}, {@code _sum} and {@code _count}.
         *
         * @param cumulative one count per bound, then the total
         */
        Family histogram(double[] bounds, long[] cumulative, double sum, String... labels) {
            if (type != Type.HISTOGRAM || cumulative.length != bounds.length + 1) {
                throw new IllegalArgumentException("not a histogram of " + bounds.length + " bounds: " + name);
            }
            for (int i = 0; i <= bounds.length; i++) {
                line(name + "_bucket", labels, "le", i < bounds.length ? number(bounds[i]) : "+Inf");
                out.append(cumulative[i]).append('\n');
            }
            line(name + "_sum", labels, null, null);
            out.append(number(sum)).append('\n');
            line(name + "_count", labels, null, null);
            out.append(cumulative[bounds.length]).append('\n');
            return this;
        }

        private void line(String sample, String[] labels, String extraName, String extraValue) {
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("labels come in name-value pairs: " + sample);
            }
            out.append(sample);
            if (labels.length > 0 || extraName != null) {
                out.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    label(i > 0, labels[i], labels[i + 1]);
                }
                if (extraName != null) {
                    label(labels.length > 0, extraName, extraValue);
                }
                out.append('}');
            }
            out.append(' ');
        }

        private void label(boolean comma, String label, String value) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: " + label);
            }
            if (comma) {
                out.append(',');
            }
            out.append(label).append("=\"");
            escape(value, true);
            out.append('"');
        }
    }

    /** Backslash and line feed escaped; in a label value, the double quote too. */
    private void escape(String text, boolean labelValue) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(labelValue ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    /** A value as the format writes floats: {@code +Inf}, {@code -Inf}, {@code NaN}, else plain decimal digits. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
