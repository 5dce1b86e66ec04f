package io.fedsim.simulation.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void integralNumbersKeepOneDecimalAndOthersRoundTrip() {
        assertThat(Json.number(12.0)).isEqualTo("12.0");
        assertThat(Json.number(-3.0)).isEqualTo("-3.0");
        assertThat(Json.number(0.0)).isEqualTo("0.0");
        assertThat(Json.number(-0.0)).isEqualTo("-0.0");
        assertThat(Json.number(999_999_999_999_999.0)).isEqualTo("999999999999999.0");
        assertThat(Json.number(1e15)).isEqualTo("1.0E15");
        assertThat(Json.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Double.parseDouble(Json.number(0.8425))).isEqualTo(0.8425);
    }

    @Test
    void objectsWriteNaNAsNullAndEscapeStrings() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("round", 3);
        row.put("loss", Double.NaN);
        row.put("acc", 0.5);
        row.put("reason", "a \"quoted\"\nline");
        row.put("ids", List.of(1, 2));
        assertThat(Json.object(row))
                .isEqualTo("{\"round\":3,\"loss\":null,\"acc\":0.5,\"reason\":\"a \\\"quoted\\\"\\nline\",\"ids\":[1,2]}");
    }
}
