package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Times in the JSON report are written to thousandths without Double.toString, digit for digit as
 * Double.toString writes the rounded value: the output did not change, only its cost.
 */
@Timeout(30)
class JsonNumberTest {

    private static String written(double d) {
        Json j = new Json(false);
        j.value(d);
        return j.take();
    }

    private static String asBefore(double d) {
        return Double.isFinite(d) ? Double.toString(Math.round(d * 1000) / 1000.0) : "null";
    }

    @Test
    void edgesAreWrittenAsDoubleToStringWroteThem() {
        double[] edges = {0, -0.0, 0.0004, 0.0005, 0.001, 0.009, 0.01, 0.045, 0.1, 0.45, 0.5, 1, 9.999, 10, 12.3,
                12.345, 99.9995, 123.4567, 1000, 1005.2, 65_535.999, 9_999_999.999, 9_999_999.9995, 1e7, 3.2e9,
                -0.5, -0.0004, -12.345, -1e7, -1e300, 1e300, Double.NaN, Double.POSITIVE_INFINITY};
        for (double d : edges) {
            assertEquals(asBefore(d), written(d), "for " + d);
        }
    }

    @Test
    void aMillionRandomTimesAreWrittenAsBefore() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 1_000_000; i++) {
            // microseconds from a loopback connect to a ten-minute limit, and some past it
            double d = Math.pow(10, random.nextDouble(-4, 8)) * (random.nextInt(10) == 0 ? -1 : 1);
            assertEquals(asBefore(d), written(d), "for " + d);
        }
    }
}
