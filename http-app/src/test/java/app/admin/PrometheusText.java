package app.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A small, strict parser of the Prometheus text exposition format 0.0.4, for tests: it reads
 * HELP and TYPE lines and samples (with escaped label values), and refuses what the format does
 * not allow — a sample before its family's TYPE, a family split or repeated, a malformed line,
 * a histogram whose buckets do not rise or whose {@code +Inf} bucket is not its count.
 */
public final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: its name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> help = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the first line that breaks the format. */
    public static PrometheusText parse(String text) {
        var parsed = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        String current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                current = parsed.line(line, current);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
            }
        }
        parsed.checkHistograms();
        return parsed;
    }

    /** Reads one line; returns the family now being written. */
    private String line(String line, String current) {
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ", 2);
            String name = parts[0];
            require(NAME.matcher(name).matches(), "bad metric name");
            if (line.startsWith("# HELP ")) {
                require(help.put(name, unescape(parts.length > 1 ? parts[1] : "", false)) == null, "second HELP");
            } else {
                require(parts.length == 2 && TYPES.contains(parts[1]), "bad TYPE");
                require(!types.containsKey(name), "family repeated");
                require(samples.stream().noneMatch(s -> family(s.name()).equals(name)), "TYPE after samples");
                types.put(name, parts[1]);
            }
            return name;
        }
        if (line.startsWith("#")) {
            return current;
        }
        Sample sample = sample(line);
        String family = family(sample.name());
        require(types.containsKey(family), "sample without a TYPE");
        require(family.equals(current), "family interleaved with " + current);
        samples.add(sample);
        return current;
    }

    private Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(NAME.matcher(name).matches(), "bad metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                require(LABEL.matcher(label).matches(), "bad label name '" + label + "'");
                require(line.charAt(eq + 1) == '"', "label value not quoted");
                var value = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("bad escape \\" + next);
                        });
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                require(labels.put(label, value.toString()) == null, "label repeated");
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        require(i < line.length() && line.charAt(i) == ' ', "no value");
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2, "extra fields");
        return new Sample(name, labels, number(rest[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The family a sample name belongs to: a histogram's {@code _bucket}, {@code _sum}, {@code _count} belong to it. */
    private String family(String name) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return name;
    }

    private void checkHistograms() {
        types.forEach((name, type) -> {
            if (type.equals("counter")) {
                samples.stream().filter(s -> s.name().equals(name))
                        .forEach(s -> require(s.value() >= 0, "negative counter " + name));
            }
            if (type.equals("histogram")) {
                checkHistogram(name);
            }
        });
    }

    /** Each series of the histogram (its labels but {@code le}): rising bounds, cumulative counts, +Inf = _count. */
    private void checkHistogram(String name) {
        Map<Map<String, String>, double[]> series = new HashMap<>();
        for (Sample s : samples) {
            if (!s.name().equals(name + "_bucket")) {
                continue;
            }
            require(s.labels().containsKey("le"), "a bucket of " + name + " without le");
            var labels = new TreeMap<>(s.labels());
            double bound = number(labels.remove("le"));
            // {last bound, last count, +Inf count}
            double[] state = series.computeIfAbsent(labels, k -> new double[] {Double.NEGATIVE_INFINITY, -1, -1});
            require(bound > state[0], "buckets of " + name + " out of order");
            require(s.value() >= state[1], "buckets of " + name + " not cumulative");
            state[0] = bound;
            state[1] = s.value();
            if (bound == Double.POSITIVE_INFINITY) {
                state[2] = s.value();
            }
        }
        require(!series.isEmpty(), name + " has no buckets");
        series.forEach((labels, state) -> {
            String[] pairs = labels.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                    .toArray(String[]::new);
            require(state[2] >= 0, name + " has no +Inf bucket");
            require(value(name + "_count", pairs) == state[2], name + "_count is not its +Inf bucket");
            require(!Double.isNaN(value(name + "_sum", pairs)), name + " has no _sum");
        });
    }

    private static String unescape(String text, boolean labelValue) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == '\\' ? '\\' : next == '"' && labelValue ? '"' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The TYPE of every family, in the order written. */
    public Map<String, String> types() {
        return Map.copyOf(types);
    }

    /** The HELP text of {@code family}, unescaped. */
    public String help(String family) {
        return help.get(family);
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The value of the sample {@code name} with exactly {@code labels} (name, value, ...); NaN when there is none. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && new TreeMap<>(s.labels()).equals(wanted))
                .mapToDouble(Sample::value).findFirst().orElse(Double.NaN);
    }

    /** As {@link #value}, with a series not written counting as 0 (labelled counters appear once they move). */
    public double count(String name, String... labels) {
        double value = value(name, labels);
        return Double.isNaN(value) ? 0 : value;
    }
}
