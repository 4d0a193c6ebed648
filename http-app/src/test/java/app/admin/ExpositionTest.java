package app.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.admin.Exposition.Type;
import app.metrics.Histogram;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void countersAndGaugesWithTheirHelpAndType() {
        var out = new Exposition();
        out.family("jobs_total", Type.COUNTER, "Jobs done.").sample(3, "kind", "a").sample(4, "kind", "b");
        out.family("temperature_celsius", Type.GAUGE, "Now.").sample(21.5);
        assertEquals("""
                # HELP jobs_total Jobs done.
                # TYPE jobs_total counter
                jobs_total{kind="a"} 3
                jobs_total{kind="b"} 4
                # HELP temperature_celsius Now.
                # TYPE temperature_celsius gauge
                temperature_celsius 21.5
                """, out.text());
    }

    @Test
    void labelValuesAndHelpAreEscapedAndParseBack() {
        var out = new Exposition();
        String awkward = "a\\b \"quoted\"\nnext {x=\"1\"}";
        out.family("odd_total", Type.COUNTER, "Help with \\ and\na line feed and \"quotes\".")
                .sample(1, "value", awkward, "empty", "");
        String text = out.text();
        assertTrue(text.contains("value=\"a\\\\b \\\"quoted\\\"\\nnext {x=\\\"1\\\"}\""), text);
        assertTrue(text.contains("# HELP odd_total Help with \\\\ and\\na line feed and \"quotes\"."), text);
        assertEquals(3, text.lines().count(), "HELP, TYPE and one line for the sample, whatever the label holds");
        var parsed = PrometheusText.parse(text);
        assertEquals(List.of(new PrometheusText.Sample("odd_total", Map.of("value", awkward, "empty", ""), 1)),
                parsed.samples());
        assertEquals("Help with \\ and\na line feed and \"quotes\".", parsed.help("odd_total"));
    }

    @Test
    void aHistogramHasCumulativeBucketsThenSumAndCount() {
        var histogram = new Histogram(0.001, 0.01, 0.1);
        for (long nanos : new long[] {500_000, 1_000_000, 5_000_000, 50_000_000, 2_000_000_000L}) {
            histogram.observe(nanos);
        }
        var out = new Exposition();
        out.family("wait_seconds", Type.HISTOGRAM, "Waits.").histogram(histogram.boundsSeconds(),
                histogram.cumulativeCounts(), histogram.sumSeconds(), "queue", "q1");
        assertEquals("""
                # HELP wait_seconds Waits.
                # TYPE wait_seconds histogram
                wait_seconds_bucket{queue="q1",le="0.001"} 2
                wait_seconds_bucket{queue="q1",le="0.01"} 3
                wait_seconds_bucket{queue="q1",le="0.1"} 4
                wait_seconds_bucket{queue="q1",le="+Inf"} 5
                wait_seconds_sum{queue="q1"} 2.0565
                wait_seconds_count{queue="q1"} 5
                """, out.text());
        var parsed = PrometheusText.parse(out.text());
        assertEquals(4, parsed.value("wait_seconds_bucket", "queue", "q1", "le", "0.1"));
        assertEquals("histogram", parsed.types().get("wait_seconds"));
    }

    @Test
    void numbersAreWrittenAsTheFormatReadsThem() {
        assertEquals("0.0005", Exposition.number(0.0005));
        assertEquals("10", Exposition.number(10));
        assertEquals("1796181677.535", Exposition.number(1796181677.535));
        assertEquals("0", Exposition.number(0));
        assertEquals("+Inf", Exposition.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", Exposition.number(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Exposition.number(Double.NaN));
    }

    @Test
    void badNamesAndRepeatedFamiliesAreRefused() {
        var out = new Exposition();
        assertThrows(IllegalArgumentException.class, () -> out.family("2xx_total", Type.COUNTER, "x"));
        assertThrows(IllegalArgumentException.class, () -> out.family("with-dash", Type.COUNTER, "x"));
        assertThrows(IllegalArgumentException.class, () -> out.family("__reserved", Type.COUNTER, "x"));
        var family = out.family("ok_total", Type.COUNTER, "x");
        assertThrows(IllegalArgumentException.class, () -> family.sample(1, "bad-label", "v"));
        assertThrows(IllegalArgumentException.class, () -> family.sample(1, "odd"));
        assertThrows(IllegalArgumentException.class, () -> out.family("ok_total", Type.COUNTER, "again"));
    }

    @Test
    void theParserRefusesWhatTheFormatForbids() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x_total 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE a counter\n# TYPE b counter\na 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE a counter\na{l=\"\\x\"} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"));
    }
}
